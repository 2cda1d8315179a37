#pragma once
// The client side of TLS through mbedTLS as a Poco::Net stream socket, usable
// wherever POCO takes a StreamSocket (HTTPClientSession): the hub's own
// outgoing connections (the cloud sync) and the tests' clients. It handshakes
// inside connect(), verifying the certificate chain and the server name. (The
// server side is tls_server_session.h, a transport of the connection server.)
//
// Blocking: in blocking mode (POCO's default) calls wait with poll(2) and honour the
// socket's send/receive timeouts (Poco::TimeoutException, as POCO's own sockets).
// In non-blocking mode they return -1 instead of waiting; a sendBytes that returned
// -1 must be repeated with the same data (mbedTLS's rule for a partly sent record).
//
// Threads: one thread may read while another writes (e.g. server-sent events written
// by a notifier). Each mbedTLS call runs under one mutex, never held while waiting for
// the network; writers are serialised among themselves. close() must not race with
// a thread blocked in this socket: use shutdown() to wake it first.
#include "hub/tls/mbedtls_handle.h"
#include "hub/tls/tls_client_context.h"

#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/StreamSocketImpl.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace hub::tls {

class TlsStreamSocketImpl : public Poco::Net::StreamSocketImpl {
public:
    // Not yet connected; serverName is sent as SNI and verified.
    TlsStreamSocketImpl(const TlsClientContext& context, std::string serverName,
                        Poco::Timespan handshakeTimeout = Poco::Timespan(10, 0));

    void connect(const Poco::Net::SocketAddress& address) override;
    void connect(const Poco::Net::SocketAddress& address, const Poco::Timespan& timeout) override;
    void connectNB(const Poco::Net::SocketAddress& address) override;  // not supported: throws

    int sendBytes(const void* buffer, int length, int flags = 0) override;
    int sendBytes(const Poco::Net::SocketBufVec& buffers, int flags = 0) override;
    int receiveBytes(void* buffer, int length, int flags = 0) override;
    int receiveBytes(Poco::Net::SocketBufVec& buffers, int flags = 0) override;
    int receiveBytes(Poco::Buffer<char>& buffer, int flags = 0, const Poco::Timespan& timeout = 100000) override;

    // Plaintext bytes already decrypted: what can be read without blocking. Ciphertext
    // waiting in the kernel is not counted, since it may not complete a record.
    int available() override;
    bool poll(const Poco::Timespan& timeout, int mode) override;
    void close() override;  // sends close_notify (best effort) first
    void shutdown() override;
    void shutdownSend() override;
    bool secure() const override { return true; }

    // Runs the handshake now if it has not run; throws TlsError or TimeoutException.
    void completeHandshake();

    struct Info {
        std::string protocolVersion;  // "TLSv1.2", "TLSv1.3"
        std::string cipherSuite;      // IANA-style name from mbedTLS
        bool resumed = false;
    };
    // REQUIRES: handshake complete (else throws TlsError).
    Info info();

protected:
    ~TlsStreamSocketImpl() override;

private:
    using Deadline = std::optional<std::chrono::steady_clock::time_point>;

    void setUp(const mbedtls_ssl_config* config);
    bool handshake();  // false: would block (non-blocking mode)
    bool waitFor(int ret, const Deadline& deadline);
    Deadline deadlineAfter(const Poco::Timespan& timeout) const;
    void sendCloseNotify();
    void keepNewSessionTicket(int ret);  // REQUIRES: sslMutex_ held
    static int bioSend(void* self, const unsigned char* buffer, std::size_t length);
    static int bioReceive(void* self, unsigned char* buffer, std::size_t length);
    static int onVerify(void* self, mbedtls_x509_crt* crt, int depth, uint32_t* flags);

    std::shared_ptr<TlsClientContext::State> clientContext_;
    std::string serverName_;
    std::string sessionKey_;
    Poco::Timespan handshakeTimeout_;
    Deadline handshakeDeadline_;

    std::mutex sslMutex_;        // guards ssl_ and every mbedTLS call on it
    std::mutex writeMutex_;      // one writer at a time; taken before sslMutex_
    std::mutex handshakeMutex_;  // one thread drives the handshake; taken before sslMutex_
    SslContext ssl_;
    std::atomic<bool> handshakeDone_{false};
    bool closeNotifySent_ = false;  // guarded by sslMutex_
    bool resumed_ = false;
    bool certificateVerified_ = false;  // client: the verify callback ran (a full handshake)
};

// The negotiated parameters of a TLS socket (tests and logs); nullopt for a plain
// socket or one whose handshake has not completed.
std::optional<TlsStreamSocketImpl::Info> tlsInfo(const Poco::Net::Socket& socket);

// A connected, handshaken client socket, ready for Poco::Net::HTTPClientSession.
// `timeout` bounds both the TCP connect and the handshake.
Poco::Net::StreamSocket connectTls(TlsClientContext& context, const Poco::Net::SocketAddress& address,
                                   const std::string& serverName, Poco::Timespan timeout = Poco::Timespan(10, 0));

}  // namespace hub::tls
