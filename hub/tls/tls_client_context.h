#pragma once
// Client-side TLS configuration: trust anchors (parsed so that the hub's
// name-constrained root is accepted), TLS 1.2 minimum, the same AEAD suites and
// groups as the server, certificate and hostname verification required, and
// optionally resumption of the last session with the same server.
//
// A TlsClientContext is a cheap handle: copies share one configuration, and every
// socket made from it keeps that configuration alive. Thread-safe.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

struct mbedtls_ssl_config;
struct mbedtls_ssl_context;

namespace hub::tls {

struct TlsClientOptions {
    bool resumeSessions = true;
};

class TlsClientContext {
public:
    using Options = TlsClientOptions;

    // Throws TlsError if the PEM holds no usable certificate.
    static TlsClientContext fromPem(std::string_view trustAnchorsPem, Options options);
    static TlsClientContext fromPem(std::string_view trustAnchorsPem) { return fromPem(trustAnchorsPem, Options{}); }
    static TlsClientContext fromFile(const std::filesystem::path& trustAnchors, Options options = Options{});
    // The operating system's trust store (Debian's ca-certificates bundle), for
    // servers on the internet such as a cloud object store. Roots mbedTLS cannot
    // parse are left out rather than failing the whole store.
    static TlsClientContext fromSystemStore(Options options = Options{});
    static constexpr const char* systemStoreFile = "/etc/ssl/certs/ca-certificates.crt";

    struct State;  // shared by the context's copies and its sockets
    const std::shared_ptr<State>& state() const { return state_; }

private:
    explicit TlsClientContext(std::shared_ptr<State> state) : state_(std::move(state)) {}
    std::shared_ptr<State> state_;
};

namespace detail {
const mbedtls_ssl_config* clientConfig(const TlsClientContext::State& state);
// Session resumption: `key` names the server (address and name). Both are no-ops
// when the context does not resume sessions.
void saveSession(TlsClientContext::State& state, const std::string& key, const mbedtls_ssl_context* ssl);
void restoreSession(TlsClientContext::State& state, const std::string& key, mbedtls_ssl_context* ssl);
}  // namespace detail

}  // namespace hub::tls
