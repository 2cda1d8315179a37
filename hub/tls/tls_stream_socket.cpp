#include "hub/tls/tls_stream_socket.h"

#include "hub/core/log.h"
#include "hub/tls/tls_error.h"

#include <Poco/Exception.h>
#include <Poco/Net/NetException.h>
#include <mbedtls/net_sockets.h>

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <climits>

namespace hub::tls {
namespace {

using Clock = std::chrono::steady_clock;

bool isWouldBlock(int ret) { return ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE; }

bool isPeerClosed(int ret) {
    return ret == 0 || ret == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY || ret == MBEDTLS_ERR_SSL_CONN_EOF;
}

// mbedTLS 3.x reports a TLS 1.3 NewSessionTicket through mbedtls_ssl_read; it carries no data.
bool isNewSessionTicket(int ret) {
#if defined(MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET)
    return ret == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET;
#else
    (void)ret;
    return false;
#endif
}

[[noreturn]] void throwIoError(int ret, const char* what) {
    if (ret == MBEDTLS_ERR_NET_CONN_RESET) throw Poco::Net::ConnectionResetException(what);
    throw TlsError(what, mbedtlsErrorText(ret));
}

}  // namespace

TlsStreamSocketImpl::TlsStreamSocketImpl(const TlsClientContext& context, std::string serverName,
                                         Poco::Timespan handshakeTimeout)
    : clientContext_(context.state()),
      serverName_(std::move(serverName)),
      handshakeTimeout_(handshakeTimeout) {
    setUp(detail::clientConfig(*clientContext_));
    throwOnError(mbedtls_ssl_set_hostname(ssl_.get(), serverName_.c_str()), "setting the server name");
    mbedtls_ssl_set_verify(ssl_.get(), &TlsStreamSocketImpl::onVerify, this);
}

TlsStreamSocketImpl::~TlsStreamSocketImpl() {
    // ~SocketImpl closes the descriptor; say goodbye properly first.
    try {
        sendCloseNotify();
    } catch (...) {  // a destructor must not throw; the peer merely sees a truncated stream
    }
}

void TlsStreamSocketImpl::setUp(const mbedtls_ssl_config* config) {
    throwOnError(mbedtls_ssl_setup(ssl_.get(), config), "creating a TLS session");
    mbedtls_ssl_set_bio(ssl_.get(), this, &TlsStreamSocketImpl::bioSend, &TlsStreamSocketImpl::bioReceive, nullptr);
}

// The BIO never blocks: waiting happens in waitFor(), outside sslMutex_.
int TlsStreamSocketImpl::bioSend(void* self, const unsigned char* buffer, std::size_t length) {
    const auto* s = static_cast<TlsStreamSocketImpl*>(self);
    const ssize_t n = ::send(s->sockfd(), buffer, length, MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n >= 0) return static_cast<int>(n);
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return MBEDTLS_ERR_SSL_WANT_WRITE;
    if (errno == EPIPE || errno == ECONNRESET) return MBEDTLS_ERR_NET_CONN_RESET;
    return MBEDTLS_ERR_NET_SEND_FAILED;
}

int TlsStreamSocketImpl::bioReceive(void* self, unsigned char* buffer, std::size_t length) {
    const auto* s = static_cast<TlsStreamSocketImpl*>(self);
    const ssize_t n = ::recv(s->sockfd(), buffer, length, MSG_DONTWAIT);
    if (n >= 0) return static_cast<int>(n);
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return MBEDTLS_ERR_SSL_WANT_READ;
    if (errno == ECONNRESET) return MBEDTLS_ERR_NET_CONN_RESET;
    return MBEDTLS_ERR_NET_RECV_FAILED;
}

int TlsStreamSocketImpl::onVerify(void* self, mbedtls_x509_crt*, int, uint32_t*) {
    // Leaves the verdict to mbedTLS; only records that a certificate was presented,
    // which does not happen when the session is resumed.
    static_cast<TlsStreamSocketImpl*>(self)->certificateVerified_ = true;
    return 0;
}

TlsStreamSocketImpl::Deadline TlsStreamSocketImpl::deadlineAfter(const Poco::Timespan& timeout) const {
    if (timeout.totalMicroseconds() <= 0) return std::nullopt;  // POCO: zero means no timeout
    return Clock::now() + std::chrono::microseconds(timeout.totalMicroseconds());
}

// Waits until the descriptor can do what `ret` (WANT_READ/WANT_WRITE) asks for.
// Returns false when the deadline passes first.
bool TlsStreamSocketImpl::waitFor(int ret, const Deadline& deadline) {
    pollfd p{sockfd(), static_cast<short>(ret == MBEDTLS_ERR_SSL_WANT_WRITE ? POLLOUT : POLLIN), 0};
    for (;;) {
        int waitMs = -1;
        if (deadline) {
            const auto left = std::chrono::ceil<std::chrono::milliseconds>(*deadline - Clock::now()).count();
            if (left <= 0) return false;
            waitMs = static_cast<int>(std::min<long long>(left, INT_MAX));
        }
        const int n = ::poll(&p, 1, waitMs);
        if (n > 0) return true;  // readable, writable or an error the next call will report
        if (n == 0) return false;
        if (errno != EINTR) error();
    }
}

void TlsStreamSocketImpl::completeHandshake() {
    if (!handshake()) throw Poco::TimeoutException("TLS handshake would block on a non-blocking socket");
}

bool TlsStreamSocketImpl::handshake() {
    if (handshakeDone_.load(std::memory_order_acquire)) return true;
    std::lock_guard handshakeLock(handshakeMutex_);
    while (!handshakeDone_.load(std::memory_order_relaxed)) {
        int ret = 0;
        {
            std::lock_guard lock(sslMutex_);
            ret = mbedtls_ssl_handshake(ssl_.get());
        }
        if (ret == 0) {
            resumed_ = !certificateVerified_;
            detail::saveSession(*clientContext_, sessionKey_, ssl_.get());
            handshakeDone_.store(true, std::memory_order_release);
            break;
        }
        if (!isWouldBlock(ret)) {
            std::string detail = mbedtlsErrorText(ret);
            if (ret == MBEDTLS_ERR_X509_CERT_VERIFY_FAILED) {
                char reasons[512] = {};
                mbedtls_x509_crt_verify_info(reasons, sizeof reasons, "", mbedtls_ssl_get_verify_result(ssl_.get()));
                detail += ": " + std::string(reasons);
            }
            log::debug("tls", "handshake failed: " + detail);
            if (ret == MBEDTLS_ERR_NET_CONN_RESET) throw Poco::Net::ConnectionResetException("TLS handshake");
            throw TlsError("TLS handshake failed", detail);
        }
        if (!getBlocking()) return false;
        if (!waitFor(ret, handshakeDeadline_)) {
            log::debug("tls", "handshake timed out");
            throw Poco::TimeoutException("TLS handshake timed out");
        }
    }
    return true;
}

// A TLS 1.3 NewSessionTicket (mbedTLS 3.6) may be taken in by whichever call
// reads next: a write too, when another thread's read left the ticket half
// processed. Either call keeps the session for the next connection and goes on.
// REQUIRES: sslMutex_ held.
void TlsStreamSocketImpl::keepNewSessionTicket(int ret) {
    if (isNewSessionTicket(ret)) detail::saveSession(*clientContext_, sessionKey_, ssl_.get());
}

int TlsStreamSocketImpl::receiveBytes(void* buffer, int length, int flags) {
    if (flags != 0) throw Poco::InvalidArgumentException("TLS sockets take no receive flags");
    if (!handshake()) return -1;
    if (length <= 0) return 0;
    const Deadline deadline = deadlineAfter(getReceiveTimeout());
    for (;;) {
        int ret = 0;
        {
            std::lock_guard lock(sslMutex_);
            ret = mbedtls_ssl_read(ssl_.get(), static_cast<unsigned char*>(buffer), static_cast<std::size_t>(length));
            keepNewSessionTicket(ret);
        }
        if (ret > 0) return ret;
        if (isPeerClosed(ret)) return 0;
        if (isNewSessionTicket(ret)) continue;
        if (!isWouldBlock(ret)) throwIoError(ret, "TLS read failed");
        if (!getBlocking()) return -1;
        if (!waitFor(ret, deadline)) throw Poco::TimeoutException("TLS read timed out");
    }
}

int TlsStreamSocketImpl::sendBytes(const void* buffer, int length, int flags) {
    if (flags != 0) throw Poco::InvalidArgumentException("TLS sockets take no send flags");
    if (!handshake()) return -1;
    std::lock_guard writeLock(writeMutex_);
    const Deadline deadline = deadlineAfter(getSendTimeout());
    const auto* data = static_cast<const unsigned char*>(buffer);
    int sent = 0;
    while (sent < length) {
        int ret = 0;
        {
            std::lock_guard lock(sslMutex_);
            ret = mbedtls_ssl_write(ssl_.get(), data + sent, static_cast<std::size_t>(length - sent));
            keepNewSessionTicket(ret);
        }
        if (ret > 0) {
            sent += ret;
            if (!getBlocking()) return sent;
            continue;
        }
        if (isNewSessionTicket(ret)) continue;
        if (!isWouldBlock(ret)) throwIoError(ret, "TLS write failed");
        if (!getBlocking()) return sent > 0 ? sent : -1;
        if (!waitFor(ret, deadline)) throw Poco::TimeoutException("TLS write timed out");
    }
    return sent;
}

int TlsStreamSocketImpl::sendBytes(const Poco::Net::SocketBufVec& buffers, int flags) {
    int total = 0;
    for (const auto& b : buffers) {
        const int n = sendBytes(b.iov_base, static_cast<int>(b.iov_len), flags);
        if (n < 0) return total > 0 ? total : n;
        total += n;
        if (static_cast<std::size_t>(n) < b.iov_len) break;
    }
    return total;
}

int TlsStreamSocketImpl::receiveBytes(Poco::Net::SocketBufVec& buffers, int flags) {
    // One record at most: never wait for more once some plaintext has arrived.
    for (auto& b : buffers)
        if (b.iov_len > 0) return receiveBytes(b.iov_base, static_cast<int>(b.iov_len), flags);
    return 0;
}

int TlsStreamSocketImpl::receiveBytes(Poco::Buffer<char>& buffer, int flags, const Poco::Timespan& timeout) {
    if (!poll(timeout, SELECT_READ)) return 0;
    if (buffer.size() < 16384) buffer.resize(16384, false);
    const int n = receiveBytes(buffer.begin(), static_cast<int>(buffer.size()), flags);
    buffer.resize(static_cast<std::size_t>(n > 0 ? n : 0));
    return n;
}

int TlsStreamSocketImpl::available() {
    std::lock_guard lock(sslMutex_);
    return static_cast<int>(mbedtls_ssl_get_bytes_avail(ssl_.get()));
}

bool TlsStreamSocketImpl::poll(const Poco::Timespan& timeout, int mode) {
    // Plaintext already decrypted is readable although the descriptor may not be.
    if ((mode & SELECT_READ) != 0 && handshakeDone_.load(std::memory_order_acquire) && available() > 0) return true;
    return StreamSocketImpl::poll(timeout, mode);
}

void TlsStreamSocketImpl::sendCloseNotify() {
    if (!handshakeDone_.load(std::memory_order_acquire) || sockfd() == POCO_INVALID_SOCKET) return;
    std::lock_guard lock(sslMutex_);
    if (closeNotifySent_) return;
    closeNotifySent_ = true;
    // Best effort and non-blocking: a peer that stopped reading does not delay close.
    (void)mbedtls_ssl_close_notify(ssl_.get());
}

void TlsStreamSocketImpl::close() {
    sendCloseNotify();
    StreamSocketImpl::close();
}

void TlsStreamSocketImpl::shutdown() {
    sendCloseNotify();
    StreamSocketImpl::shutdown();
}

void TlsStreamSocketImpl::shutdownSend() {
    sendCloseNotify();
    StreamSocketImpl::shutdownSend();
}

void TlsStreamSocketImpl::connect(const Poco::Net::SocketAddress& address) {
    connect(address, handshakeTimeout_);
}

void TlsStreamSocketImpl::connect(const Poco::Net::SocketAddress& address, const Poco::Timespan& timeout) {
    StreamSocketImpl::connect(address, timeout);
    sessionKey_ = address.toString() + "/" + serverName_;
    detail::restoreSession(*clientContext_, sessionKey_, ssl_.get());
    handshakeDeadline_ = deadlineAfter(timeout);
    completeHandshake();
    handshakeDeadline_.reset();
}

void TlsStreamSocketImpl::connectNB(const Poco::Net::SocketAddress&) {
    throw Poco::NotImplementedException("non-blocking connect of a TLS socket");
}

TlsStreamSocketImpl::Info TlsStreamSocketImpl::info() {
    if (!handshakeDone_.load(std::memory_order_acquire)) throw TlsError("TLS handshake not complete");
    std::lock_guard lock(sslMutex_);
    const char* suite = mbedtls_ssl_get_ciphersuite(ssl_.get());
    return Info{mbedtls_ssl_get_version(ssl_.get()), suite != nullptr ? suite : "", resumed_};
}

std::optional<TlsStreamSocketImpl::Info> tlsInfo(const Poco::Net::Socket& socket) {
    auto* impl = dynamic_cast<TlsStreamSocketImpl*>(socket.impl());
    if (impl == nullptr) return std::nullopt;
    try {
        return impl->info();
    } catch (const TlsError&) {
        return std::nullopt;
    }
}

Poco::Net::StreamSocket connectTls(TlsClientContext& context, const Poco::Net::SocketAddress& address,
                                   const std::string& serverName, Poco::Timespan timeout) {
    auto* impl = new TlsStreamSocketImpl(context, serverName, timeout);
    Poco::Net::StreamSocket socket(impl);  // owns impl from here on, also if connect throws
    impl->connect(address, timeout);
    return socket;
}

}  // namespace hub::tls
