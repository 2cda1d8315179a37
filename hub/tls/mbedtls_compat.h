#pragma once
// The few mbedTLS calls whose names or signatures differ between 2.28 (Debian 12)
// and 3.6 (Debian 13). Everything else in this module uses the common subset, so
// moving to trixie is a recompile.
//
// Built and tested against both: 2.28.3 on Debian 12 and 3.6.6 on Debian 13 (the
// second leg of .ci/run, docs/ci.md). The differences met here:
//   - mbedtls_sha256 (no _ret suffix since 3.0)
//   - mbedtls_pk_parse_key / mbedtls_pk_check_pair take f_rng, p_rng since 3.0
//   - mbedtls_x509write_crt_set_serial is deprecated since 3.4; set_serial_raw replaces it
//   - mbedtls_ssl_conf_min_version/max_version → mbedtls_ssl_conf_{min,max}_tls_version (3.2)
//   - mbedtls_ssl_conf_curves → mbedtls_ssl_conf_groups with IANA group ids (3.1)
//   - session cache callbacks take the session id explicitly since 3.0
//   - psa_crypto_init() must run before X.509/TLS when PSA is compiled in (3.x)
//   - a TLS 1.3 client drops the server's NewSessionTicket (its only way to resume)
//     unless mbedtls_ssl_conf_tls13_enable_signal_new_session_tickets asks for it (3.6.1)
//   - TLS 1.3 allows resumption without a fresh ECDHE (psk_ke) unless
//     mbedtls_ssl_conf_tls13_key_exchange_modes says otherwise
// The last two are behaviour, not API: the tests found them (tls_socket_test).
// Calls whose signature is the same in both (used directly elsewhere): ctr_drbg_seed,
// entropy_func, ecp_gen_key with mbedtls_pk_ec, pk_write_key_pem, x509write_crt_pem,
// x509write_crt_set_{extension,validity,basic_constraints,key_usage,subject/authority
// _key_identifier,subject_name,issuer_name,md_alg,version}, asn1_write_*, x509_crt_
// parse_der_with_ext_cb, x509_crt_verify, ssl_ticket_setup/write/parse, ssl_cache_*,
// ssl_conf_* (authmode, ca_chain, own_cert, rng, ciphersuites, session_tickets_cb),
// ssl_set_bio/hostname/verify/session, ssl_get_session/version/ciphersuite, strerror.
// The public fields read directly (x509_crt.raw, .valid_to, .subject_alt_names,
// x509_time.*, asn1_buf.*) are not MBEDTLS_PRIVATE in 3.6.
#include <mbedtls/version.h>
#include <mbedtls/bignum.h>
#include <mbedtls/ecp.h>
#include <mbedtls/pk.h>
#include <mbedtls/sha256.h>
#include <mbedtls/ssl.h>
#include <mbedtls/ssl_cache.h>
#include <mbedtls/x509_crt.h>

#if MBEDTLS_VERSION_MAJOR >= 3
#include <psa/crypto.h>
#endif

#if !defined(MBEDTLS_THREADING_C)
#error "hub_tls shares one RNG, ticket key and session cache between threads: it needs MBEDTLS_THREADING_C"
#endif

#include <cstddef>
#include <vector>

#include "hub/tls/resumption_signal.h"

