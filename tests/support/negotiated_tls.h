#pragma once
// What the hub negotiates with a client that offers everything, on each Debian
// release. Restated here from what each release's mbedTLS can do, not read from
// hub/tls, so that a change of the hub's policy fails a test:
//   Debian 12, mbedTLS 2.28: TLS 1.2 only (2.28 has no TLS 1.3); a client that
//                            asks for TLS 1.3 only is refused
//   Debian 13, mbedTLS 3.6:  TLS 1.3, and TLS 1.2 for a client without 1.3
// Key exchange on both, in the hub's order of preference: X25519, P-256, P-384
// (tests/unit/tls_socket_test.cpp checks each with openssl s_client).
#include <mbedtls/ssl.h>

namespace hub::testing {

#if MBEDTLS_VERSION_MAJOR >= 3 && defined(MBEDTLS_SSL_PROTO_TLS1_3)
inline constexpr bool kHubSpeaksTls13 = true;
inline constexpr const char* kNegotiatedTlsVersion = "TLSv1.3";
#else
inline constexpr bool kHubSpeaksTls13 = false;
inline constexpr const char* kNegotiatedTlsVersion = "TLSv1.2";
#endif

}  // namespace hub::testing
