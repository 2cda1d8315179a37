#pragma once
// Immutable server-side TLS configuration: certificate chain and key, RNG,
// protocol floor TLS 1.2 (1.3 allowed when the library offers it), ECDHE with AEAD
// suites only, session tickets (AES-256-GCM, rotating key) and a session cache.
// Connections hold a shared_ptr to the context they started with, so replacing the
// context (a re-issued certificate) never disturbs a live connection.
#include "hub/tls/mbedtls_handle.h"
#include "hub/tls/random_generator.h"
#include "hub/tls/x509_certificate.h"

#include <filesystem>
#include <memory>
#include <mutex>

namespace hub::tls {

// (The handshake's deadline is the connection server's: hub/net/http_server.h.)
struct TlsServerOptions {
    int ticketLifetimeSeconds = 24 * 3600;
    int sessionCacheEntries = 1000;
};

class TlsServerContext {
public:
    // Throws TlsError naming the file if the certificate or key cannot be used.
    static std::shared_ptr<const TlsServerContext> fromFiles(const std::filesystem::path& certificateFile,
                                                             const std::filesystem::path& keyFile,
                                                             TlsServerOptions options = {});
    ~TlsServerContext();
    TlsServerContext(const TlsServerContext&) = delete;
    TlsServerContext& operator=(const TlsServerContext&) = delete;

    // mbedtls_ssl_setup keeps a pointer to this configuration; it is only read, and
    // the ticket keys, cache and RNG behind it lock themselves (MBEDTLS_THREADING_C).
    const mbedtls_ssl_config* config() const { return config_.get(); }
    // SHA-256 over the leaf's DER, colon hex: which certificate this context serves.
    const std::string& certificateFingerprint() const { return fingerprint_; }

private:
    explicit TlsServerContext(TlsServerOptions options) : options_(options) {}

    TlsServerOptions options_;
    std::string fingerprint_;
    // Declaration order is destruction order reversed: config_ points into all of these.
    RandomGenerator rng_;
    std::unique_ptr<CertificateChain> chain_;
    std::unique_ptr<PkKey> key_;
    SslTicketKeys tickets_;
    SslCache cache_;
    SslConfig config_;
};

// The context new connections get. The daemon calls replace() after re-issuing
// the certificate; thread-safe.
class TlsServerContextHolder {
public:
    explicit TlsServerContextHolder(std::shared_ptr<const TlsServerContext> initial);
    std::shared_ptr<const TlsServerContext> current() const;
    void replace(std::shared_ptr<const TlsServerContext> next);

private:
    mutable std::mutex mutex_;
    std::shared_ptr<const TlsServerContext> current_;
};

}  // namespace hub::tls
