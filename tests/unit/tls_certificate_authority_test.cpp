#include "hub/tls/certificate_authority.h"
#include "hub/tls/tls_error.h"
#include "tls_test_support.h"

#include "support/catch.h"
#include <mbedtls/x509_crt.h>
#include <sys/stat.h>

#include <algorithm>

using namespace hub::tls;
using namespace hub::tls::testing;
using namespace std::chrono_literals;

namespace {

const ServerNames kNames{"clinic-hub", {"192.168.1.20", "fe80::1%eth0", "10.0.0.5", "8.8.8.8"}};

mode_t modeOf(const std::filesystem::path& p) {
    struct stat st {};
    ::stat(p.c_str(), &st);
    return st.st_mode & 0777;
}

std::string subjectAltNames(const std::filesystem::path& crt) {
    const std::string text = certificateText(crt);
    const auto at = text.find("X509v3 Subject Alternative Name:");
    const auto line = text.find('\n', at) + 1;
    auto names = text.substr(line, text.find('\n', line) - line);
    names.erase(0, names.find_first_not_of(' '));
    return names;
}

std::chrono::hours hoursBetween(std::chrono::system_clock::time_point a, std::chrono::system_clock::time_point b) {
    return std::chrono::duration_cast<std::chrono::hours>(b - a);
}

}  // namespace

TEST_CASE("the local root CA is a name-constrained P-256 CA valid for twenty years", "[tls][ca]") {
    TempDir dir;
    hub::ManualClock clock(std::chrono::system_clock::now());
    CertificateAuthority ca(dir.path(), clock);
    ca.ensureRoot("clinic-hub");

    const std::string text = certificateText(ca.rootCertificatePath());
    CHECK_THAT(text, Catch::Contains("Subject: CN = Clinic Hub Local Root CA "));
    CHECK_THAT(text, Catch::Contains("ASN1 OID: prime256v1"));
    CHECK_THAT(text, Catch::Contains("X509v3 Basic Constraints: critical\n                CA:TRUE, pathlen:0"));
    CHECK_THAT(text, Catch::Contains("X509v3 Key Usage: critical\n                Certificate Sign, CRL Sign"));
    CHECK_THAT(text, Catch::Contains("X509v3 Subject Key Identifier"));
    CHECK_THAT(text, Catch::Contains("X509v3 Name Constraints: critical"));
    for (const char* subtree : {"DNS:local\n", "DNS:localhost\n", "DNS:clinic-hub\n", "IP:10.0.0.0/255.0.0.0",
                                "IP:172.16.0.0/255.240.0.0", "IP:192.168.0.0/255.255.0.0",
                                "IP:169.254.0.0/255.255.0.0", "IP:127.0.0.0/255.0.0.0",
                                "IP:FC00:0:0:0:0:0:0:0/FE00:0:0:0:0:0:0:0", "IP:FE80:0:0:0:0:0:0:0/FFC0:0:0:0:0:0:0:0",
                                "IP:0:0:0:0:0:0:0:1/FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF"})
        CHECK_THAT(text, Catch::Contains(subtree));

    const auto notBefore = certificateDate(ca.rootCertificatePath(), "startdate");
    const auto notAfter = certificateDate(ca.rootCertificatePath(), "enddate");
    CHECK(std::chrono::abs(hoursBetween(notBefore, clock.now()) - 24h) <= 1h);
    CHECK(hoursBetween(notBefore, notAfter) >= 20 * 365 * 24h);
    CHECK(hoursBetween(notBefore, notAfter) <= 20 * 366 * 24h);

    CHECK(modeOf(ca.rootKeyPath()) == 0600);
    CHECK(ca.rootFingerprintSha256().size() == 32 * 3 - 1);

    SECTION("mbedTLS refuses the root without the extension callback, and accepts it with it") {
        const std::string der = ca.rootDer();
        mbedtls_x509_crt plain;
        mbedtls_x509_crt_init(&plain);
        CHECK(mbedtls_x509_crt_parse_der(&plain, reinterpret_cast<const unsigned char*>(der.data()), der.size()) != 0);
        mbedtls_x509_crt_free(&plain);

        const auto root = CertificateChain::fromPem(ca.rootPem());
        CHECK(root->hasNameConstraints());
        CHECK(root->permittedDnsNames() == std::vector<std::string>{"local", "localhost", "clinic-hub"});
    }
    SECTION("a second clinic's root is a different root") {
        TempDir other;
        CertificateAuthority otherCa(other.path(), clock);
        otherCa.ensureRoot("clinic-hub");
        CHECK(otherCa.rootFingerprintSha256() != ca.rootFingerprintSha256());
    }
    SECTION("reloading the directory gives the same root") {
        CertificateAuthority again(dir.path(), clock);
        again.ensureRoot();
        CHECK(again.rootFingerprintSha256() == ca.rootFingerprintSha256());
    }
}

