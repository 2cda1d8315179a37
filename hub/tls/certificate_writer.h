#pragma once
// Signs X.509 v3 certificates with mbedTLS's writer (the extensions mbedTLS 2.28
// cannot write itself arrive pre-encoded, see x509_names.h) and the root's
// empty CRL, which mbedTLS has no writer for.
#include "hub/core/clock.h"
#include "hub/tls/mbedtls_handle.h"
#include "hub/tls/random_generator.h"
#include "hub/tls/x509_names.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hub::tls {

struct RawExtension {
    std::string oid;  // DER content octets, e.g. MBEDTLS_OID_SUBJECT_ALT_NAME
    bool critical = false;
    Bytes value;
};

struct CertificateTemplate {
    std::string subject;  // "CN=...,O=..."
    std::string issuer;
    PkKey* subjectKey = nullptr;
    PkKey* issuerKey = nullptr;
    TimePoint notBefore;
    TimePoint notAfter;
    bool isCa = false;
    int pathLength = -1;        // basicConstraints pathLenConstraint; -1 for none
    unsigned int keyUsage = 0;  // MBEDTLS_X509_KU_* bits, written critical
    std::vector<RawExtension> extensions;
};

// Returns the PEM certificate. The serial is 128 random bits, positive. The
// signature algorithm is ecdsa-with-SHA256 without parameters (RFC 5758), also
// on mbedTLS 2.28, whose writer adds a NULL that Chromium refuses.
std::string signCertificate(const CertificateTemplate& t, RandomGenerator& rng);

// A CRL that revokes nothing.
struct CrlTemplate {
    Bytes issuerName;      // the issuer's subject Name, DER, exactly as its certificate has it
    Bytes authorityKeyId;  // the issuer certificate's subjectKeyIdentifier
    PkKey* issuerKey = nullptr;
    TimePoint thisUpdate;
    TimePoint nextUpdate;
    std::uint64_t crlNumber = 0;  // must grow with every CRL the issuer signs
};

// An X.509 v2 CRL, DER, with no revoked certificates and the two extensions
// RFC 5280 requires (authorityKeyIdentifier, cRLNumber), ecdsa-with-SHA256.
Bytes signEmptyCrl(const CrlTemplate& t, RandomGenerator& rng);

// SEQUENCE { tbs, ecdsa-with-SHA256, BIT STRING signature }: a certificate or a
// CRL around its DER to-be-signed element.
Bytes signedObject(const Bytes& tbsElement, PkKey& issuerKey, RandomGenerator& rng);

// The keyIdentifier mbedTLS's writer puts in subjectKeyIdentifier: SHA-1 of the
// public key (RFC 5280 4.2.1.2, method 1).
Bytes subjectKeyIdentifier(const mbedtls_pk_context& key);

// True if a certificate's DER carries ecdsa-with-SHA256 with NULL parameters:
// one written by an older hub, which Chromium will not accept below the root.
bool hasEcdsaNullParameters(std::string_view der);

}  // namespace hub::tls
