#include "hub/tls/tls_server_context.h"

#include "hub/core/text.h"
#include "hub/tls/digest.h"
#include "hub/tls/mbedtls_compat.h"
#include "hub/tls/resumption_signal.h"
#include "hub/tls/tls_error.h"
#include "hub/tls/tls_policy.h"

#include <mbedtls/ecdsa.h>

namespace hub::tls {
namespace {

// mbedtls_ssl_ticket_parse, plus telling the handshake on this thread that it resumed.
int parseTicket(void* keys, mbedtls_ssl_session* session, unsigned char* buf, std::size_t length) {
    const int ret = mbedtls_ssl_ticket_parse(keys, session, buf, length);
    if (ret == 0) detail::noteSessionResumed();
    return ret;
}

// mbedTLS 2.28 signs with an EC key (what mbedtls_pk_parse_key gives) by copying
// it into a temporary ECDSA context, which rebuilds the base point's precomputed
// comb table on every full handshake: about 0.36 ms of the 0.67 ms a signature
// costs here (docs/performance.md, R1). Held as an ECDSA context, the table is
// built once, by the signature made here before any worker can see the key;
// from then on signing only reads it, so concurrent handshakes share it safely.
// mbedTLS 3 keeps EC keys differently: there the key stays as it is.
std::unique_ptr<PkKey> asWarmEcdsaKey(PkKey& key, RandomGenerator& rng) {
#if MBEDTLS_VERSION_MAJOR < 3
    if (mbedtls_pk_get_type(key.get()) != MBEDTLS_PK_ECKEY) return nullptr;  // RSA: as it is
    auto ecdsa = std::make_unique<PkKey>();
    throwOnError(mbedtls_pk_setup(ecdsa->get(), mbedtls_pk_info_from_type(MBEDTLS_PK_ECDSA)), "preparing the key");
    throwOnError(mbedtls_ecdsa_from_keypair(static_cast<mbedtls_ecdsa_context*>(ecdsa->get()->pk_ctx),
                                            mbedtls_pk_ec(*key.get())),
                 "preparing the key");
    const unsigned char hash[32] = {};
    unsigned char signature[MBEDTLS_PK_SIGNATURE_MAX_SIZE];
    std::size_t length = 0;
    throwOnError(compat::pkSign(ecdsa->get(), hash, signature, sizeof signature, &length, &RandomGenerator::generate,
                                rng.context()),
                 "signing once with the server key");
    return ecdsa;
#else
    (void)key;
    (void)rng;
    return nullptr;
#endif
}

}  // namespace

std::shared_ptr<const TlsServerContext> TlsServerContext::fromFiles(const std::filesystem::path& certificateFile,
                                                                    const std::filesystem::path& keyFile,
                                                                    TlsServerOptions options) {
    std::shared_ptr<TlsServerContext> c(new TlsServerContext(options));
    c->chain_ = CertificateChain::fromFile(certificateFile);
    try {
        c->key_ = parsePrivateKey(readTextFile(keyFile), c->rng_);
        checkKeyMatches(*c->chain_, *c->key_, c->rng_);
        if (auto ecdsa = asWarmEcdsaKey(*c->key_, c->rng_)) c->key_ = std::move(ecdsa);
    } catch (const TlsError& e) {
        throw TlsError(keyFile.string(), e.message());
    }
    const Sha256 d = sha256(c->chain_->firstDer());
    c->fingerprint_ = colonHex(std::string_view(reinterpret_cast<const char*>(d.data()), d.size()));

    mbedtls_ssl_config* conf = c->config_.get();
    applyTlsPolicy(conf, MBEDTLS_SSL_IS_SERVER, c->rng_);
    // Clients are not asked for certificates; staff authenticate at the HTTP layer.
    mbedtls_ssl_conf_authmode(conf, MBEDTLS_SSL_VERIFY_NONE);
    // Intermediates after the leaf are sent as the chain (admin-supplied certificates).
    throwOnError(mbedtls_ssl_conf_own_cert(conf, c->chain_->get(), c->key_->get()), "loading the server certificate");

    throwOnError(mbedtls_ssl_ticket_setup(c->tickets_.get(), &RandomGenerator::generate, c->rng_.context(),
                                          MBEDTLS_CIPHER_AES_256_GCM,
                                          static_cast<uint32_t>(options.ticketLifetimeSeconds)),
                 "setting up session tickets");
    mbedtls_ssl_conf_session_tickets_cb(conf, mbedtls_ssl_ticket_write, parseTicket, c->tickets_.get());
    mbedtls_ssl_cache_set_max_entries(c->cache_.get(), options.sessionCacheEntries);
    mbedtls_ssl_cache_set_timeout(c->cache_.get(), options.ticketLifetimeSeconds);
    compat::setSessionCache(conf, c->cache_.get());
    return c;
}

TlsServerContext::~TlsServerContext() = default;

TlsServerContextHolder::TlsServerContextHolder(std::shared_ptr<const TlsServerContext> initial)
    : current_(std::move(initial)) {
    if (!current_) throw TlsError("TlsServerContextHolder needs a context");
}

std::shared_ptr<const TlsServerContext> TlsServerContextHolder::current() const {
    std::lock_guard lock(mutex_);
    return current_;
}

void TlsServerContextHolder::replace(std::shared_ptr<const TlsServerContext> next) {
    if (!next) throw TlsError("TlsServerContextHolder::replace needs a context");
    std::lock_guard lock(mutex_);
    current_ = std::move(next);
}

}  // namespace hub::tls
