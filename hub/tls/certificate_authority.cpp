#include "hub/tls/certificate_authority.h"

#include "hub/core/log.h"
#include "hub/core/text.h"
#include "hub/tls/certificate_writer.h"
#include "hub/tls/digest.h"
#include "hub/tls/mbedtls_compat.h"
#include "hub/tls/secure_file.h"
#include "hub/tls/tls_error.h"

#include <mbedtls/oid.h>
#include <mbedtls/x509.h>

#include <ifaddrs.h>
#include <netinet/in.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <chrono>
#include <memory>

namespace hub::tls {
namespace {

constexpr std::string_view kComponent = "tls";
constexpr auto kDay = std::chrono::hours(24);

// A DNS name the certificate can carry: letters, digits, hyphens, dots; lower-cased.
std::optional<std::string> dnsName(std::string_view text) {
    std::string name;
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (!std::isalnum(u) && c != '-' && c != '.') return std::nullopt;
        name += static_cast<char>(std::tolower(u));
    }
    if (name.empty() || name.front() == '.' || name.back() == '.' || name.find("..") != std::string::npos)
        return std::nullopt;
    return name;
}

std::string firstLabel(const std::string& name) { return name.substr(0, name.find('.')); }

std::string oid(const char* bytes, std::size_t size) { return std::string(bytes, size); }
#define HUB_OID(x) oid(x, MBEDTLS_OID_SIZE(x))

void sortUnique(CertificateAuthority::SubjectNames& n) {
    std::sort(n.dnsNames.begin(), n.dnsNames.end());
    n.dnsNames.erase(std::unique(n.dnsNames.begin(), n.dnsNames.end()), n.dnsNames.end());
    // IPv4 before IPv6, then by value: a stable order to compare and to read.
    std::sort(n.addresses.begin(), n.addresses.end(),
              [](const Bytes& a, const Bytes& b) { return a.size() != b.size() ? a.size() < b.size() : a < b; });
    n.addresses.erase(std::unique(n.addresses.begin(), n.addresses.end()), n.addresses.end());
}

}  // namespace

ServerNames detectServerNames() {
    ServerNames names;
    char host[256] = {};
    if (::gethostname(host, sizeof host - 1) == 0) names.hostname = host;
    ifaddrs* list = nullptr;
    if (::getifaddrs(&list) != 0) return names;
    const std::unique_ptr<ifaddrs, void (*)(ifaddrs*)> owner(list, ::freeifaddrs);
    for (const ifaddrs* i = list; i != nullptr; i = i->ifa_next) {
        if (i->ifa_addr == nullptr) continue;
        Bytes raw;
        if (i->ifa_addr->sa_family == AF_INET) {
            sockaddr_in a{};
            std::memcpy(&a, i->ifa_addr, sizeof a);
            const auto* p = reinterpret_cast<const unsigned char*>(&a.sin_addr);
            raw.assign(p, p + 4);
        } else if (i->ifa_addr->sa_family == AF_INET6) {
            sockaddr_in6 a{};
            std::memcpy(&a, i->ifa_addr, sizeof a);
            raw.assign(a.sin6_addr.s6_addr, a.sin6_addr.s6_addr + 16);
        } else {
            continue;
        }
        names.addresses.push_back(formatIpAddress(raw));
    }
    return names;
}

CertificateAuthority::CertificateAuthority(std::filesystem::path dir, const Clock& clock)
    : dir_(std::move(dir)), clock_(clock), rng_(std::make_unique<RandomGenerator>()) {}

CertificateAuthority::~CertificateAuthority() = default;

void CertificateAuthority::ensureRoot(const std::string& hostname) {
    if (root_) return;
    std::filesystem::create_directories(dir_);
    if (!std::filesystem::exists(rootCertificatePath())) {
        // ca.key is written before ca.crt, so a key without a certificate is a
        // creation that never finished: no device can trust it yet.
        createRoot(hostname.empty() ? detectServerNames().hostname : hostname);
    }
    loadRoot();
}

void CertificateAuthority::createRoot(const std::string& hostname) {
    const Bytes id = rng_->bytes(4);
    const std::string subject = "CN=Clinic Hub Local Root CA " +
                                hexEncode(std::string_view(reinterpret_cast<const char*>(id.data()), id.size())) +
                                ",O=Clinic Hub";
    std::vector<std::string> permittedDns = {"local", "localhost"};
    if (const auto host = dnsName(hostname); host && !dnsNamePermitted(*host, permittedDns))
        permittedDns.push_back(*host);

    auto key = generateP256Key(*rng_);
    CertificateTemplate t;
    t.subject = t.issuer = subject;
    t.subjectKey = t.issuerKey = key.get();
    t.notBefore = clock_.now() - kDay;  // a box without an RTC may boot with a stale clock
    t.notAfter = t.notBefore + kRootValidityYears * std::chrono::days(365) + std::chrono::days(5);
    t.isCa = true;
    t.pathLength = 0;
    t.keyUsage = MBEDTLS_X509_KU_KEY_CERT_SIGN | MBEDTLS_X509_KU_CRL_SIGN;
    t.extensions.push_back({HUB_OID(MBEDTLS_OID_NAME_CONSTRAINTS), true,
                            encodeNameConstraints(permittedDns, privateIpRanges())});
    const std::string pem = signCertificate(t, *rng_);

    writeFileAtomically(rootKeyPath(), privateKeyPem(*key), 0600);
    writeFileAtomically(rootCertificatePath(), pem, 0644);
    log::info(kComponent, "created local root CA " + subject);
}

