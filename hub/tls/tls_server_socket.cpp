#include "hub/tls/tls_server_socket.h"

#include "hub/tls/tls_stream_socket.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace hub::tls {

TlsServerSocketImpl::TlsServerSocketImpl(std::shared_ptr<const TlsServerContextHolder> contexts)
    : contexts_(std::move(contexts)) {}

Poco::Net::SocketImpl* TlsServerSocketImpl::acceptConnection(Poco::Net::SocketAddress& clientAddress) {
    if (sockfd() == POCO_INVALID_SOCKET) throw Poco::InvalidAccessException("accept on a closed TLS server socket");
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    int fd = -1;
    do {
        fd = ::accept4(sockfd(), reinterpret_cast<sockaddr*>(&address), &length, SOCK_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) error();
    try {
        clientAddress = Poco::Net::SocketAddress(reinterpret_cast<const sockaddr*>(&address), length);
        return new TlsStreamSocketImpl(fd, contexts_->current());
    } catch (...) {
        ::close(fd);  // the descriptor has no owner yet
        throw;
    }
}

TlsServerSocket::TlsServerSocket(std::shared_ptr<const TlsServerContextHolder> contexts,
                                 const Poco::Net::SocketAddress& address, int backlog)
    : Poco::Net::ServerSocket(new TlsServerSocketImpl(std::move(contexts)), true) {
    // reuseAddress (restart without TIME_WAIT trouble) but not reusePort: a second
    // hub on the same port must fail to start, not silently share connections.
    impl()->bind(address, true, false);
    impl()->listen(backlog);
}

}  // namespace hub::tls
