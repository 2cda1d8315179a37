// bench-mbedtls-ops: CPU cost of the public-key operations in one full TLS 1.2
// ECDHE-ECDSA handshake on the hub's side, as the linked mbedTLS performs them.
//
// A full server handshake makes one ephemeral key pair and one shared secret on the
// negotiated group (X25519 or P-256) and one ECDSA P-256 signature with the server
// key. The hub's key is an mbedTLS "EC key" (what mbedtls_pk_parse_key returns);
// signing through it converts it to an ECDSA context on every call, which rebuilds
// the fixed-point table for the base point each time. The "ecdsa-typed" line signs
// with the same key held as an ECDSA-typed context, whose table is built once.
//
// Prints one line per operation: name and CPU microseconds per operation (thread
// CPU time, median of 5 batches), single thread.
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/ecdh.h>
#include <mbedtls/ecdsa.h>
#include <mbedtls/ecp.h>
#include <mbedtls/entropy.h>
#include <mbedtls/pk.h>
#include <mbedtls/version.h>

#if MBEDTLS_VERSION_MAJOR >= 3
#include <psa/crypto.h>
#endif

#include <algorithm>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

namespace {

mbedtls_entropy_context entropy;
mbedtls_ctr_drbg_context drbg;

void check(int ret, const char* what) {
    if (ret != 0) {
        std::fprintf(stderr, "bench-mbedtls-ops: %s failed: -0x%04x\n", what, static_cast<unsigned>(-ret));
        std::exit(1);
    }
}

int rng(void* context, unsigned char* out, std::size_t length) { return mbedtls_ctr_drbg_random(context, out, length); }

// This thread's CPU time in microseconds: unlike the wall clock, it does not grow
// when other work on a shared machine takes the CPU away.
double threadCpuMicros() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_nsec) / 1e3;
}

// Median over 5 batches of the CPU microseconds one call takes.
double timeIt(int iterations, const std::function<void()>& op) {
    op();  // warm-up (and builds any cached table)
    std::vector<double> batches;
    for (int b = 0; b < 5; ++b) {
        const double start = threadCpuMicros();
        for (int i = 0; i < iterations; ++i) op();
        batches.push_back((threadCpuMicros() - start) / iterations);
    }
    std::sort(batches.begin(), batches.end());
    return batches[2];
}

int pkSign(mbedtls_pk_context* pk, const unsigned char* hash, unsigned char* sig, std::size_t sigSize,
           std::size_t* sigLength) {
#if MBEDTLS_VERSION_MAJOR >= 3
    return mbedtls_pk_sign(pk, MBEDTLS_MD_SHA256, hash, 32, sig, sigSize, sigLength, rng, &drbg);
#else
    (void)sigSize;
    return mbedtls_pk_sign(pk, MBEDTLS_MD_SHA256, hash, 32, sig, sigLength, rng, &drbg);
#endif
}

// Ephemeral key pair plus shared secret with a fixed peer: the server's ECDHE work.
double ecdhe(mbedtls_ecp_group_id id, int iterations) {
    mbedtls_ecp_group peerGroup;
    mbedtls_ecp_group_init(&peerGroup);
    check(mbedtls_ecp_group_load(&peerGroup, id), "loading the group");
    mbedtls_mpi peerSecret;
    mbedtls_ecp_point peerPublic;
    mbedtls_mpi_init(&peerSecret);
    mbedtls_ecp_point_init(&peerPublic);
    check(mbedtls_ecdh_gen_public(&peerGroup, &peerSecret, &peerPublic, rng, &drbg), "peer key");
    const double us = timeIt(iterations, [&] {
        // Like the TLS layer: a fresh group for each handshake.
        mbedtls_ecp_group group;
        mbedtls_ecp_group_init(&group);
        mbedtls_mpi d, z;
        mbedtls_ecp_point q;
        mbedtls_mpi_init(&d);
        mbedtls_mpi_init(&z);
        mbedtls_ecp_point_init(&q);
        check(mbedtls_ecp_group_load(&group, id), "loading the group");
        check(mbedtls_ecdh_gen_public(&group, &d, &q, rng, &drbg), "ecdh_gen_public");
        check(mbedtls_ecdh_compute_shared(&group, &z, &peerPublic, &d, rng, &drbg), "ecdh_compute_shared");
        mbedtls_ecp_point_free(&q);
        mbedtls_mpi_free(&z);
        mbedtls_mpi_free(&d);
        mbedtls_ecp_group_free(&group);
    });
    mbedtls_ecp_point_free(&peerPublic);
    mbedtls_mpi_free(&peerSecret);
    mbedtls_ecp_group_free(&peerGroup);
    return us;
}

}  // namespace

