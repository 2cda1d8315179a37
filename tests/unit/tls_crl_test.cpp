// The root's CRL and the distribution point the server certificate names:
// read back by mbedTLS and checked by the openssl CLI as an independent verifier.
#include "hub/tls/certificate_authority.h"
#include "hub/tls/tls_error.h"
#include "hub/tls/x509_certificate.h"
#include "tls_test_support.h"

#include "support/catch.h"
#include <mbedtls/x509_crl.h>

using namespace hub::tls;
using namespace hub::tls::testing;
using namespace std::chrono_literals;

namespace {

ServerNames namesWithCrl(int port) { return {"clinic-hub", {"192.168.1.20"}, port}; }

void writeBytes(const std::filesystem::path& file, const std::string& bytes) {
    std::ofstream(file, std::ios::binary) << bytes;
}

// The CRL distribution point URIs openssl reads from a certificate.
std::string opensslDistributionPoints(const std::filesystem::path& crt) {
    return run("openssl x509 -noout -ext crlDistributionPoints -in " + quoted(crt)).output;
}

}  // namespace

TEST_CASE("cRLDistributionPoints encodes one URI and reads back", "[tls][names]") {
    const Bytes der = encodeCrlDistributionPoints("http://clinic-hub.local:8080/ca.crl");
    CHECK(decodeCrlDistributionPoints(der.data(), der.data() + der.size()) ==
          std::vector<std::string>{"http://clinic-hub.local:8080/ca.crl"});
    const Bytes truncated(der.begin(), der.end() - 3);
    CHECK_THROWS_AS(decodeCrlDistributionPoints(truncated.data(), truncated.data() + truncated.size()), TlsError);
}

TEST_CASE("the server certificate names the CRL on the box's .local name and plain-HTTP port", "[tls][ca][crl]") {
    TempDir dir;
    hub::ManualClock clock(std::chrono::system_clock::now());
    CertificateAuthority ca(dir.path(), clock);
    REQUIRE(ca.ensureServerCertificate(namesWithCrl(8080)));

    CHECK_THAT(opensslDistributionPoints(ca.serverCertificatePath()),
               Catch::Contains("URI:http://clinic-hub.local:8080/ca.crl"));
    CHECK(CertificateChain::fromFile(ca.serverCertificatePath())->crlDistributionPoints() ==
          std::vector<std::string>{"http://clinic-hub.local:8080/ca.crl"});
    CHECK_FALSE(ca.ensureServerCertificate(namesWithCrl(8080)));

    SECTION("another port: re-issued with it, and port 80 is left out of the URI") {
        REQUIRE(ca.ensureServerCertificate(namesWithCrl(80)));
        CHECK(CertificateChain::fromFile(ca.serverCertificatePath())->crlDistributionPoints() ==
              std::vector<std::string>{"http://clinic-hub.local/ca.crl"});
    }
    SECTION("no plain-HTTP listener: re-issued without a distribution point") {
        REQUIRE(ca.ensureServerCertificate(namesWithCrl(0)));
        CHECK(CertificateChain::fromFile(ca.serverCertificatePath())->crlDistributionPoints().empty());
        CHECK_THAT(opensslDistributionPoints(ca.serverCertificatePath()), !Catch::Contains("URI:"));
    }
    SECTION("a certificate from before the hub served a CRL is re-issued with one") {
        REQUIRE(ca.ensureServerCertificate(namesWithCrl(0)));
        CHECK(ca.ensureServerCertificate(namesWithCrl(8080)));
    }
}