void CertificateAuthority::loadRoot() {
    if (!std::filesystem::exists(rootKeyPath()))
        throw TlsError("root CA key missing", rootKeyPath().string() + " (ca.crt exists; restore the key or remove both)");
    auto root = CertificateChain::fromFile(rootCertificatePath());
    auto key = parsePrivateKey(readTextFile(rootKeyPath()), *rng_);
    checkKeyMatches(*root, *key, *rng_);
    char subject[512];
    throwOnError(mbedtls_x509_dn_gets(subject, sizeof subject, &root->first().subject), "reading the root subject");
    // dn_gets separates attributes with ", "; the name writer expects ",".
    std::string s = subject;
    for (std::size_t at = s.find(", "); at != std::string::npos; at = s.find(", ", at)) s.erase(at + 1, 1);
    rootSubject_ = s;
    root_ = std::move(root);
    rootKey_ = std::move(key);
}

CertificateAuthority::SubjectNames CertificateAuthority::wantedNames(const ServerNames& names) const {
    SubjectNames wanted;
    const std::vector<std::string> permitted =
        root_->hasNameConstraints() ? root_->permittedDnsNames() : std::vector<std::string>{};
    if (const auto host = dnsName(names.hostname)) {
        const std::string localName = firstLabel(*host) + ".local";
        wanted.dnsNames.push_back(localName);
        if (names.crlHttpPort != 0) wanted.crlUrl = webUrl("http", localName, names.crlHttpPort, "/ca.crl");
        if (!root_->hasNameConstraints() || dnsNamePermitted(*host, permitted))
            wanted.dnsNames.push_back(*host);
        else
            log::warning(kComponent, "hostname " + *host + " is not permitted by the root CA; only " +
                                         firstLabel(*host) + ".local is in the server certificate");
    } else if (!names.hostname.empty()) {
        log::warning(kComponent, "hostname is not a valid DNS name; left out of the server certificate");
    }
    wanted.dnsNames.push_back("localhost");
    wanted.addresses = {*parseIpAddress("127.0.0.1"), *parseIpAddress("::1")};
    for (const auto& text : names.addresses) {
        const auto raw = parseIpAddress(text);
        if (!raw) {
            log::warning(kComponent, "ignoring address that does not parse: " + text);
        } else if (!isPrivateAddress(*raw)) {
            log::warning(kComponent, "address " + formatIpAddress(*raw) +
                                         " is outside the root CA's permitted ranges; left out of the certificate");
        } else {
            wanted.addresses.push_back(*raw);
        }
    }
    sortUnique(wanted);
    return wanted;
}

bool CertificateAuthority::ensureServerCertificate(const ServerNames& names) {
    ensureRoot(names.hostname);
    const SubjectNames wanted = wantedNames(names);
    if (serverCertificateIsCurrent(wanted)) return false;
    issueServerCertificate(wanted, serverCertificatePath(), serverKeyPath());
    log::info(kComponent, "issued a new server certificate");
    return true;
}

bool CertificateAuthority::serverCertificateIsCurrent(const SubjectNames& wanted) const {
    if (!std::filesystem::exists(serverCertificatePath()) || !std::filesystem::exists(serverKeyPath())) return false;
    try {
        auto leaf = CertificateChain::fromFile(serverCertificatePath());
        auto key = parsePrivateKey(readTextFile(serverKeyPath()), *rng_);
        checkKeyMatches(*leaf, *key, *rng_);
        if (leaf->notAfter() - clock_.now() < kRenewBeforeDays * kDay) return false;
        // Issued before the hub wrote the algorithm the way Chromium accepts it.
        if (hasEcdsaNullParameters(leaf->firstDer())) return false;

        uint32_t flags = 0;
        mbedtls_x509_crt_verify(leaf->get(), root_->get(), nullptr, nullptr, &flags, nullptr, nullptr);
        // Time is judged above against the injected clock, not mbedTLS's wall clock.
        if ((flags & ~static_cast<uint32_t>(MBEDTLS_X509_BADCERT_EXPIRED | MBEDTLS_X509_BADCERT_FUTURE)) != 0)
            return false;

        SubjectNames present{leaf->dnsNames(), leaf->ipAddresses(), {}};
        sortUnique(present);
        const std::vector<std::string> wantedCrl =
            wanted.crlUrl.empty() ? std::vector<std::string>{} : std::vector<std::string>{wanted.crlUrl};
        return present.dnsNames == wanted.dnsNames && present.addresses == wanted.addresses &&
               leaf->crlDistributionPoints() == wantedCrl;
    } catch (const TlsError& e) {
        log::warning(kComponent, "server certificate unusable, re-issuing: " + e.displayText());
        return false;
    }
}

