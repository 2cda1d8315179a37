// testssl.sh (Debian package testssl.sh, program `testssl`) against the real
// hub on 127.0.0.1: it must find nothing HIGH or CRITICAL. It runs offline:
// --nodns none makes no DNS queries, and without --phone-out it fetches no CRL
// or OCSP answer. The hub's root is passed with --add-ca, as a staff device
// that followed /welcome would trust it.
//
// Hidden from ctest (the "[.testssl]" tag): even this subset takes 5-8 minutes
// on our shared 2-core machines, past the 3 minutes a test may take. Run it by
// hand: build/tests/welcome_integration_tests "[.testssl]" (docs/security.md).
#include "test_support.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

using namespace hub::it;

TEST_CASE("testssl.sh finds nothing HIGH or CRITICAL in the hub's TLS", "[.testssl][integration][welcome]") {
    if (!haveProgram("testssl")) {
        WARN("SKIPPED: testssl is not installed (apt-get install testssl.sh; packaging/dev/lib.sh lists it in "
             "TEST_PACKAGES)");
        return;
    }
    HubDataDir dir;
    HubProcess hub(dir);
    TempDir out("clinic-hub-testssl");
    const auto report = out / "testssl.json";
    // Protocols, cipher categories, forward secrecy, server preferences and
    // defaults (the certificate), headers and vulnerabilities: everything but the
    // per-cipher and client-simulation runs, which take minutes and add no finding.
    const auto r = runProgram({"testssl", "--quiet", "--color", "0", "--warnings", "off", "--nodns", "none",
                               "--add-ca", dir.caFile().string(), "-p", "-s", "-f", "-P", "-S", "-h", "-U",
                               "--jsonfile", report.string(), "127.0.0.1:" + std::to_string(hub.httpsPort())},
                              RunOptions{"/dev/null", std::chrono::minutes(5)});
    INFO(r.describe());
    REQUIRE_FALSE(r.timedOut);
    REQUIRE(std::filesystem::exists(report));

    const auto findings = Poco::JSON::Parser().parse(readFile(report)).extract<Poco::JSON::Array::Ptr>();
    REQUIRE(findings->size() > 20);  // a real scan, not an empty file
    int serious = 0;
    bool sawProtocols = false, sawCertificate = false;
    for (std::size_t i = 0; i < findings->size(); ++i) {
        const auto f = findings->getObject(static_cast<unsigned>(i));
        const std::string id = f->getValue<std::string>("id"), severity = f->getValue<std::string>("severity");
        sawProtocols = sawProtocols || id == "TLS1_2";
        sawCertificate = sawCertificate || id.rfind("cert_chain_of_trust", 0) == 0;
        if (severity == "HIGH" || severity == "CRITICAL") {
            ++serious;
            UNSCOPED_INFO(severity << " " << id << ": " << f->getValue<std::string>("finding"));
        }
        if (id.rfind("cert_chain_of_trust", 0) == 0) CHECK(f->getValue<std::string>("severity") == "OK");
    }
    CHECK(sawProtocols);
    CHECK(sawCertificate);
    CHECK(serious == 0);
}
