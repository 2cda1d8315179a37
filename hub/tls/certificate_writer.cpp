#include "hub/tls/certificate_writer.h"

#include "hub/tls/mbedtls_compat.h"
#include "hub/tls/tls_error.h"

#include <cstring>
#include <ctime>

namespace hub::tls {
namespace {

// mbedTLS's writer takes validity as "YYYYMMDDhhmmss" in UTC.
std::string x509Time(TimePoint t) {
    const std::time_t seconds = static_cast<std::time_t>(toUnixSeconds(t));
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char text[16];
    std::strftime(text, sizeof text, "%Y%m%d%H%M%S", &tm);
    return text;
}

}  // namespace

std::string signCertificate(const CertificateTemplate& t, RandomGenerator& rng) {
    X509Writer crt;
    mbedtls_x509write_crt_set_version(crt.get(), MBEDTLS_X509_CRT_VERSION_3);
    mbedtls_x509write_crt_set_md_alg(crt.get(), MBEDTLS_MD_SHA256);
    mbedtls_x509write_crt_set_subject_key(crt.get(), t.subjectKey->get());
    mbedtls_x509write_crt_set_issuer_key(crt.get(), t.issuerKey->get());
    throwOnError(mbedtls_x509write_crt_set_subject_name(crt.get(), t.subject.c_str()), "setting the subject");
    throwOnError(mbedtls_x509write_crt_set_issuer_name(crt.get(), t.issuer.c_str()), "setting the issuer");

    Bytes serial = rng.bytes(16);
    serial[0] &= 0x7F;  // DER INTEGER: a set top bit would make it negative
    serial[0] |= 0x01;  // and a leading zero byte would make it non-minimal
    throwOnError(compat::setSerial(crt.get(), serial), "setting the serial number");

    throwOnError(mbedtls_x509write_crt_set_validity(crt.get(), x509Time(t.notBefore).c_str(),
                                                    x509Time(t.notAfter).c_str()),
                 "setting the validity");
    // mbedTLS marks basicConstraints critical exactly when is_ca is set.
    throwOnError(mbedtls_x509write_crt_set_basic_constraints(crt.get(), t.isCa ? 1 : 0, t.pathLength),
                 "setting basicConstraints");
    throwOnError(mbedtls_x509write_crt_set_subject_key_identifier(crt.get()), "setting the subject key id");
    throwOnError(mbedtls_x509write_crt_set_authority_key_identifier(crt.get()), "setting the authority key id");
    throwOnError(mbedtls_x509write_crt_set_key_usage(crt.get(), t.keyUsage), "setting keyUsage");
    for (const auto& e : t.extensions) {
        throwOnError(mbedtls_x509write_crt_set_extension(crt.get(), e.oid.data(), e.oid.size(), e.critical ? 1 : 0,
                                                         e.value.data(), e.value.size()),
                     "adding a certificate extension");
    }

    std::string pem(8192, '\0');
    throwOnError(mbedtls_x509write_crt_pem(crt.get(), reinterpret_cast<unsigned char*>(pem.data()), pem.size(),
                                           &RandomGenerator::generate, rng.context()),
                 "signing a certificate");
    pem.resize(std::strlen(pem.c_str()));
    return pem;
}

}  // namespace hub::tls
