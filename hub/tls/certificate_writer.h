#pragma once
// Signs one X.509 v3 certificate with mbedTLS's writer. The extensions mbedTLS 2.28
// cannot write itself arrive pre-encoded (see x509_names.h).
#include "hub/core/clock.h"
#include "hub/tls/mbedtls_handle.h"
#include "hub/tls/random_generator.h"
#include "hub/tls/x509_names.h"

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

// True if a certificate's DER carries ecdsa-with-SHA256 with NULL parameters:
// one written by an older hub, which Chromium will not accept below the root.
bool hasEcdsaNullParameters(std::string_view der);

}  // namespace hub::tls
