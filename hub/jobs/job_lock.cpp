#include "hub/jobs/job_lock.h"

#include "hub/core/error.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>
#include <utility>

namespace hub::jobs {
namespace {

int openLockFile(const std::filesystem::path& lockFile) {
    std::filesystem::create_directories(lockFile.parent_path());
    const int fd = ::open(lockFile.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) throw Error(ErrorCode::Unavailable, "cannot open " + lockFile.string() + ": " + std::strerror(errno));
    return fd;
}

}  // namespace

std::filesystem::path jobLockFile(const std::filesystem::path& dataDir, std::string_view jobName) {
    return dataDir / "jobs" / (std::string(jobName) + ".lock");
}

std::optional<JobLock> JobLock::tryAcquire(const std::filesystem::path& lockFile) {
    const int fd = openLockFile(lockFile);
    // A few tries: jobLockHeld() holds a shared lock for an instant, and a
    // status request at that moment must not make a run give up.
    for (int attempt = 0; attempt < 5; ++attempt) {
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) return JobLock(fd);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ::close(fd);
    return std::nullopt;
}

JobLock::~JobLock() {
    if (fd_ >= 0) ::close(fd_);  // closing the descriptor releases the lock
}

JobLock::JobLock(JobLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

bool jobLockHeld(const std::filesystem::path& lockFile) {
    if (!std::filesystem::exists(lockFile)) return false;
    const int fd = openLockFile(lockFile);
    const bool held = ::flock(fd, LOCK_SH | LOCK_NB) != 0;
    ::close(fd);
    return held;
}

}  // namespace hub::jobs