void CertificateAuthority::issueServerCertificate(const SubjectNames& names,
                                                  const std::filesystem::path& certificateFile,
                                                  const std::filesystem::path& keyFile) {
    auto key = generateP256Key(*rng_);
    CertificateTemplate t;
    // The CN is informational (clients match SANs); the mDNS name is the one people see.
    const auto mdnsName = std::find_if(names.dnsNames.begin(), names.dnsNames.end(),
                                       [](const std::string& n) { return n.ends_with(".local"); });
    t.subject = "CN=" + (mdnsName != names.dnsNames.end() ? *mdnsName : std::string("localhost")) + ",O=Clinic Hub";
    t.issuer = rootSubject_;
    t.subjectKey = key.get();
    t.issuerKey = rootKey_.get();
    t.notBefore = clock_.now() - kDay;
    t.notAfter = t.notBefore + kServerValidityDays * kDay;
    t.keyUsage = MBEDTLS_X509_KU_DIGITAL_SIGNATURE;
    t.extensions.push_back({HUB_OID(MBEDTLS_OID_SUBJECT_ALT_NAME), false,
                            encodeSubjectAltName(names.dnsNames, names.addresses)});
    t.extensions.push_back({HUB_OID(MBEDTLS_OID_EXTENDED_KEY_USAGE), false, encodeServerAuthExtendedKeyUsage()});
    if (!names.crlUrl.empty())
        t.extensions.push_back({HUB_OID(MBEDTLS_OID_CRL_DISTRIBUTION_POINTS), false,
                                encodeCrlDistributionPoints(names.crlUrl)});
    const std::string pem = signCertificate(t, *rng_);
    // Key first: a crash in between leaves a mismatched pair, which the next
    // ensureServerCertificate() detects and replaces.
    writeFileAtomically(keyFile, privateKeyPem(*key), 0600);
    writeFileAtomically(certificateFile, pem, 0644);
}

void CertificateAuthority::issueUncheckedForTesting(const SubjectNames& names,
                                                    const std::filesystem::path& certificateFile,
                                                    const std::filesystem::path& keyFile) {
    ensureRoot();
    issueServerCertificate(names, certificateFile, keyFile);
}

std::string CertificateAuthority::rootPem() const { return readTextFile(rootCertificatePath()); }

std::string CertificateAuthority::rootDer() const { return root_->firstDer(); }

std::string CertificateAuthority::rootFingerprintSha256() const {
    const Sha256 d = sha256(rootDer());
    return colonHex(std::string_view(reinterpret_cast<const char*>(d.data()), d.size()));
}

std::optional<TimePoint> CertificateAuthority::serverNotAfter() const {
    if (!std::filesystem::exists(serverCertificatePath())) return std::nullopt;
    return CertificateChain::fromFile(serverCertificatePath())->notAfter();
}

std::string CertificateAuthority::crlDer() {
    const TimePoint now = clock_.now();
    // Signed again daily, and at once if the clock stepped back (a box without
    // an RTC that booted with a stale time and then learnt the right one).
    if (crlDer_.empty() || now - crlSignedAt_ >= kDay || now < crlSignedAt_) {
        const mbedtls_x509_crt& root = root_->first();
        CrlTemplate t;
        t.issuerName.assign(root.subject_raw.p, root.subject_raw.p + root.subject_raw.len);
        t.authorityKeyId = subjectKeyIdentifier(root.pk);
        t.issuerKey = rootKey_.get();
        t.thisUpdate = now - kDay;  // as certificates' notBefore: slack for devices' clocks
        t.nextUpdate = now + kCrlValidityDays * kDay;
        // RFC 5280 5.2.3 wants a number that only increases: seconds since the
        // epoch do across restarts with no state to keep, and within a run the
        // last number bounds it from below should the clock step back.
        t.crlNumber = std::max(static_cast<std::uint64_t>(toUnixSeconds(now)), crlNumber_ + 1);
        crlNumber_ = t.crlNumber;
        const Bytes der = signEmptyCrl(t, *rng_);
        crlDer_.assign(der.begin(), der.end());
        crlSignedAt_ = now;
    }
    return crlDer_;
}

std::string CertificateAuthority::signWithRoot(std::string_view message) {
    const Sha256 hash = sha256(message);
    unsigned char signature[MBEDTLS_PK_SIGNATURE_MAX_SIZE];
    std::size_t length = 0;
    throwOnError(compat::pkSign(rootKey_->get(), hash.data(), signature, sizeof signature, &length,
                                &RandomGenerator::generate, rng_->context()),
                 "signing with the root key");
    return std::string(reinterpret_cast<const char*>(signature), length);
}

void validateCertificateAndKey(const std::filesystem::path& certificateFile, const std::filesystem::path& keyFile) {
    RandomGenerator rng;
    auto chain = CertificateChain::fromFile(certificateFile);
    std::unique_ptr<PkKey> key;
    try {
        key = parsePrivateKey(readTextFile(keyFile), rng);
        checkKeyMatches(*chain, *key, rng);
    } catch (const TlsError& e) {
        throw TlsError(keyFile.string(), e.message());
    }
}

}  // namespace hub::tls
