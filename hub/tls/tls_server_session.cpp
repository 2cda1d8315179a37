#include "hub/tls/tls_server_session.h"

#include "hub/core/log.h"
#include "hub/tls/resumption_signal.h"
#include "hub/tls/tls_error.h"

#include <mbedtls/net_sockets.h>

#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace hub::tls {
namespace {

constexpr std::size_t readAheadBytes = 16 * 1024 + 512;  // a whole record and its header

net::IoResult wouldBlock(int ret) {
    return {ret == MBEDTLS_ERR_SSL_WANT_WRITE ? net::IoStatus::WantWrite : net::IoStatus::WantRead, 0};
}

bool isWouldBlock(int ret) { return ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE; }

bool isPeerClosed(int ret) {
    return ret == 0 || ret == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY || ret == MBEDTLS_ERR_SSL_CONN_EOF ||
           ret == MBEDTLS_ERR_NET_CONN_RESET;
}

}  // namespace

ServerSession::ServerSession(int fd, std::shared_ptr<const TlsServerContext> context)
    : net::Transport(fd), context_(std::move(context)) {
    throwOnError(mbedtls_ssl_setup(ssl_.get(), context_->config()), "creating a TLS session");
    mbedtls_ssl_set_bio(ssl_.get(), this, &ServerSession::bioSend, &ServerSession::bioReceive, nullptr);
}

ServerSession::~ServerSession() {
    // Best effort and non-blocking: a peer that stopped reading does not delay close.
    if (handshakeDone_ && fd() >= 0) (void)mbedtls_ssl_close_notify(ssl_.get());
}

int ServerSession::bioSend(void* self, const unsigned char* buffer, std::size_t length) {
    const auto* s = static_cast<ServerSession*>(self);
    const ssize_t n = ::send(s->fd(), buffer, length, MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n >= 0) return static_cast<int>(n);
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return MBEDTLS_ERR_SSL_WANT_WRITE;
    if (errno == EPIPE || errno == ECONNRESET) return MBEDTLS_ERR_NET_CONN_RESET;
    return MBEDTLS_ERR_NET_SEND_FAILED;
}

int ServerSession::bioReceive(void* self, unsigned char* buffer, std::size_t length) {
    auto* s = static_cast<ServerSession*>(self);
    if (s->readAheadAt_ == s->readAhead_.size()) {
        s->readAhead_.resize(readAheadBytes);
        const ssize_t n = ::recv(s->fd(), s->readAhead_.data(), s->readAhead_.size(), MSG_DONTWAIT);
        if (n <= 0) {
            s->readAhead_.clear();
            s->readAheadAt_ = 0;
            if (n == 0) return 0;  // mbedTLS reads 0 as the peer having closed
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return MBEDTLS_ERR_SSL_WANT_READ;
            if (errno == ECONNRESET) return MBEDTLS_ERR_NET_CONN_RESET;
            return MBEDTLS_ERR_NET_RECV_FAILED;
        }
        s->readAhead_.resize(static_cast<std::size_t>(n));
        s->readAheadAt_ = 0;
    }
    const std::size_t take = std::min(length, s->readAhead_.size() - s->readAheadAt_);
    std::memcpy(buffer, s->readAhead_.data() + s->readAheadAt_, take);
    s->readAheadAt_ += take;
    if (s->readAheadAt_ == s->readAhead_.size()) {
        // Drained: an idle connection keeps no buffer.
        std::string().swap(s->readAhead_);
        s->readAheadAt_ = 0;
    }
    return static_cast<int>(take);
}

net::IoResult ServerSession::handshake() {
    if (handshakeDone_) return {net::IoStatus::Done, 0};
    int ret = 0;
    {
        detail::ResumptionWatch watch(resumed_);
        ret = mbedtls_ssl_handshake(ssl_.get());
    }
    if (ret == 0) {
        handshakeDone_ = true;
        return {net::IoStatus::Done, 0};
    }
    if (isWouldBlock(ret)) return wouldBlock(ret);
    if (!isPeerClosed(ret)) log::debug("tls", "handshake failed: " + mbedtlsErrorText(ret));
    return {isPeerClosed(ret) ? net::IoStatus::Closed : net::IoStatus::Failed, 0};
}

net::IoResult ServerSession::read(char* buffer, std::size_t capacity) {
    for (;;) {
        const int ret = mbedtls_ssl_read(ssl_.get(), reinterpret_cast<unsigned char*>(buffer), capacity);
        if (ret > 0) return {net::IoStatus::Done, static_cast<std::size_t>(ret)};
        if (isWouldBlock(ret)) return wouldBlock(ret);
        if (isPeerClosed(ret)) return {net::IoStatus::Closed, 0};
#if defined(MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET)
        if (ret == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET) continue;  // a client's message; carries no data
#endif
        log::debug("tls", "read failed: " + mbedtlsErrorText(ret));
        return {net::IoStatus::Failed, 0};
    }
}

net::IoResult ServerSession::write(const char* data, std::size_t length) {
    const int ret = mbedtls_ssl_write(ssl_.get(), reinterpret_cast<const unsigned char*>(data), length);
    if (ret >= 0) return {net::IoStatus::Done, static_cast<std::size_t>(ret)};
    if (isWouldBlock(ret)) return wouldBlock(ret);
    if (isPeerClosed(ret)) return {net::IoStatus::Closed, 0};
    log::debug("tls", "write failed: " + mbedtlsErrorText(ret));
    return {net::IoStatus::Failed, 0};
}

bool ServerSession::hasBufferedInput() const {
    return readAheadAt_ < readAhead_.size() || mbedtls_ssl_get_bytes_avail(ssl_.get()) > 0 ||
           mbedtls_ssl_check_pending(ssl_.get()) != 0;
}

std::string ServerSession::protocolVersion() const {
    return handshakeDone_ ? mbedtls_ssl_get_version(ssl_.get()) : "";
}

std::string ServerSession::describe() const {
    if (!handshakeDone_) return {};
    const char* suite = mbedtls_ssl_get_ciphersuite(ssl_.get());
    return std::string(mbedtls_ssl_get_version(ssl_.get())) + " " + (suite ? suite : "") +
           (resumed_ ? " resumed" : "");
}

}  // namespace hub::tls