TEST_CASE("the server certificate names the box as wanted and verifies under the root", "[tls][ca]") {
    TempDir dir;
    hub::ManualClock clock(std::chrono::system_clock::now());
    CertificateAuthority ca(dir.path(), clock);
    REQUIRE(ca.ensureServerCertificate(kNames));

    // 8.8.8.8 is outside the root's ranges, so it is left out.
    CHECK(subjectAltNames(ca.serverCertificatePath()) ==
          "DNS:clinic-hub, DNS:clinic-hub.local, DNS:localhost, IP Address:10.0.0.5, IP Address:127.0.0.1, "
          "IP Address:192.168.1.20, IP Address:0:0:0:0:0:0:0:1, IP Address:FE80:0:0:0:0:0:0:1");
    const auto leaf = CertificateChain::fromFile(ca.serverCertificatePath());
    for (const auto& address : leaf->ipAddresses()) CHECK((address.size() == 4 || address.size() == 16));

    const std::string text = certificateText(ca.serverCertificatePath());
    CHECK_THAT(text, Catch::Contains("X509v3 Extended Key Usage: \n                TLS Web Server Authentication"));
    CHECK_THAT(text, Catch::Contains("X509v3 Key Usage: critical\n                Digital Signature"));
    CHECK_THAT(text, Catch::Contains("CA:FALSE"));
    CHECK_THAT(text, Catch::Contains("X509v3 Authority Key Identifier"));
    CHECK_THAT(text, Catch::Contains("ASN1 OID: prime256v1"));

    const auto notBefore = certificateDate(ca.serverCertificatePath(), "startdate");
    const auto notAfter = certificateDate(ca.serverCertificatePath(), "enddate");
    CHECK(std::chrono::abs(hoursBetween(notBefore, clock.now()) - 24h) <= 1h);
    CHECK(hoursBetween(notBefore, notAfter) <= 397 * 24h);
    CHECK(modeOf(ca.serverKeyPath()) == 0600);
    REQUIRE(ca.serverNotAfter());
    CHECK(std::chrono::abs(hoursBetween(*ca.serverNotAfter(), notAfter)) <= 1h);

    const auto verified = run("openssl verify -CAfile " + quoted(ca.rootCertificatePath()) + " " +
                              quoted(ca.serverCertificatePath()));
    CHECK(verified.exitCode == 0);
    CHECK_THAT(verified.output, Catch::Contains(": OK"));

    SECTION("a leaf for an internet name under the same root fails verification: the constraint is real") {
        const auto name = *parseIpAddress("8.8.8.8");
        ca.issueUncheckedForTesting({{"www.example.com"}, {name}, {}}, dir / "evil.crt", dir / "evil.key");
        const auto evil = run("openssl verify -CAfile " + quoted(ca.rootCertificatePath()) + " " + quoted(dir / "evil.crt"));
        CHECK(evil.exitCode != 0);
        CHECK_THAT(evil.output, Catch::Contains("permitted subtree violation"));
    }
    SECTION("after a hostname change the bare name is left out unless the root permits it") {
        REQUIRE(ca.ensureServerCertificate({"reception", {"192.168.1.20"}}));
        CHECK(subjectAltNames(ca.serverCertificatePath()) ==
              "DNS:localhost, DNS:reception.local, IP Address:127.0.0.1, IP Address:192.168.1.20, "
              "IP Address:0:0:0:0:0:0:0:1");
        CHECK(run("openssl verify -CAfile " + quoted(ca.rootCertificatePath()) + " " +
                  quoted(ca.serverCertificatePath())).exitCode == 0);
    }
}

