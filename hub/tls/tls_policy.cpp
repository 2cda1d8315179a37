#include "hub/tls/tls_policy.h"

#include "hub/tls/mbedtls_compat.h"
#include "hub/tls/tls_error.h"

#include <mbedtls/ssl_ciphersuites.h>

namespace hub::tls {
namespace {

// Forward secrecy and AEAD only. The RSA variants are there for an admin-supplied
// RSA certificate; the hub's own certificates are ECDSA.
const int kCipherSuites[] = {
#if defined(MBEDTLS_SSL_PROTO_TLS1_3)
    MBEDTLS_TLS1_3_AES_128_GCM_SHA256,
    MBEDTLS_TLS1_3_AES_256_GCM_SHA384,
    MBEDTLS_TLS1_3_CHACHA20_POLY1305_SHA256,
#endif
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    MBEDTLS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
    MBEDTLS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
    MBEDTLS_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    0,
};

}  // namespace

void applyTlsPolicy(mbedtls_ssl_config* conf, int endpoint, RandomGenerator& rng) {
    throwOnError(mbedtls_ssl_config_defaults(conf, endpoint, MBEDTLS_SSL_TRANSPORT_STREAM, MBEDTLS_SSL_PRESET_DEFAULT),
                 "configuring TLS defaults");
    mbedtls_ssl_conf_rng(conf, &RandomGenerator::generate, rng.context());
    compat::setMinimumTls12(conf);
    compat::setTls13EcdheOnly(conf);
    mbedtls_ssl_conf_ciphersuites(conf, kCipherSuites);
    compat::setGroups(conf);
}

}  // namespace hub::tls