namespace hub::tls::compat {

inline int sha256(const unsigned char* input, std::size_t length, unsigned char out[32]) {
#if MBEDTLS_VERSION_MAJOR >= 3
    return mbedtls_sha256(input, length, out, 0);
#else
    return mbedtls_sha256_ret(input, length, out, 0);
#endif
}

// Must run once before any other call of this module (idempotent, thread-safe in PSA).
inline int initCrypto() {
#if MBEDTLS_VERSION_MAJOR >= 3 && defined(MBEDTLS_PSA_CRYPTO_C)
    return psa_crypto_init() == PSA_SUCCESS ? 0 : -1;
#else
    return 0;
#endif
}

using RngFunction = int (*)(void*, unsigned char*, std::size_t);

inline int parseKey(mbedtls_pk_context* pk, const unsigned char* key, std::size_t keyLength,
                    RngFunction rng, void* rngContext) {
#if MBEDTLS_VERSION_MAJOR >= 3
    return mbedtls_pk_parse_key(pk, key, keyLength, nullptr, 0, rng, rngContext);
#else
    (void)rng;
    (void)rngContext;
    return mbedtls_pk_parse_key(pk, key, keyLength, nullptr, 0);
#endif
}

inline int checkKeyPair(const mbedtls_pk_context* pub, const mbedtls_pk_context* prv,
                        RngFunction rng, void* rngContext) {
#if MBEDTLS_VERSION_MAJOR >= 3
    return mbedtls_pk_check_pair(pub, prv, rng, rngContext);
#else
    (void)rng;
    (void)rngContext;
    return mbedtls_pk_check_pair(pub, prv);
#endif
}

// sig must hold MBEDTLS_PK_SIGNATURE_MAX_SIZE bytes (3.0 added its size as a parameter).
inline int pkSign(mbedtls_pk_context* key, const unsigned char hash[32], unsigned char* sig, std::size_t sigSize,
                  std::size_t* sigLength, RngFunction rng, void* rngContext) {
#if MBEDTLS_VERSION_MAJOR >= 3
    return mbedtls_pk_sign(key, MBEDTLS_MD_SHA256, hash, 32, sig, sigSize, sigLength, rng, rngContext);
#else
    (void)sigSize;
    return mbedtls_pk_sign(key, MBEDTLS_MD_SHA256, hash, 32, sig, sigLength, rng, rngContext);
#endif
}

// serial: big-endian, positive (first byte < 0x80), at most 20 bytes.
inline int setSerial(mbedtls_x509write_cert* crt, std::vector<unsigned char> serial) {
#if MBEDTLS_VERSION_MAJOR > 3 || (MBEDTLS_VERSION_MAJOR == 3 && MBEDTLS_VERSION_MINOR >= 4)
    return mbedtls_x509write_crt_set_serial_raw(crt, serial.data(), serial.size());
#else
    mbedtls_mpi mpi;
    mbedtls_mpi_init(&mpi);
    int ret = mbedtls_mpi_read_binary(&mpi, serial.data(), serial.size());
    if (ret == 0) ret = mbedtls_x509write_crt_set_serial(crt, &mpi);
    mbedtls_mpi_free(&mpi);
    return ret;
#endif
}

// TLS 1.2 is the floor; the ceiling is whatever the library offers (1.3 with 3.x).
inline void setMinimumTls12(mbedtls_ssl_config* conf) {
#if MBEDTLS_VERSION_MAJOR >= 3
    mbedtls_ssl_conf_min_tls_version(conf, MBEDTLS_SSL_VERSION_TLS1_2);
#else
    mbedtls_ssl_conf_min_version(conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
#endif
}

// TLS 1.3 key exchange with (EC)DHE only, also when a session is resumed: 3.6's
// default admits psk_ke, a resumption without a fresh key exchange and so without
// forward secrecy for what follows. A client offering only psk_ke gets no
// resumption. (2.28 has no TLS 1.3; its TLS 1.2 suites are all ECDHE.)
inline void setTls13EcdheOnly(mbedtls_ssl_config* conf) {
#if defined(MBEDTLS_SSL_PROTO_TLS1_3)
    mbedtls_ssl_conf_tls13_key_exchange_modes(conf, MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ALL);
#else
    (void)conf;
#endif
}

// x25519, secp256r1, secp384r1 in order of preference. The arrays must outlive conf.
inline void setGroups(mbedtls_ssl_config* conf) {
#if MBEDTLS_VERSION_MAJOR >= 3
    static const uint16_t groups[] = {MBEDTLS_SSL_IANA_TLS_GROUP_X25519,
                                      MBEDTLS_SSL_IANA_TLS_GROUP_SECP256R1,
                                      MBEDTLS_SSL_IANA_TLS_GROUP_SECP384R1,
                                      MBEDTLS_SSL_IANA_TLS_GROUP_NONE};
    mbedtls_ssl_conf_groups(conf, groups);
#else
    static const mbedtls_ecp_group_id curves[] = {MBEDTLS_ECP_DP_CURVE25519, MBEDTLS_ECP_DP_SECP256R1,
                                                  MBEDTLS_ECP_DP_SECP384R1, MBEDTLS_ECP_DP_NONE};
    mbedtls_ssl_conf_curves(conf, curves);
#endif
}

// The session cache's get callback, with the signature of the library in use. It
// forwards to mbedtls_ssl_cache_get and reports a hit to the handshake in progress on
// this thread (the only way to learn that a server-side handshake resumed a session).
#if MBEDTLS_VERSION_MAJOR >= 3
inline int cacheGet(void* cache, unsigned char const* id, std::size_t idLength, mbedtls_ssl_session* s) {
    const int ret = mbedtls_ssl_cache_get(cache, id, idLength, s);
    if (ret == 0) detail::noteSessionResumed();
    return ret;
}
#else
inline int cacheGet(void* cache, mbedtls_ssl_session* s) {
    const int ret = mbedtls_ssl_cache_get(cache, s);
    if (ret == 0) detail::noteSessionResumed();
    return ret;
}
#endif

// Client side: resume sessions with tickets (TLS 1.2: RFC 5077; TLS 1.3: the only
// way). A TLS 1.3 ticket arrives after the handshake; since 3.6.1 mbedTLS discards it
// unless told to hand it over, which makes mbedtls_ssl_read return
// MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET so the socket can keep the session
// (TlsStreamSocketImpl::receiveBytes). Without this a TLS 1.3 client never resumes.
inline void setClientSessionTickets(mbedtls_ssl_config* conf, bool enabled) {
    mbedtls_ssl_conf_session_tickets(conf, enabled ? MBEDTLS_SSL_SESSION_TICKETS_ENABLED
                                                   : MBEDTLS_SSL_SESSION_TICKETS_DISABLED);
#if defined(MBEDTLS_SSL_PROTO_TLS1_3) && defined(MBEDTLS_SSL_TLS1_3_SIGNAL_NEW_SESSION_TICKETS_ENABLED)
    mbedtls_ssl_conf_tls13_enable_signal_new_session_tickets(
        conf, enabled ? MBEDTLS_SSL_TLS1_3_SIGNAL_NEW_SESSION_TICKETS_ENABLED
                      : MBEDTLS_SSL_TLS1_3_SIGNAL_NEW_SESSION_TICKETS_DISABLED);
#endif
}

inline void setSessionCache(mbedtls_ssl_config* conf, mbedtls_ssl_cache_context* cache) {
    mbedtls_ssl_conf_session_cache(conf, cache, cacheGet, mbedtls_ssl_cache_set);
}

}  // namespace hub::tls::compat
