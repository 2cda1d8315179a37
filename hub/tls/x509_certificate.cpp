#include "hub/tls/x509_certificate.h"

#include "hub/tls/mbedtls_compat.h"
#include "hub/tls/tls_error.h"

#include <mbedtls/asn1.h>
#include <mbedtls/base64.h>
#include <mbedtls/oid.h>

#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>

namespace hub::tls {

std::vector<std::string> pemBlocks(std::string_view pem, std::string_view label) {
    const std::string begin = "-----BEGIN " + std::string(label) + "-----";
    const std::string end = "-----END " + std::string(label) + "-----";
    std::vector<std::string> blocks;
    for (std::size_t at = pem.find(begin); at != std::string_view::npos; at = pem.find(begin, at)) {
        const std::size_t bodyStart = at + begin.size();
        const std::size_t bodyEnd = pem.find(end, bodyStart);
        if (bodyEnd == std::string_view::npos) throw TlsError("unterminated PEM block", std::string(label));
        std::string base64;
        for (char c : pem.substr(bodyStart, bodyEnd - bodyStart))
            if (c != '\n' && c != '\r' && c != ' ' && c != '\t') base64 += c;
        std::string der(base64.size(), '\0');
        std::size_t length = 0;
        throwOnError(mbedtls_base64_decode(reinterpret_cast<unsigned char*>(der.data()), der.size(), &length,
                                           reinterpret_cast<const unsigned char*>(base64.data()), base64.size()),
                     "decoding PEM");
        der.resize(length);
        blocks.push_back(std::move(der));
        at = bodyEnd + end.size();
    }
    return blocks;
}

std::string readTextFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw TlsError("cannot read", file.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

int CertificateChain::onUnknownExtension(void* self, const mbedtls_x509_crt* crt, const mbedtls_x509_buf* oid,
                                         int critical, const unsigned char* p, const unsigned char* end) {
    (void)critical;  // mbedTLS refuses the certificate on an error only for a critical extension
    const bool nameConstraints = MBEDTLS_OID_CMP(MBEDTLS_OID_NAME_CONSTRAINTS, oid) == 0;
    const bool distributionPoints = MBEDTLS_OID_CMP(MBEDTLS_OID_CRL_DISTRIBUTION_POINTS, oid) == 0;
    if (!nameConstraints && !distributionPoints) return MBEDTLS_ERR_X509_INVALID_EXTENSIONS;
    // Only the first certificate's extensions are recorded: that is the one callers ask about.
    auto* chain = static_cast<CertificateChain*>(self);
    if (crt != chain->chain_.get()) return 0;
    try {
        if (nameConstraints) {
            chain->permittedDns_ = decodePermittedDnsNames(p, end);
            chain->hasNameConstraints_ = true;
        } else {
            chain->crlDistributionPoints_ = decodeCrlDistributionPoints(p, end);
        }
    } catch (const TlsError&) {
        return MBEDTLS_ERR_X509_INVALID_EXTENSIONS;
    }
    return 0;
}

std::unique_ptr<CertificateChain> CertificateChain::fromPem(std::string_view pem) {
    if (compat::initCrypto() != 0) throw TlsError("psa_crypto_init failed");
    std::unique_ptr<CertificateChain> chain(new CertificateChain);
    const auto blocks = pemBlocks(pem, "CERTIFICATE");
    if (blocks.empty()) throw TlsError("no PEM certificate found");
    for (const auto& der : blocks) {
        throwOnError(mbedtls_x509_crt_parse_der_with_ext_cb(chain->chain_.get(),
                                                             reinterpret_cast<const unsigned char*>(der.data()),
                                                             der.size(), 1, &onUnknownExtension, chain.get()),
                     "parsing a certificate");
    }
    return chain;
}

std::unique_ptr<CertificateChain> CertificateChain::fromPemSkippingUnparsable(std::string_view pem) {
    if (compat::initCrypto() != 0) throw TlsError("psa_crypto_init failed");
    std::unique_ptr<CertificateChain> chain(new CertificateChain);
    int parsed = 0;
    for (const auto& der : pemBlocks(pem, "CERTIFICATE"))
        if (mbedtls_x509_crt_parse_der_with_ext_cb(chain->chain_.get(), reinterpret_cast<const unsigned char*>(der.data()),
                                                   der.size(), 1, &onUnknownExtension, chain.get()) == 0)
            ++parsed;
    if (parsed == 0) throw TlsError("no usable PEM certificate found");
    return chain;
}

std::unique_ptr<CertificateChain> CertificateChain::fromFile(const std::filesystem::path& file) {
    try {
        return fromPem(readTextFile(file));
    } catch (const TlsError& e) {
        throw TlsError(file.string(), e.message());
    }
}

std::string CertificateChain::firstDer() const {
    return std::string(reinterpret_cast<const char*>(first().raw.p), first().raw.len);
}

TimePoint CertificateChain::notAfter() const {
    const mbedtls_x509_time& t = first().valid_to;
    std::tm tm{};
    tm.tm_year = t.year - 1900;
    tm.tm_mon = t.mon - 1;
    tm.tm_mday = t.day;
    tm.tm_hour = t.hour;
    tm.tm_min = t.min;
    tm.tm_sec = t.sec;
    return fromUnixSeconds(static_cast<long long>(timegm(&tm)));
}

std::vector<std::string> CertificateChain::dnsNames() const {
    std::vector<std::string> names;
    for (const mbedtls_x509_sequence* s = &first().subject_alt_names; s != nullptr && s->buf.p != nullptr; s = s->next)
        if (s->buf.tag == (MBEDTLS_ASN1_CONTEXT_SPECIFIC | 2))
            names.emplace_back(reinterpret_cast<const char*>(s->buf.p), s->buf.len);
    return names;
}

std::vector<Bytes> CertificateChain::ipAddresses() const {
    std::vector<Bytes> addresses;
    for (const mbedtls_x509_sequence* s = &first().subject_alt_names; s != nullptr && s->buf.p != nullptr; s = s->next)
        if (s->buf.tag == (MBEDTLS_ASN1_CONTEXT_SPECIFIC | 7)) addresses.emplace_back(s->buf.p, s->buf.p + s->buf.len);
    return addresses;
}

std::unique_ptr<PkKey> parsePrivateKey(std::string_view pem, RandomGenerator& rng) {
    auto key = std::make_unique<PkKey>();
    // mbedtls_pk_parse_key wants PEM including its terminating NUL.
    const std::string text(pem);
    throwOnError(compat::parseKey(key->get(), reinterpret_cast<const unsigned char*>(text.c_str()), text.size() + 1,
                                  &RandomGenerator::generate, rng.context()),
                 "parsing a private key");
    return key;
}

std::unique_ptr<PkKey> generateP256Key(RandomGenerator& rng) {
    auto key = std::make_unique<PkKey>();
    throwOnError(mbedtls_pk_setup(key->get(), mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY)), "preparing a key");
    throwOnError(mbedtls_ecp_gen_key(MBEDTLS_ECP_DP_SECP256R1, mbedtls_pk_ec(*key->get()),
                                     &RandomGenerator::generate, rng.context()),
                 "generating a P-256 key");
    return key;
}

std::string privateKeyPem(PkKey& key) {
    std::string pem(4096, '\0');
    throwOnError(mbedtls_pk_write_key_pem(key.get(), reinterpret_cast<unsigned char*>(pem.data()), pem.size()),
                 "writing a private key");
    pem.resize(std::strlen(pem.c_str()));
    return pem;
}

void checkKeyMatches(CertificateChain& certificate, PkKey& key, RandomGenerator& rng) {
    throwOnError(compat::checkKeyPair(&certificate.get()->pk, key.get(), &RandomGenerator::generate, rng.context()),
                 "the private key does not belong to the certificate");
}

}  // namespace hub::tls
