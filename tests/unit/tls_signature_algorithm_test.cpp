// The signature algorithm the hub writes into its certificates: Chromium refuses
// ecdsa-with-SHA256 with NULL parameters (mbedTLS 2.28's form) below the root, so
// staff browsers would reject the hub even after trusting its root.
#include "hub/tls/certificate_authority.h"
#include "hub/tls/certificate_writer.h"
#include "tls_test_support.h"

#include "support/catch.h"

#include <regex>

using namespace hub::tls;
using namespace hub::tls::testing;

namespace {

// The AlgorithmIdentifier lines openssl prints for every ecdsa-with-SHA256 in the file,
// each with the line after it (where a NULL parameter would be).
std::vector<std::string> signatureAlgorithms(const std::filesystem::path& crt) {
    const std::string dump = run("openssl asn1parse -in " + quoted(crt)).output;
    std::vector<std::string> found;
    const std::regex re(R"(OBJECT\s+:ecdsa-with-SHA256\n[^\n]*)");
    for (auto it = std::sregex_iterator(dump.begin(), dump.end(), re); it != std::sregex_iterator(); ++it)
        found.push_back(it->str());
    return found;
}

}  // namespace

TEST_CASE("root and server certificates name ecdsa-with-SHA256 without parameters and still verify", "[tls][ca]") {
    TempDir dir;
    hub::ManualClock clock(std::chrono::system_clock::now());
    CertificateAuthority ca(dir.path(), clock);
    REQUIRE(ca.ensureServerCertificate(ServerNames{"clinic-hub", {"192.168.1.20"}}));
    for (const auto& file : {ca.rootCertificatePath(), ca.serverCertificatePath()}) {
        INFO(file);
        const auto algorithms = signatureAlgorithms(file);
        CHECK(algorithms.size() == 2);  // in the signed part and beside the signature
        for (const auto& a : algorithms) CHECK(a.find("NULL") == std::string::npos);
        CHECK_FALSE(hasEcdsaNullParameters(CertificateChain::fromFile(file)->firstDer()));
    }
    const auto verify =
        run("openssl verify -CAfile " + quoted(ca.rootCertificatePath()) + " " + quoted(ca.serverCertificatePath()));
    INFO(verify.output);
    CHECK(verify.exitCode == 0);
}

TEST_CASE("a certificate in mbedTLS 2.28's NULL-parameter form is recognised, to be re-issued", "[tls][ca]") {
    const std::string withNull("\x30\x0c\x06\x08\x2a\x86\x48\xce\x3d\x04\x03\x02\x05\x00", 14);
    const std::string without("\x30\x0a\x06\x08\x2a\x86\x48\xce\x3d\x04\x03\x02", 12);
    CHECK(hasEcdsaNullParameters("\x30\x82" + withNull + "tail"));
    CHECK_FALSE(hasEcdsaNullParameters("\x30\x82" + without + "tail"));
}
