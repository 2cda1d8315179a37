#include "hub/store/data_dir_lock.h"

#include "hub/core/error.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace hub::store {
namespace {

// The descriptor holding `operation` (LOCK_SH or LOCK_EX) on the lock file, or -1 if another holds it.
int tryLock(const std::filesystem::path& dataDir, int operation) {
    const auto file = dataDirLockFile(dataDir);
    // Read-only is enough for flock(2); 0644 lets the daemon open a lock file a
    // root-run command made (the file is empty; the directory itself is 0700).
    const int fd = ::open(file.c_str(), O_RDONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) throw Error(ErrorCode::Unavailable, "cannot open " + file.string() + ": " + std::strerror(errno));
    if (::flock(fd, operation | LOCK_NB) == 0) return fd;
    const int error = errno;
    ::close(fd);
    if (error != EWOULDBLOCK)
        throw Error(ErrorCode::Unavailable, "cannot lock " + file.string() + ": " + std::strerror(error));
    return -1;
}

}  // namespace

std::optional<DataDirLock> DataDirLock::shareForDaemon(const std::filesystem::path& dataDir) {
    const int fd = tryLock(dataDir, LOCK_SH);
    if (fd < 0) return std::nullopt;
    return DataDirLock(fd);
}

std::optional<DataDirLock> DataDirLock::takeForRestore(const std::filesystem::path& dataDir) {
    const int fd = tryLock(dataDir, LOCK_EX);
    if (fd < 0) return std::nullopt;
    return DataDirLock(fd);
}

DataDirLock::~DataDirLock() {
    if (fd_ >= 0) ::close(fd_);  // closing the descriptor releases the lock
}

DataDirLock::DataDirLock(DataDirLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

DataDirLock& DataDirLock::operator=(DataDirLock&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
}

}  // namespace hub::store
