#include "hub/tls/random_generator.h"

#include "hub/tls/mbedtls_compat.h"
#include "hub/tls/tls_error.h"

namespace hub::tls {

RandomGenerator::RandomGenerator() {
    if (compat::initCrypto() != 0) throw TlsError("psa_crypto_init failed");
    static const char personalisation[] = "clinic-hub tls";
    throwOnError(mbedtls_ctr_drbg_seed(drbg_.get(), mbedtls_entropy_func, entropy_.get(),
                                       reinterpret_cast<const unsigned char*>(personalisation),
                                       sizeof personalisation - 1),
                 "seeding the TLS random generator");
}

std::vector<unsigned char> RandomGenerator::bytes(std::size_t count) {
    std::vector<unsigned char> out(count);
    throwOnError(mbedtls_ctr_drbg_random(drbg_.get(), out.data(), out.size()), "drawing random bytes");
    return out;
}

int RandomGenerator::generate(void* self, unsigned char* out, std::size_t length) {
    // context() hands out the DRBG itself, so this is the plain DRBG callback.
    return mbedtls_ctr_drbg_random(self, out, length);
}

}  // namespace hub::tls
