#include "hub/tls/certificate_writer.h"

#include "hub/tls/digest.h"
#include "hub/tls/mbedtls_compat.h"
#include "hub/tls/tls_error.h"

#include <mbedtls/asn1.h>
#include <mbedtls/md.h>
#include <mbedtls/oid.h>
#include <mbedtls/pem.h>

#include <algorithm>
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

// ecdsa-with-SHA256 as mbedTLS 2.28 writes it (with NULL parameters) and as RFC 5758
// section 3.2 requires it (parameters absent).
constexpr unsigned char kEcdsaSha256WithNull[] = {0x30, 0x0c, 0x06, 0x08, 0x2a, 0x86, 0x48,
                                                   0xce, 0x3d, 0x04, 0x03, 0x02, 0x05, 0x00};
constexpr unsigned char kEcdsaSha256[] = {0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86,
                                          0x48, 0xce, 0x3d, 0x04, 0x03, 0x02};

constexpr unsigned char kSequence = MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE;

void append(Bytes& to, const Bytes& element) { to.insert(to.end(), element.begin(), element.end()); }

// A DER tag and length header followed by content.
// (Built with push_back and one reserve: inserting an initializer list into a
// one-byte vector trips GCC 12's -Warray-bounds at -O3, a false positive.)
Bytes derElement(unsigned char tag, const Bytes& content) {
    const std::size_t n = content.size();
    Bytes out;
    out.reserve(content.size() + 4);
    out.push_back(tag);
    if (n >= 0x100) {
        out.push_back(0x82);
        out.push_back(static_cast<unsigned char>(n >> 8));
    } else if (n >= 0x80) {
        out.push_back(0x81);
    }
    out.push_back(static_cast<unsigned char>(n & 0xff));
    out.insert(out.end(), content.begin(), content.end());
    return out;
}

// mbedTLS 2.28 writes the ECDSA signature algorithm with NULL parameters, which
// Chromium's verifier refuses ("Unacceptable signature algorithm", ERR_CERT_INVALID)
// for every certificate below the root, so staff browsers would reject the hub
// even after trusting its root. This rewrites the TBSCertificate's algorithm
// without them and signs it again; a certificate already in the right form
// (mbedTLS 3.x) is returned as it is.
Bytes withoutEcdsaNullParameters(const Bytes& der, PkKey& issuerKey, RandomGenerator& rng) {
    unsigned char* p = const_cast<unsigned char*>(der.data());
    const unsigned char* end = der.data() + der.size();
    std::size_t length = 0;
    throwOnError(mbedtls_asn1_get_tag(&p, end, &length, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE),
                 "reading a written certificate");
    throwOnError(mbedtls_asn1_get_tag(&p, end, &length, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE),
                 "reading a written certificate");
    Bytes tbs(p, p + length);
    const auto at = std::search(tbs.begin(), tbs.end(), std::begin(kEcdsaSha256WithNull), std::end(kEcdsaSha256WithNull));
    if (at == tbs.end()) return der;
    const auto offset = at - tbs.begin();
    tbs.erase(at, at + static_cast<std::ptrdiff_t>(sizeof kEcdsaSha256WithNull));
    tbs.insert(tbs.begin() + offset, std::begin(kEcdsaSha256), std::end(kEcdsaSha256));
    return signedObject(derElement(kSequence, tbs), issuerKey, rng);
}

// X.509 Time: UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 4.1.2.5).
Bytes derTime(TimePoint t) {
    const std::time_t seconds = static_cast<std::time_t>(toUnixSeconds(t));
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    const bool utc = tm.tm_year + 1900 < 2050;
    char text[20];
    std::strftime(text, sizeof text, utc ? "%y%m%d%H%M%SZ" : "%Y%m%d%H%M%SZ", &tm);
    const std::string_view v(text);
    return derElement(utc ? MBEDTLS_ASN1_UTC_TIME : MBEDTLS_ASN1_GENERALIZED_TIME, Bytes(v.begin(), v.end()));
}

// A non-negative INTEGER, minimal: no leading zero bytes but one before a set top bit.
Bytes derInteger(std::uint64_t value) {
    Bytes content;
    do {
        content.insert(content.begin(), static_cast<unsigned char>(value & 0xff));
        value >>= 8;
    } while (value != 0);
    if (content.front() & 0x80) content.insert(content.begin(), 0);
    return derElement(MBEDTLS_ASN1_INTEGER, content);
}

Bytes derExtension(const char* oid, std::size_t oidLength, const Bytes& value) {
    Bytes extension = derElement(MBEDTLS_ASN1_OID, Bytes(oid, oid + oidLength));
    append(extension, derElement(MBEDTLS_ASN1_OCTET_STRING, value));
    return derElement(kSequence, extension);
}

}  // namespace

