// What a device on the clinic network sees before it signs in: the health
// check, the security headers, the plain-HTTP port, and the TLS the hub speaks,
// checked with openssl and curl as independent clients.
#include "support/negotiated_tls.h"
#include "test_support.h"

#include <Poco/String.h>

#include <regex>

using namespace hub::it;

namespace {

int maxAge(const std::string& hsts) {
    std::smatch m;
    static const std::regex re("max-age=([0-9]+)");
    return std::regex_search(hsts, m, re) ? std::stoi(m[1]) : -1;
}

void checkSecurityHeaders(const HttpResult& r) {
    INFO(r.describe());
    const int age = maxAge(r.header("Strict-Transport-Security"));
    CHECK(age > 0);
    CHECK(age <= 7 * 24 * 3600);  // short: the hub's name and root may change
    const std::string csp = r.header("Content-Security-Policy");
    CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
    CHECK(csp.find("default-src 'self'") != std::string::npos);
    CHECK(r.header("X-Content-Type-Options") == "nosniff");
    CHECK(r.header("Referrer-Policy") == "no-referrer");
}

std::string statusLine(const std::string& response) { return response.substr(0, response.find("\r\n")); }

std::string headerIn(const std::string& response, const std::string& name) {
    for (const auto& line : lines(response.substr(0, response.find("\r\n\r\n")))) {
        if (line.size() > name.size() && Poco::icompare(line.substr(0, name.size() + 1), name + ":") == 0) {
            std::string value = line.substr(name.size() + 1);
            while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
            if (!value.empty() && value.back() == '\r') value.pop_back();
            return value;
        }
    }
    return "";
}

}  // namespace

TEST_CASE("GET /healthz reports ok, the version and the uptime", "[integration][transport]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto client = hub.client();
    const auto r = client->get("/healthz");
    INFO(r.describe());
    REQUIRE(r.status == 200);
    CHECK(r.header("Content-Type").rfind("application/json", 0) == 0);
    REQUIRE(r.json);
    CHECK(r.json->getValue<std::string>("status") == "ok");
    CHECK_FALSE(r.json->getValue<std::string>("version").empty());
    CHECK(r.json->getValue<long long>("uptime_seconds") >= 0);
    // Anyone may ask: no database details (abuse_limits_test checks the exact fields).
    CHECK_FALSE(r.json->has("database"));
}

TEST_CASE("security headers are on successful and on error responses", "[integration][transport]") {
    HubDataDir dir;
    HubProcess hub(dir, HubOptions{{"--max-body-bytes", "4k"}});
    auto client = hub.client();
    auto admin = signedIn(hub, "admin");

    const auto ok = client->get("/healthz");
    REQUIRE(ok.status == 200);
    checkSecurityHeaders(ok);
    const auto openapi = client->get("/api/v1/openapi.json");
    REQUIRE(openapi.status == 200);
    checkSecurityHeaders(openapi);
    const auto created = admin->post("/api/v1/staff", newStaffBody(uniqueUsername()));
    REQUIRE(created.status == 201);
    checkSecurityHeaders(created);

    const auto unauthenticated = client->get("/api/v1/auth/me");
    REQUIRE(unauthenticated.status == 401);
    checkSecurityHeaders(unauthenticated);
    const auto notFound = client->get("/no/such/thing");
    REQUIRE(notFound.status == 404);
    checkSecurityHeaders(notFound);
    const auto wrongMethod = client->request("DELETE", "/healthz");
    REQUIRE(wrongMethod.status == 405);
    checkSecurityHeaders(wrongMethod);
    const auto invalid = admin->post("/api/v1/staff", "{not json");
    REQUIRE(invalid.status == 400);
    checkSecurityHeaders(invalid);
    const auto tooLarge = admin->post("/api/v1/staff", std::string(3000, ' ') + newStaffBody("x", "nurse") +
                                                           std::string(3000, ' '));
    REQUIRE(tooLarge.status == 413);
    checkSecurityHeaders(tooLarge);
}