TEST_CASE("the server certificate is re-issued only when it must be, always under the same root", "[tls][ca]") {
    TempDir dir;
    hub::ManualClock clock(std::chrono::system_clock::now());
    CertificateAuthority ca(dir.path(), clock);
    REQUIRE(ca.ensureServerCertificate(kNames));
    const std::string root = ca.rootFingerprintSha256();

    SECTION("nothing changed: kept") { CHECK_FALSE(ca.ensureServerCertificate(kNames)); }
    SECTION("the same addresses in another order: kept") {
        CHECK_FALSE(ca.ensureServerCertificate({"clinic-hub", {"10.0.0.5", "fe80::1", "192.168.1.20"}}));
    }
    SECTION("an address changed: re-issued") {
        CHECK(ca.ensureServerCertificate({"clinic-hub", {"192.168.1.21"}}));
        CHECK_FALSE(ca.ensureServerCertificate({"clinic-hub", {"192.168.1.21"}}));
    }
    SECTION("more than 30 days before expiry: kept") {
        clock.advance(24h * 360);
        CHECK_FALSE(ca.ensureServerCertificate(kNames));
    }
    SECTION("within 30 days of expiry: re-issued") {
        clock.advance(24h * 368);
        CHECK(ca.ensureServerCertificate(kNames));
        CHECK(*ca.serverNotAfter() > clock.now() + 24h * 390);
    }
    SECTION("signed by another root: re-issued") {
        TempDir other;
        CertificateAuthority otherCa(other.path(), clock);
        REQUIRE(otherCa.ensureServerCertificate(kNames));
        std::filesystem::copy_file(otherCa.serverCertificatePath(), ca.serverCertificatePath(),
                                   std::filesystem::copy_options::overwrite_existing);
        std::filesystem::copy_file(otherCa.serverKeyPath(), ca.serverKeyPath(),
                                   std::filesystem::copy_options::overwrite_existing);
        CHECK(ca.ensureServerCertificate(kNames));
    }
    SECTION("the key file does not match the certificate: re-issued") {
        std::filesystem::copy_file(ca.rootKeyPath(), ca.serverKeyPath(), std::filesystem::copy_options::overwrite_existing);
        CHECK(ca.ensureServerCertificate(kNames));
    }
    CHECK(ca.rootFingerprintSha256() == root);
    // Verified at the injected clock's time, which the expiry sections moved forward.
    CHECK(run("openssl verify -attime " + std::to_string(hub::toUnixSeconds(clock.now())) + " -CAfile " +
              quoted(ca.rootCertificatePath()) + " " + quoted(ca.serverCertificatePath()))
              .exitCode == 0);
}

TEST_CASE("a root certificate whose key is lost is not silently replaced", "[tls][ca]") {
    TempDir dir;
    hub::ManualClock clock(std::chrono::system_clock::now());
    CertificateAuthority(dir.path(), clock).ensureRoot("clinic-hub");
    std::filesystem::remove(dir / "ca.key");
    CertificateAuthority ca(dir.path(), clock);
    CHECK_THROWS_AS(ca.ensureRoot(), TlsError);
}

TEST_CASE("an admin-supplied certificate and key are accepted only as a matching pair", "[tls][ca]") {
    TempDir dir;
    hub::ManualClock clock(std::chrono::system_clock::now());
    CertificateAuthority ca(dir.path(), clock);
    ca.ensureServerCertificate(kNames);
    CHECK_NOTHROW(validateCertificateAndKey(ca.serverCertificatePath(), ca.serverKeyPath()));
    CHECK_THROWS_AS(validateCertificateAndKey(ca.serverCertificatePath(), ca.rootKeyPath()), TlsError);
    writeFile(dir / "garbage.pem", "not a certificate");
    CHECK_THROWS_AS(validateCertificateAndKey(dir / "garbage.pem", ca.serverKeyPath()), TlsError);
}