TEST_CASE("the root's CRL is signed by the root, revokes nothing and the server certificate passes a CRL check",
          "[tls][ca][crl]") {
    TempDir dir;
    hub::ManualClock clock(std::chrono::system_clock::now());
    CertificateAuthority ca(dir.path(), clock);
    REQUIRE(ca.ensureServerCertificate(namesWithCrl(8080)));
    const std::string der = ca.crlDer();
    writeBytes(dir / "ca.crl", der);

    // openssl checks the signature against the root and prints the fields.
    const auto text = run("openssl crl -inform DER -in " + quoted(dir / "ca.crl") + " -CAfile " +
                          quoted(ca.rootCertificatePath()) + " -noout -text " + kOpensslNameFormat);
    INFO(text.output);
    CHECK(text.exitCode == 0);
    CHECK_THAT(text.output, Catch::Contains("verify OK"));
    CHECK_THAT(text.output, Catch::Contains("Version 2 (0x1)"));
    CHECK_THAT(text.output, Catch::Contains("Signature Algorithm: ecdsa-with-SHA256"));
    CHECK_THAT(text.output, Catch::Contains("Issuer: CN = Clinic Hub Local Root CA"));
    CHECK_THAT(text.output, Catch::Contains("No Revoked Certificates."));
    CHECK_THAT(text.output, Catch::Contains("X509v3 CRL Number"));
    // The authority key id is the root's subject key id.
    const std::string rootText = certificateText(ca.rootCertificatePath());
    const auto at = rootText.find("X509v3 Subject Key Identifier:");
    REQUIRE(at != std::string::npos);
    const auto line = rootText.find('\n', at) + 1;
    std::string keyId = rootText.substr(line, rootText.find('\n', line) - line);
    keyId.erase(0, keyId.find_first_not_of(' '));
    CHECK_THAT(text.output, Catch::Contains(keyId));

    // A client that insists on checking revocation accepts the server certificate.
    writeBytes(dir / "ca.crl.der", der);
    const auto pem = run("openssl crl -inform DER -in " + quoted(dir / "ca.crl.der") + " -out " + quoted(dir / "ca.crl.pem"));
    REQUIRE(pem.exitCode == 0);
    const auto verified = run("openssl verify -crl_check -CAfile " + quoted(ca.rootCertificatePath()) + " -CRLfile " +
                              quoted(dir / "ca.crl.pem") + " " + quoted(ca.serverCertificatePath()));
    INFO(verified.output);
    CHECK(verified.exitCode == 0);

    // mbedTLS parses it and verifies the leaf with it.
    mbedtls_x509_crl crl;
    mbedtls_x509_crl_init(&crl);
    REQUIRE(mbedtls_x509_crl_parse_der(&crl, reinterpret_cast<const unsigned char*>(der.data()), der.size()) == 0);
    CHECK(crl.version == 2);
    auto leaf = CertificateChain::fromFile(ca.serverCertificatePath());
    auto root = CertificateChain::fromFile(ca.rootCertificatePath());
    uint32_t flags = 0;
    CHECK(mbedtls_x509_crt_verify(leaf->get(), root->get(), &crl, nullptr, &flags, nullptr, nullptr) == 0);
    CHECK(flags == 0);
    mbedtls_x509_crl_free(&crl);
}

TEST_CASE("the CRL is signed again once a day, with a larger number, and stays valid a week", "[tls][ca][crl]") {
    TempDir dir;
    hub::ManualClock clock(std::chrono::system_clock::now());
    CertificateAuthority ca(dir.path(), clock);
    ca.ensureRoot("clinic-hub");

    auto field = [&](const std::string& der, const std::string& option) {
        writeBytes(dir / "crl.der", der);
        auto out = run("openssl crl -inform DER -in " + quoted(dir / "crl.der") + " -noout " + option).output;
        out = out.substr(out.find('=') + 1);
        return out.substr(0, out.find('\n'));
    };
    const std::string first = ca.crlDer();
    CHECK(ca.crlDer() == first);  // cached: the same bytes within the day
    clock.advance(23h);
    CHECK(ca.crlDer() == first);
    clock.advance(2h);
    const std::string second = ca.crlDer();
    CHECK(second != first);
    CHECK(std::stoull(field(second, "-crlnumber"), nullptr, 16) > std::stoull(field(first, "-crlnumber"), nullptr, 16));

    // Valid from a day before signing (devices' clocks drift) to a week after:
    // a box switched off over a holiday weekend still hands out a current CRL.
    auto date = [&](const std::string& der, const std::string& option) {
        writeBytes(dir / "crl.der", der);
        return opensslDate(run("openssl crl -inform DER -in " + quoted(dir / "crl.der") + " -noout -" + option +
                               " -dateopt iso_8601").output);
    };
    const auto signedAt = std::chrono::time_point_cast<std::chrono::seconds>(clock.now());
    CHECK(std::chrono::abs(date(second, "lastupdate") - (signedAt - 24h)) <= 1s);
    CHECK(std::chrono::abs(date(second, "nextupdate") - (signedAt + 7 * 24h)) <= 1s);

    SECTION("a clock that stepped back gets a CRL signed at the new time at once") {
        clock.advance(-3h);
        const std::string third = ca.crlDer();
        CHECK(third != second);
        CHECK(std::chrono::abs(date(third, "nextupdate") - (signedAt - 3h + 7 * 24h)) <= 1s);
        CHECK(std::stoull(field(third, "-crlnumber"), nullptr, 16) > std::stoull(field(second, "-crlnumber"), nullptr, 16));
    }
}