TEST_CASE("the HTTP port serves the root certificate and redirects everything else to HTTPS",
          "[integration][transport]") {
    HubDataDir dir;
    HubProcess hub(dir);
    const std::string https = std::to_string(hub.httpsPort());
    const std::string caPem = readFile(dir.caFile());
    REQUIRE(caPem.find("-----BEGIN CERTIFICATE-----") != std::string::npos);

    SECTION("GET /ca.crt over HTTP and over HTTPS returns tls/ca.crt byte for byte") {
        auto plain = connectPlain(hub.httpPort());
        const std::string response =
            rawExchange(plain, "GET /ca.crt HTTP/1.1\r\nHost: clinic-hub.local\r\nConnection: close\r\n\r\n");
        INFO(response);
        CHECK(statusLine(response) == "HTTP/1.1 200 OK");
        CHECK(headerIn(response, "Content-Type") == "application/x-pem-file");
        CHECK(response.substr(response.find("\r\n\r\n") + 4) == caPem);

        auto client = hub.client();
        const auto r = client->get("/ca.crt");
        CHECK(r.status == 200);
        CHECK(r.body == caPem);
    }

    SECTION("any other path answers 308 to the same path and query on the HTTPS port") {
        for (const auto& [host, expectedHost] : std::vector<std::pair<std::string, std::string>>{
                 {"localhost:" + std::to_string(hub.httpPort()), "localhost"},
                 {"clinic-hub.local", "clinic-hub.local"},
                 {"127.0.0.1", "127.0.0.1"}}) {
            for (const std::string method : {"GET", "POST"}) {
                auto plain = connectPlain(hub.httpPort());
                const std::string response = rawExchange(
                    plain, method + " /app/queue?doctor=2 HTTP/1.1\r\nHost: " + host +
                               "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                INFO(method << " with Host " << host << ":\n" << response);
                CHECK(statusLine(response).rfind("HTTP/1.1 308", 0) == 0);
                CHECK(headerIn(response, "Location") == "https://" + expectedHost + ":" + https + "/app/queue?doctor=2");
            }
        }
    }

    SECTION("a hostile Host header never sends the browser off the box") {
        const std::string fallback = "https://clinic-hub.local:" + https + "/";
        const std::vector<std::string> hostile = {
            "Host: evil.com/x",
            "Host: evil.com\\x",
            "Host: evil.com@clinic-hub.local",
            "Host: evil.com%0d%0aLocation:%20https://evil.com",
            "Host: evil.com\rLocation: https://evil.com/",
            "Host: evil.com x",
            "Host: evil.com?x",
            "Host: evil.com#x",
            "Host:",
        };
        for (const auto& line : hostile) {
            auto plain = connectPlain(hub.httpPort());
            const std::string response =
                rawExchange(plain, "GET /path HTTP/1.1\r\n" + line + "\r\nConnection: close\r\n\r\n");
            INFO("request header " << line << ":\n" << response);
            const std::string status = statusLine(response);
            // POCO may refuse a malformed header outright; if it redirects, it is home.
            CHECK((status.rfind("HTTP/1.1 308", 0) == 0 || status.rfind("HTTP/1.1 400", 0) == 0 ||
                   status.rfind("HTTP/1.0 400", 0) == 0));
            if (status.rfind("HTTP/1.1 308", 0) == 0) CHECK(headerIn(response, "Location") == fallback + "path");
            CHECK(response.find("evil") == std::string::npos);
        }
        // A scheme in the Host header is not a host name either: whatever the hub
        // makes of it, the redirect does not lead to evil.com.
        {
            auto plain = connectPlain(hub.httpPort());
            const std::string response =
                rawExchange(plain, "GET /path HTTP/1.1\r\nHost: https://evil.com\r\nConnection: close\r\n\r\n");
            INFO(response);
            CHECK(response.find("evil") == std::string::npos);
        }
        // HTTP/1.0 without any Host header.
        auto plain = connectPlain(hub.httpPort());
        const std::string response = rawExchange(plain, "GET /x HTTP/1.0\r\n\r\n");
        INFO(response);
        CHECK(headerIn(response, "Location") == fallback + "x");
    }
}

TEST_CASE("openssl s_client verifies the hub against tls/ca.crt and sees the release's newest TLS with an ECDHE "
          "AEAD suite", "[integration][transport][tls]") {
    requireProgram("openssl", "openssl");
    HubDataDir dir;
    HubProcess hub(dir);
    const std::string connect = "127.0.0.1:" + std::to_string(hub.httpsPort());

    const auto r = runProgram({"openssl", "s_client", "-connect", connect, "-servername", "localhost",
                               "-verify_hostname", "localhost", "-verify_return_error", "-CAfile",
                               dir.caFile().string()},
                              RunOptions{"/dev/null", std::chrono::seconds(20)});
    INFO(r.describe());
    REQUIRE(r.succeeded());
    CHECK(r.out.find("Verify return code: 0 (ok)") != std::string::npos);
    // "New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384": the line every OpenSSL prints
    // (OpenSSL 3.5 did not print the SSL-Session block with "Protocol :" here).
    std::smatch m;
    REQUIRE(std::regex_search(r.out, m, std::regex(R"(New, (TLSv1\.[0-9]), Cipher is (\S+))")));
    const std::string protocol = m[1];
    const std::string cipher = m[2];
    CAPTURE(protocol, cipher);
    CHECK(protocol == hub::testing::kNegotiatedTlsVersion);  // TLS 1.2 on Debian 12, 1.3 on Debian 13
    const bool aead = cipher.find("GCM") != std::string::npos || cipher.find("CHACHA20") != std::string::npos;
    CHECK(aead);
    if (protocol == "TLSv1.2") {
        CHECK(cipher.rfind("ECDHE-", 0) == 0);
    } else {  // TLS 1.3 names no key exchange in the suite; it is always (EC)DHE
        CHECK(std::regex_search(r.out, std::regex("(Server|Peer) Temp Key: X25519")));
    }

    SECTION("the certificate is not valid for a name the hub does not have") {
        const auto wrong = runProgram({"openssl", "s_client", "-connect", connect, "-servername", "evil.example",
                                       "-verify_hostname", "evil.example", "-verify_return_error", "-CAfile",
                                       dir.caFile().string()},
                                      RunOptions{"/dev/null", std::chrono::seconds(20)});
        INFO(wrong.describe());
        CHECK_FALSE(wrong.succeeded());
    }

    SECTION("TLS 1.1 and 1.0 are refused by the server") {
        for (const std::string version : {"-tls1_1", "-tls1"}) {
            // SECLEVEL=0 lets openssl offer the old version, so the refusal is the hub's.
            const auto old = runProgram({"openssl", "s_client", "-connect", connect, "-servername", "localhost",
                                         version, "-cipher", "DEFAULT@SECLEVEL=0", "-CAfile", dir.caFile().string()},
                                        RunOptions{"/dev/null", std::chrono::seconds(20)});
            INFO(version << ": " << old.describe());
            CHECK_FALSE(old.succeeded());
            CHECK((old.out + old.err).find("alert protocol version") != std::string::npos);
        }
    }
}

TEST_CASE("curl trusting only tls/ca.crt fetches /healthz: without it verification fails",
          "[integration][transport][tls]") {
    requireProgram("curl", "curl");
    HubDataDir dir;
    HubProcess hub(dir);
    const std::string url = "https://localhost:" + std::to_string(hub.httpsPort()) + "/healthz";
    const auto r = runProgram({"curl", "--silent", "--show-error", "--fail", "--max-time", "15", "--cacert",
                               dir.caFile().string(), url});
    INFO(r.describe());
    REQUIRE(r.succeeded());
    const auto body = parseObject(r.out);
    REQUIRE(body);
    CHECK(body->getValue<std::string>("status") == "ok");

    const auto untrusted = runProgram({"curl", "--silent", "--show-error", "--max-time", "15", url});
    INFO(untrusted.describe());
    CHECK(untrusted.status.exitedWith(60));  // CURLE_PEER_FAILED_VERIFICATION
}

TEST_CASE("clinic-hubd and clinic-hub link mbedTLS and not OpenSSL", "[integration][transport][tls]") {
    requireProgram("ldd", "libc-bin");
    for (const auto& binary : {hubDaemonBinary(), hubCliBinary()}) {
        const auto r = runProgram({"ldd", binary.string()});
        INFO(r.describe());
        REQUIRE(r.succeeded());
        CHECK(r.out.find("libmbedtls") != std::string::npos);
        CHECK(r.out.find("libmbedx509") != std::string::npos);
        CHECK(r.out.find("libssl") == std::string::npos);
        CHECK(r.out.find("libcrypto.so") == std::string::npos);
    }
}
