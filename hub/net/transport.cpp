#include "hub/net/plain_transport.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace hub::net {

void Transport::closeDescriptor() {
    if (fd_ < 0) return;
    ::close(fd_);
    fd_ = -1;
}

IoResult PlainTransport::read(char* buffer, std::size_t capacity) {
    for (;;) {
        const ssize_t n = ::recv(fd(), buffer, capacity, 0);
        if (n > 0) return {IoStatus::Done, static_cast<std::size_t>(n)};
        if (n == 0) return {IoStatus::Closed, 0};
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) return {IoStatus::WantRead, 0};
        return {IoStatus::Failed, 0};
    }
}

IoResult PlainTransport::write(const char* data, std::size_t length) {
    for (;;) {
        const ssize_t n = ::send(fd(), data, length, MSG_NOSIGNAL);
        if (n >= 0) return {IoStatus::Done, static_cast<std::size_t>(n)};
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) return {IoStatus::WantWrite, 0};
        return {IoStatus::Failed, 0};
    }
}

}  // namespace hub::net