Bytes signedObject(const Bytes& tbsElement, PkKey& issuerKey, RandomGenerator& rng) {
    const Sha256 hash = sha256(std::string_view(reinterpret_cast<const char*>(tbsElement.data()), tbsElement.size()));
    Bytes signature(MBEDTLS_PK_SIGNATURE_MAX_SIZE + 1);
    std::size_t signatureLength = 0;
    throwOnError(compat::pkSign(issuerKey.get(), hash.data(), signature.data() + 1, signature.size() - 1,
                                &signatureLength, &RandomGenerator::generate, rng.context()),
                 "signing a certificate");
    signature.resize(signatureLength + 1);  // BIT STRING: no unused bits, then the signature
    signature[0] = 0;

    Bytes object = tbsElement;
    object.insert(object.end(), std::begin(kEcdsaSha256), std::end(kEcdsaSha256));
    append(object, derElement(MBEDTLS_ASN1_BIT_STRING, signature));
    return derElement(kSequence, object);
}

Bytes subjectKeyIdentifier(const mbedtls_pk_context& key) {
    // mbedtls_pk_write_pubkey writes the bare public key, the subjectPublicKey BIT
    // STRING's value, from the end of the buffer backwards.
    unsigned char buffer[MBEDTLS_MPI_MAX_SIZE * 2 + 20];
    unsigned char* p = buffer + sizeof buffer;
    const int length = mbedtls_pk_write_pubkey(&p, buffer, &key);
    throwOnError(length < 0 ? length : 0, "writing a public key");
    Bytes id(20);
    throwOnError(mbedtls_md(mbedtls_md_info_from_type(MBEDTLS_MD_SHA1), p, static_cast<std::size_t>(length),
                            id.data()),
                 "hashing a public key");
    return id;
}

Bytes signEmptyCrl(const CrlTemplate& t, RandomGenerator& rng) {
    // AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING }
    const Bytes authorityKeyId = derElement(kSequence, derElement(MBEDTLS_ASN1_CONTEXT_SPECIFIC | 0, t.authorityKeyId));
    Bytes extensions = derExtension(MBEDTLS_OID_AUTHORITY_KEY_IDENTIFIER,
                                    MBEDTLS_OID_SIZE(MBEDTLS_OID_AUTHORITY_KEY_IDENTIFIER), authorityKeyId);
    append(extensions, derExtension(MBEDTLS_OID_CRL_NUMBER, MBEDTLS_OID_SIZE(MBEDTLS_OID_CRL_NUMBER),
                                    derInteger(t.crlNumber)));

    Bytes tbs = derInteger(1);  // v2: CRL extensions follow
    tbs.insert(tbs.end(), std::begin(kEcdsaSha256), std::end(kEcdsaSha256));
    tbs.insert(tbs.end(), t.issuerName.begin(), t.issuerName.end());
    append(tbs, derTime(t.thisUpdate));
    append(tbs, derTime(t.nextUpdate));
    // revokedCertificates is absent when nothing is revoked (RFC 5280 5.1.2.6).
    append(tbs, derElement(MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_ASN1_CONSTRUCTED | 0,
                           derElement(kSequence, extensions)));
    return signedObject(derElement(kSequence, tbs), *t.issuerKey, rng);
}

bool hasEcdsaNullParameters(std::string_view der) {
    const auto sameByte = [](char a, unsigned char b) { return static_cast<unsigned char>(a) == b; };
    return std::search(der.begin(), der.end(), std::begin(kEcdsaSha256WithNull), std::end(kEcdsaSha256WithNull),
                       sameByte) != der.end();
}

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

    // mbedtls_x509write_crt_der writes at the end of the buffer and returns the length.
    Bytes buffer(8192);
    const int written = mbedtls_x509write_crt_der(crt.get(), buffer.data(), buffer.size(), &RandomGenerator::generate,
                                                  rng.context());
    throwOnError(written < 0 ? written : 0, "signing a certificate");
    const Bytes der = withoutEcdsaNullParameters(
        Bytes(buffer.end() - written, buffer.end()), *t.issuerKey, rng);

    std::string pem(8192, '\0');
    std::size_t pemLength = 0;
    throwOnError(mbedtls_pem_write_buffer("-----BEGIN CERTIFICATE-----\n", "-----END CERTIFICATE-----\n", der.data(),
                                          der.size(), reinterpret_cast<unsigned char*>(pem.data()), pem.size(),
                                          &pemLength),
                 "encoding a certificate");
    pem.resize(std::strlen(pem.c_str()));
    return pem;
}

}  // namespace hub::tls
