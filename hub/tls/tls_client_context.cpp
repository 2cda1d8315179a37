#include "hub/tls/tls_client_context.h"

#include "hub/tls/mbedtls_compat.h"
#include "hub/tls/random_generator.h"
#include "hub/tls/tls_error.h"
#include "hub/tls/tls_policy.h"
#include "hub/tls/x509_certificate.h"

#include <mutex>

namespace hub::tls {

struct TlsClientContext::State {
    Options options;
    RandomGenerator rng;  // before config: config points at it
    std::unique_ptr<CertificateChain> anchors;
    SslConfig config;

    std::mutex sessionMutex;
    std::string sessionKey;
    std::unique_ptr<SslSession> session;  // the last session with sessionKey's server
};

namespace {

// The client policy: the hub's TLS rules, the server verified against s.anchors.
void configure(TlsClientContext::State& s) {
    const auto options = s.options;
    mbedtls_ssl_config* conf = s.config.get();
    applyTlsPolicy(conf, MBEDTLS_SSL_IS_CLIENT, s.rng);
    mbedtls_ssl_conf_authmode(conf, MBEDTLS_SSL_VERIFY_REQUIRED);
    mbedtls_ssl_conf_ca_chain(conf, s.anchors->get(), nullptr);
    compat::setClientSessionTickets(conf, options.resumeSessions);
}

}  // namespace

TlsClientContext TlsClientContext::fromPem(std::string_view trustAnchorsPem, Options options) {
    auto s = std::make_shared<State>();
    s->options = options;
    s->anchors = CertificateChain::fromPem(trustAnchorsPem);
    configure(*s);
    return TlsClientContext(std::move(s));
}

TlsClientContext TlsClientContext::fromSystemStore(Options options) {
    auto s = std::make_shared<State>();
    s->options = options;
    try {
        s->anchors = CertificateChain::fromPemSkippingUnparsable(readTextFile(systemStoreFile));
    } catch (const TlsError& e) {
        throw TlsError(std::string(systemStoreFile) + " (install ca-certificates)", e.message());
    }
    configure(*s);
    return TlsClientContext(std::move(s));
}

TlsClientContext TlsClientContext::fromFile(const std::filesystem::path& trustAnchors, Options options) {
    try {
        return fromPem(readTextFile(trustAnchors), options);
    } catch (const TlsError& e) {
        throw TlsError(trustAnchors.string(), e.message());
    }
}

namespace detail {

const mbedtls_ssl_config* clientConfig(const TlsClientContext::State& state) { return state.config.get(); }

void saveSession(TlsClientContext::State& state, const std::string& key, const mbedtls_ssl_context* ssl) {
    if (!state.options.resumeSessions) return;
    auto session = std::make_unique<SslSession>();
    if (mbedtls_ssl_get_session(ssl, session->get()) != 0) return;  // nothing resumable
    std::lock_guard lock(state.sessionMutex);
    state.sessionKey = key;
    state.session = std::move(session);
}

void restoreSession(TlsClientContext::State& state, const std::string& key, mbedtls_ssl_context* ssl) {
    if (!state.options.resumeSessions) return;
    std::lock_guard lock(state.sessionMutex);
    // A failure only means a full handshake, so the result is deliberately unused.
    if (state.session && state.sessionKey == key) (void)mbedtls_ssl_set_session(ssl, state.session->get());
}

}  // namespace detail

}  // namespace hub::tls
