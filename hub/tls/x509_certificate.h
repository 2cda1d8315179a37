#pragma once
// Reading certificates and keys. Every certificate is parsed through
// mbedtls_x509_crt_parse_der_with_ext_cb: mbedTLS (2.28 and 3.6) rejects a
// certificate with an unknown critical extension, and nameConstraints is unknown to
// it, so without the callback it would refuse the hub's own root CA. The same
// callback reads cRLDistributionPoints, which mbedTLS skips.
#include "hub/core/clock.h"
#include "hub/tls/mbedtls_handle.h"
#include "hub/tls/random_generator.h"
#include "hub/tls/x509_names.h"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hub::tls {

// The DER contents of every "-----BEGIN <label>-----" block in `pem`, in order.
std::vector<std::string> pemBlocks(std::string_view pem, std::string_view label);

// A parsed chain (leaf first) plus what mbedTLS itself does not keep from it.
class CertificateChain {
public:
    // Throws TlsError if `pem` holds no certificate or one fails to parse.
    static std::unique_ptr<CertificateChain> fromPem(std::string_view pem);
    // For a system trust store (hundreds of roots): certificates this mbedTLS
    // cannot parse are skipped. Throws TlsError only if none parses.
    static std::unique_ptr<CertificateChain> fromPemSkippingUnparsable(std::string_view pem);
    static std::unique_ptr<CertificateChain> fromFile(const std::filesystem::path& file);

    mbedtls_x509_crt* get() { return chain_.get(); }
    const mbedtls_x509_crt& first() const { return *chain_.get(); }
    std::string firstDer() const;

    // Permitted dNSName subtrees of the first certificate's nameConstraints
    // (hasNameConstraints() false when it has none).
    bool hasNameConstraints() const { return hasNameConstraints_; }
    const std::vector<std::string>& permittedDnsNames() const { return permittedDns_; }
    // The first certificate's CRL distribution point URIs (mbedTLS ignores the extension).
    const std::vector<std::string>& crlDistributionPoints() const { return crlDistributionPoints_; }

    TimePoint notAfter() const;
    // subjectAltName of the first certificate: dNSName entries and iPAddress bytes.
    std::vector<std::string> dnsNames() const;
    std::vector<Bytes> ipAddresses() const;

private:
    CertificateChain() = default;
    static int onUnknownExtension(void* self, const mbedtls_x509_crt* crt, const mbedtls_x509_buf* oid,
                                  int critical, const unsigned char* p, const unsigned char* end);

    X509Chain chain_;
    bool hasNameConstraints_ = false;
    std::vector<std::string> permittedDns_;
    std::vector<std::string> crlDistributionPoints_;
};

// A private key; throws TlsError if `pem` does not hold one.
std::unique_ptr<PkKey> parsePrivateKey(std::string_view pem, RandomGenerator& rng);
std::unique_ptr<PkKey> generateP256Key(RandomGenerator& rng);
std::string privateKeyPem(PkKey& key);

// Throws TlsError unless `key` is the private half of `certificate`'s public key.
void checkKeyMatches(CertificateChain& certificate, PkKey& key, RandomGenerator& rng);

std::string readTextFile(const std::filesystem::path& file);

}  // namespace hub::tls
