#pragma once
// A CTR_DRBG seeded from the platform entropy source, shared by keys, signatures,
// serial numbers and every TLS connection of one context. mbedtls_ctr_drbg_random
// locks the DRBG's own mutex (MBEDTLS_THREADING_C), so sharing it across threads is safe.
#include "hub/tls/mbedtls_handle.h"

#include <cstddef>
#include <vector>

namespace hub::tls {

class RandomGenerator {
public:
    RandomGenerator();  // throws TlsError if the entropy source fails
    RandomGenerator(const RandomGenerator&) = delete;
    RandomGenerator& operator=(const RandomGenerator&) = delete;

    std::vector<unsigned char> bytes(std::size_t count);

    // The (f_rng, p_rng) pair mbedTLS functions take.
    static int generate(void* self, unsigned char* out, std::size_t length);
    void* context() { return &drbg_; }

private:
    MbedHandle<mbedtls_entropy_context, mbedtls_entropy_init, mbedtls_entropy_free> entropy_;
    MbedHandle<mbedtls_ctr_drbg_context, mbedtls_ctr_drbg_init, mbedtls_ctr_drbg_free> drbg_;
};

}  // namespace hub::tls
