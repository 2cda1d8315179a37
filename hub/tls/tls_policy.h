#pragma once
// The one TLS policy of the hub, for its server and its clients alike: TLS 1.2
// or newer, forward-secret AEAD suites only, X25519 then P-256. Kept in one place
// so a change (or a testssl.sh finding) is made once for both directions.
#include "hub/tls/random_generator.h"

#include <mbedtls/ssl.h>

namespace hub::tls {

// mbedtls_ssl_config_defaults for `endpoint` (MBEDTLS_SSL_IS_SERVER or _CLIENT),
// then the policy above, with rng as the config's random source. Throws TlsError.
void applyTlsPolicy(mbedtls_ssl_config* conf, int endpoint, RandomGenerator& rng);

}  // namespace hub::tls
