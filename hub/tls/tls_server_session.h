#pragma once
// The server side of one TLS connection, as a non-blocking transport for the
// connection server (hub/net/http_server.h): every call returns at once with
// what it would need (WantRead / WantWrite). The handshake runs on whichever
// worker the connection is ready on, step by step, never on an accepting
// thread, so handshakes proceed in parallel on every core.
//
// Reads from the socket go through a read-ahead buffer: mbedTLS asks for a
// record's 5-byte header and then its body, and serving both from one recv(2)
// halves the system calls of a keep-alive request.
#include "hub/net/transport.h"
#include "hub/tls/mbedtls_handle.h"
#include "hub/tls/tls_server_context.h"

#include <memory>
#include <string>

namespace hub::tls {

class ServerSession final : public net::Transport {
public:
    // Takes ownership of fd (a non-blocking accepted socket), also if this throws.
    ServerSession(int fd, std::shared_ptr<const TlsServerContext> context);
    ~ServerSession() override;

    net::IoResult handshake() override;
    net::IoResult read(char* buffer, std::size_t capacity) override;
    net::IoResult write(const char* data, std::size_t length) override;
    bool hasBufferedInput() const override;
    bool secure() const override { return true; }
    std::string describe() const override;

    bool resumed() const { return resumed_; }
    // "TLSv1.2", "TLSv1.3"; "" before the handshake completes.
    std::string protocolVersion() const;

private:
    static int bioSend(void* self, const unsigned char* buffer, std::size_t length);
    static int bioReceive(void* self, unsigned char* buffer, std::size_t length);

    std::shared_ptr<const TlsServerContext> context_;
    SslContext ssl_;
    std::string readAhead_;        // ciphertext received but not yet asked for
    std::size_t readAheadAt_ = 0;  // how much of readAhead_ mbedTLS has taken
    bool handshakeDone_ = false;
    bool resumed_ = false;
};

}  // namespace hub::tls
