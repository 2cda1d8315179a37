#include "hub/tls/secure_file.h"

#include "hub/tls/tls_error.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

namespace hub::tls {
namespace {

class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : fd_(fd) {}
    ~FileDescriptor() {
        if (fd_ >= 0) ::close(fd_);
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const { return fd_; }
    int release() { return std::exchange(fd_, -1); }

private:
    int fd_;
};

[[noreturn]] void fail(const std::filesystem::path& file, const char* what) {
    throw TlsError(std::string(what) + " " + file.string(), std::strerror(errno));
}

}  // namespace

void writeFileAtomically(const std::filesystem::path& file, std::string_view contents, mode_t mode) {
    const std::filesystem::path temporary = file.string() + ".tmp";
    ::unlink(temporary.c_str());  // O_EXCL below: never reuse a file someone else created
    FileDescriptor fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode));
    if (fd.get() < 0) fail(temporary, "cannot create");
    // The umask may have narrowed the mode; for key files it can only be stricter,
    // but certificates should be readable as asked.
    if (::fchmod(fd.get(), mode) != 0) fail(temporary, "cannot chmod");
    std::size_t written = 0;
    while (written < contents.size()) {
        const ssize_t n = ::write(fd.get(), contents.data() + written, contents.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail(temporary, "cannot write");
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd.get()) != 0) fail(temporary, "cannot fsync");
    if (::close(fd.release()) != 0) fail(temporary, "cannot close");
    if (::rename(temporary.c_str(), file.c_str()) != 0) fail(file, "cannot rename onto");
}

}  // namespace hub::tls
