#pragma once
// One client connection's bytes, plain or TLS, always non-blocking. The
// connection server (http_server.h) drives it from whichever worker epoll hands
// the connection to; a call never waits for the network, it says what it would
// need instead (WantRead / WantWrite), and the server parks the connection in
// epoll until the descriptor can do that.
#include <cstddef>
#include <string>

namespace hub::net {

enum class IoStatus {
    Done,       // `bytes` were read or written (a read of 0 bytes is never Done)
    WantRead,   // nothing now: wait until the descriptor is readable
    WantWrite,  // nothing now: wait until the descriptor is writable
    Closed,     // the peer closed the connection (or sent TLS close_notify)
    Failed,     // a protocol or socket error: drop the connection
};

struct IoResult {
    IoStatus status = IoStatus::Done;
    std::size_t bytes = 0;
};

// Owns the descriptor: the destructor closes it (after a TLS close_notify, best
// effort). Not thread-safe: one thread at a time drives a transport, which the
// server guarantees by handing each ready connection to exactly one worker.
class Transport {
public:
    virtual ~Transport() { closeDescriptor(); }
    Transport(const Transport&) = delete;
    Transport& operator=(const Transport&) = delete;

    // Completes the TLS handshake; a plain transport is Done at once. Call
    // until Done before read() or write().
    virtual IoResult handshake() = 0;
    virtual IoResult read(char* buffer, std::size_t capacity) = 0;
    // A write that returned WantRead/WantWrite must be repeated with the same
    // bytes (mbedTLS's rule for a partly sent record); a Done write may have
    // taken fewer bytes than offered.
    virtual IoResult write(const char* data, std::size_t length) = 0;
    // Bytes that arrived and wait inside the transport, where epoll cannot
    // see them (decrypted plaintext, ciphertext read ahead of its record).
    virtual bool hasBufferedInput() const = 0;
    virtual bool secure() const = 0;
    // "TLSv1.3", "TLS_AES_128_GCM_SHA256", resumed: for logs and tests; empty when plain.
    virtual std::string describe() const { return {}; }

    int fd() const { return fd_; }

protected:
    explicit Transport(int fd) : fd_(fd) {}
    void closeDescriptor();  // idempotent; derived destructors call it after their goodbye

private:
    int fd_ = -1;
};

}  // namespace hub::net
