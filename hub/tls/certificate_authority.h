#pragma once
// The hub's own little PKI. On first start it creates a local root CA and a server
// certificate signed by it; clinic devices trust the root once (its fingerprint is
// shown on the hub's screen), and every later server certificate is issued under the
// same root, so re-issuing after an address change or before expiry needs nothing
// from the devices.
//
// The root is name-constrained (RFC 5280 nameConstraints, critical) to `.local`,
// `localhost`, the hostname at creation and private address ranges: a stolen hub
// key cannot impersonate an internet site to a device that trusts the root.
// A bare single-label hostname can only be permitted by name, so after a hostname
// change `<new>.local` keeps working but the bare `<new>` SAN is left out (with a log
// warning) because a verifier enforcing the constraint would reject the whole chain.
//
// Files in dir: ca.crt, ca.key (0600), server.crt, server.key (0600). The CRL
// is kept in memory only: it is signed again from the key whenever needed.
// Not thread-safe: one maintenance thread owns it; the TLS server only reads the files.
#include "hub/core/clock.h"
#include "hub/tls/x509_certificate.h"
#include "hub/tls/x509_names.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hub::tls {

// What the server certificate should name. Addresses as text ("192.168.1.20",
// "fe80::1%eth0"); 127.0.0.1 and ::1 are always added.
struct ServerNames {
    std::string hostname;
    std::vector<std::string> addresses;
    // The plain-HTTP port that serves the root's CRL (/ca.crl); the certificate
    // names it as its CRL distribution point on <hostname>.local. 0: none.
    int crlHttpPort = 0;
};

// gethostname() and every address of every interface that is up.
ServerNames detectServerNames();

class CertificateAuthority {
public:
    static constexpr int kServerValidityDays = 397;   // CA/Browser Forum ceiling
    static constexpr int kRenewBeforeDays = 30;
    static constexpr int kRootValidityYears = 20;

    CertificateAuthority(std::filesystem::path dir, const Clock& clock);
    ~CertificateAuthority();
    CertificateAuthority(const CertificateAuthority&) = delete;
    CertificateAuthority& operator=(const CertificateAuthority&) = delete;

    // Loads the root, or creates it when ca.crt is absent, permitting `hostname` (the
    // box's current one when empty) as a bare name. Throws TlsError if ca.crt exists
    // without ca.key (the root cannot be replaced silently: devices trust it).
    void ensureRoot(const std::string& hostname = {});

    // Issues a new server certificate and key when the current one is missing, does
    // not match its key, expires within kRenewBeforeDays, is not signed by the current
    // root, or names a different set than `names` asks for. Returns true if it issued.
    // Calls ensureRoot(names.hostname) first.
    bool ensureServerCertificate(const ServerNames& names);

    // The subjectAltName set a certificate for `names` gets under this root:
    // addresses outside the permitted ranges and a bare hostname the root does not
    // permit are dropped (and logged). REQUIRES: root loaded.
    struct SubjectNames {
        std::vector<std::string> dnsNames;
        std::vector<Bytes> addresses;
        std::string crlUrl;  // "http://clinic-hub.local:8080/ca.crl"; empty for none
    };
    SubjectNames wantedNames(const ServerNames& names) const;

    // REQUIRES: ensureRoot() has run.
    std::string rootPem() const;
    std::string rootDer() const;
    std::string rootFingerprintSha256() const;  // "AB:CD:..." over the DER
    std::optional<TimePoint> serverNotAfter() const;

    // The root's CRL, DER: it revokes nothing (a hub replaces its server
    // certificate rather than revoking it) but lets clients that insist on a
    // revocation source, such as Windows' schannel, find one. Valid for
    // kCrlValidityDays, signed again once a day. REQUIRES: root loaded.
    static constexpr int kCrlValidityDays = 7;
    std::string crlDer();

    // The root key's ECDSA/SHA-256 signature (DER) over message; verifySignature
    // (signature.h) checks it against the root certificate. REQUIRES: root loaded.
    std::string signWithRoot(std::string_view message);

    std::filesystem::path rootCertificatePath() const { return dir_ / "ca.crt"; }
    std::filesystem::path rootKeyPath() const { return dir_ / "ca.key"; }
    std::filesystem::path serverCertificatePath() const { return dir_ / "server.crt"; }
    std::filesystem::path serverKeyPath() const { return dir_ / "server.key"; }

    // Signs a server certificate for exactly these names, with no filtering, and
    // writes it to the given paths. Tests use it to show that the root's name
    // constraints make a leaf for an internet name fail verification.
    void issueUncheckedForTesting(const SubjectNames& names, const std::filesystem::path& certificateFile,
                                  const std::filesystem::path& keyFile);

private:
    void createRoot(const std::string& hostname);
    void loadRoot();
    void issueServerCertificate(const SubjectNames& names, const std::filesystem::path& certificateFile,
                                const std::filesystem::path& keyFile);
    bool serverCertificateIsCurrent(const SubjectNames& wanted) const;

    std::filesystem::path dir_;
    const Clock& clock_;
    std::unique_ptr<RandomGenerator> rng_;
    std::unique_ptr<CertificateChain> root_;
    std::unique_ptr<PkKey> rootKey_;
    std::string rootSubject_;  // "CN=...,O=..." as mbedTLS's name writer expects it
    std::string crlDer_;
    TimePoint crlSignedAt_{};
    std::uint64_t crlNumber_ = 0;
};

// Checks an admin-supplied certificate (chain) and key before the server uses them:
// both parse and the key belongs to the first certificate. Throws TlsError naming
// the file otherwise.
void validateCertificateAndKey(const std::filesystem::path& certificateFile, const std::filesystem::path& keyFile);

}  // namespace hub::tls
