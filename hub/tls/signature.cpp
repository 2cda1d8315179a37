#include "hub/tls/signature.h"

#include "hub/tls/digest.h"
#include "hub/tls/tls_error.h"
#include "hub/tls/x509_certificate.h"

namespace hub::tls {

bool verifySignature(std::string_view certificatePem, std::string_view message, std::string_view signature) {
    std::unique_ptr<CertificateChain> certificate;
    try {
        certificate = CertificateChain::fromPem(certificatePem);
    } catch (const TlsError&) {
        return false;
    }
    const Sha256 hash = sha256(message);
    return mbedtls_pk_verify(&certificate->get()->pk, MBEDTLS_MD_SHA256, hash.data(), hash.size(),
                             reinterpret_cast<const unsigned char*>(signature.data()), signature.size()) == 0;
}

}  // namespace hub::tls
