#pragma once
// A connection without TLS: the plain-HTTP port (welcome page, tracking pages,
// redirects), the kiosk listener, and --dev-plain-http.
#include "hub/net/transport.h"

namespace hub::net {

class PlainTransport final : public Transport {
public:
    explicit PlainTransport(int fd) : Transport(fd) {}

    IoResult handshake() override { return {IoStatus::Done, 0}; }
    IoResult read(char* buffer, std::size_t capacity) override;
    IoResult write(const char* data, std::size_t length) override;
    bool hasBufferedInput() const override { return false; }
    bool secure() const override { return false; }
};

}  // namespace hub::net
