#pragma once
// The few mbedTLS calls whose names or signatures differ between 2.28 (Debian 12)
// and 3.6 (Debian 13). Everything else in this module uses the common subset, so
// moving to trixie is a recompile.
#include <mbedtls/version.h>
#include <mbedtls/sha256.h>

#include <cstddef>

namespace hub::tls::compat {

inline int sha256(const unsigned char* input, std::size_t length, unsigned char out[32]) {
#if MBEDTLS_VERSION_MAJOR >= 3
    return mbedtls_sha256(input, length, out, 0);
#else
    return mbedtls_sha256_ret(input, length, out, 0);
#endif
}

}  // namespace hub::tls::compat