int main(int argc, char** argv) {
    const int iterations = argc > 1 ? std::max(1, std::atoi(argv[1])) : 100;
#if MBEDTLS_VERSION_MAJOR >= 3 && defined(MBEDTLS_PSA_CRYPTO_C)
    if (psa_crypto_init() != PSA_SUCCESS) return 1;
#endif
    mbedtls_entropy_init(&entropy);
    mbedtls_ctr_drbg_init(&drbg);
    check(mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy, nullptr, 0), "seeding");

    // A P-256 key as the hub holds it: generated, written as PEM, parsed back.
    mbedtls_pk_context generated, eckey, ecdsaTyped;
    mbedtls_pk_init(&generated);
    mbedtls_pk_init(&eckey);
    mbedtls_pk_init(&ecdsaTyped);
    check(mbedtls_pk_setup(&generated, mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY)), "pk_setup");
    check(mbedtls_ecp_gen_key(MBEDTLS_ECP_DP_SECP256R1, mbedtls_pk_ec(generated), rng, &drbg), "ecp_gen_key");
    std::vector<unsigned char> pem(4096);
    check(mbedtls_pk_write_key_pem(&generated, pem.data(), pem.size()), "pk_write_key_pem");
    const std::size_t pemLength = std::string(reinterpret_cast<const char*>(pem.data())).size() + 1;
#if MBEDTLS_VERSION_MAJOR >= 3
    check(mbedtls_pk_parse_key(&eckey, pem.data(), pemLength, nullptr, 0, rng, &drbg), "pk_parse_key");
#else
    check(mbedtls_pk_parse_key(&eckey, pem.data(), pemLength, nullptr, 0), "pk_parse_key");
#endif
    check(mbedtls_pk_setup(&ecdsaTyped, mbedtls_pk_info_from_type(MBEDTLS_PK_ECDSA)), "pk_setup ecdsa");
    check(mbedtls_ecdsa_from_keypair(static_cast<mbedtls_ecdsa_context*>(mbedtls_pk_ec(ecdsaTyped)),
                                     mbedtls_pk_ec(eckey)),
          "ecdsa_from_keypair");

    unsigned char hash[32] = {1, 2, 3};
    unsigned char sig[MBEDTLS_PK_SIGNATURE_MAX_SIZE];
    std::size_t sigLength = 0;

    std::printf("%s iterations=%d (CPU microseconds per operation, one thread, median of 5 batches)\n",
                MBEDTLS_VERSION_STRING_FULL, iterations);
    const double x25519 = ecdhe(MBEDTLS_ECP_DP_CURVE25519, iterations);
    const double p256 = ecdhe(MBEDTLS_ECP_DP_SECP256R1, iterations);
    const double signEckey =
        timeIt(iterations, [&] { check(pkSign(&eckey, hash, sig, sizeof sig, &sigLength), "pk_sign eckey"); });
    const double signEcdsa =
        timeIt(iterations, [&] { check(pkSign(&ecdsaTyped, hash, sig, sizeof sig, &sigLength), "pk_sign ecdsa"); });
    std::printf("op=ecdhe_x25519_keygen_and_shared us=%.0f\n", x25519);
    std::printf("op=ecdhe_p256_keygen_and_shared us=%.0f\n", p256);
    std::printf("op=ecdsa_p256_sign_eckey_pk us=%.0f\n", signEckey);
    std::printf("op=ecdsa_p256_sign_ecdsa_typed_pk us=%.0f\n", signEcdsa);
    std::printf("op=full_handshake_pk_x25519 us=%.0f\n", x25519 + signEckey);
    std::printf("op=full_handshake_pk_p256 us=%.0f\n", p256 + signEckey);

    mbedtls_pk_free(&ecdsaTyped);
    mbedtls_pk_free(&eckey);
    mbedtls_pk_free(&generated);
    mbedtls_ctr_drbg_free(&drbg);
    mbedtls_entropy_free(&entropy);
    return 0;
}
