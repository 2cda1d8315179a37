// Onboarding a staff device, checked the way a device and independent clients
// see it: the welcome page and its downloads over plain HTTP (the device does
// not trust the hub yet), then openssl and curl verifying the hub's chain for
// its .local name and its IP address with the root they downloaded.
#include "support/apple_profile.h"
#include "support/qr_decoder.h"
#include "support/qr_svg.h"
#include "test_support.h"

#include <regex>

using namespace hub::it;

namespace {

struct Download {
    int status = 0;
    std::string contentType;
    std::string body;
};

// curl as the client: `extra` adds --cacert, --resolve or headers. Fails the
// test if curl itself fails (connection, TLS verification).
Download curlGet(const std::string& url, const std::vector<std::string>& extra = {}) {
    static TempDir scratch("clinic-hub-welcome");
    static int counter = 0;
    const auto file = scratch / ("download-" + std::to_string(++counter));
    std::vector<std::string> argv{"curl", "-sS", "--max-time", "20", "-o", file.string(), "-w",
                                  "%{http_code} %{content_type}"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    argv.push_back(url);
    const auto r = runProgram(argv, RunOptions{"/dev/null", std::chrono::seconds(30)});
    INFO(url << ": " << r.describe());
    REQUIRE(r.succeeded());
    Download d;
    d.status = std::stoi(r.out.substr(0, r.out.find(' ')));
    d.contentType = r.out.substr(r.out.find(' ') + 1);
    d.body = readFile(file);
    return d;
}

std::vector<std::string> allMatches(const std::string& text, const std::string& pattern) {
    std::vector<std::string> out;
    const std::regex re(pattern);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it)
        out.push_back((*it)[1]);
    return out;
}

std::string firstMatch(const std::string& text, const std::string& pattern) {
    const auto all = allMatches(text, pattern);
    return all.empty() ? std::string() : all.front();
}

// What `openssl x509` makes of a certificate file: "sha256 Fingerprint=AB:..." → "AB:...".
std::string opensslFingerprint(const std::filesystem::path& file, const std::string& form) {
    const auto r = runProgram({"openssl", "x509", "-inform", form, "-in", file.string(), "-noout", "-fingerprint",
                               "-sha256"});
    INFO(r.describe());
    REQUIRE(r.succeeded());
    return firstMatch(r.out, "Fingerprint=([0-9A-F:]+)");
}

std::vector<std::string> decodeSvg(const std::string& svg) {
    return hub::test::decodeQrCodes(hub::test::drawQrSvg(svg, 4));
}

}  // namespace

TEST_CASE("a device reads /welcome over plain HTTP, downloads the root, and openssl and curl verify the hub with it",
          "[integration][welcome]") {
    requireProgram("openssl", "openssl");
    requireProgram("curl", "curl");
    HubDataDir dir;
    HubProcess hub(dir);
    const std::string https = std::to_string(hub.httpsPort());
    const std::string plain = "http://127.0.0.1:" + std::to_string(hub.httpPort());
    TempDir device("clinic-hub-device");

    const auto page = curlGet(plain + "/welcome");
    REQUIRE(page.status == 200);
    CHECK(page.contentType == "text/html; charset=utf-8");

    // The three downloads, by the links the page shows.
    const auto links = allMatches(page.body, "<a class=\"download\" href=\"([^\"]+)\"");
    REQUIRE(links.size() == 3);
    std::map<std::string, Download> files;
    for (const auto& link : links) {
        const auto d = curlGet(plain + link);
        INFO(link);
        REQUIRE(d.status == 200);
        files[link.substr(link.rfind('.'))] = d;
    }
    REQUIRE(files.count(".crt"));
    REQUIRE(files.count(".pem"));
    REQUIRE(files.count(".mobileconfig"));
    CHECK(files[".crt"].contentType == "application/x-x509-ca-cert");
    CHECK(files[".pem"].contentType == "application/x-pem-file");
    CHECK(files[".mobileconfig"].contentType == "application/x-apple-aspen-config");
    const auto der = device / "root.crt", pem = device / "root.pem";
    writeFile(der, files[".crt"].body);
    writeFile(pem, files[".pem"].body);

    SECTION("DER and PEM are the same certificate, the hub's root, and the page shows its fingerprint") {
        const std::string fingerprint = opensslFingerprint(pem, "PEM");
        REQUIRE(std::regex_match(fingerprint, std::regex("([0-9A-F]{2}:){31}[0-9A-F]{2}")));
        CHECK(opensslFingerprint(der, "DER") == fingerprint);
        CHECK(opensslFingerprint(dir.caFile(), "PEM") == fingerprint);
        CHECK(firstMatch(page.body, "<code id=\"sha256\">([^<]+)</code>") == fingerprint);
        const auto isCa = runProgram({"openssl", "x509", "-inform", "DER", "-in", der.string(), "-noout", "-text"});
        CHECK(isCa.out.find("CA:TRUE") != std::string::npos);

        // The fingerprint's QR code, as the page links it, reads back as the same text.
        const std::string qrPath = firstMatch(page.body, "<img src=\"([^\"]+)\" alt=");
        REQUIRE_FALSE(qrPath.empty());
        const auto qr = curlGet(plain + qrPath);
        CHECK(qr.contentType == "image/svg+xml");
        CHECK(decodeSvg(qr.body) == std::vector<std::string>{fingerprint});
    }

    SECTION("the .mobileconfig parses as a plist holding exactly the root's DER") {
        const auto profile = hub::test::parsePlist(files[".mobileconfig"].body);
        CHECK(profile.strings.at("PayloadType") == "Configuration");
        REQUIRE(profile.arrays.at("PayloadContent").size() == 1);
        const auto& root = profile.arrays.at("PayloadContent").front();
        CHECK(root.strings.at("PayloadType") == "com.apple.security.root");
        CHECK(root.data.at("PayloadContent") == files[".crt"].body);
        // A second download is the same profile, so iOS replaces rather than duplicates it.
        CHECK(curlGet(plain + "/welcome/clinic-hub.mobileconfig").body == files[".mobileconfig"].body);
    }

    SECTION("openssl s_client verifies the chain for the .local name and for the IP address") {
        const std::string connect = "127.0.0.1:" + https;
        const auto byName = runProgram({"openssl", "s_client", "-connect", connect, "-servername", "clinic-hub.local",
                                        "-verify_hostname", "clinic-hub.local", "-verify_return_error", "-CAfile",
                                        pem.string()},
                                       RunOptions{"/dev/null", std::chrono::seconds(20)});
        INFO(byName.describe());
        CHECK(byName.succeeded());
        CHECK(byName.out.find("Verify return code: 0 (ok)") != std::string::npos);
        const auto byIp = runProgram({"openssl", "s_client", "-connect", connect, "-verify_ip", "127.0.0.1",
                                      "-verify_return_error", "-CAfile", pem.string()},
                                     RunOptions{"/dev/null", std::chrono::seconds(20)});
        INFO(byIp.describe());
        CHECK(byIp.succeeded());
        CHECK(byIp.out.find("Verify return code: 0 (ok)") != std::string::npos);
    }

    SECTION("a client that checks revocation fetches the CRL the served certificate names and accepts the hub") {
        // The leaf as the hub serves it, not as the data directory holds it.
        const auto shown = runProgram({"openssl", "s_client", "-connect", "127.0.0.1:" + https, "-showcerts"},
                                      RunOptions{"/dev/null", std::chrono::seconds(20)});
        const auto leafStart = shown.out.find("-----BEGIN CERTIFICATE-----");
        const auto leafEnd = shown.out.find("-----END CERTIFICATE-----");
        REQUIRE(leafStart != std::string::npos);
        REQUIRE(leafEnd != std::string::npos);
        const auto leaf = device / "leaf.pem";
        writeFile(leaf, shown.out.substr(leafStart, leafEnd + 26 - leafStart));
        const auto points = runProgram({"openssl", "x509", "-in", leaf.string(), "-noout", "-ext",
                                        "crlDistributionPoints"});
        const std::string uri = firstMatch(points.out, "URI:(\\S+)");
        const std::string http = std::to_string(hub.httpPort());
        CHECK(uri == "http://clinic-hub.local:" + http + "/ca.crl");

        // Fetched by that very URL, the name resolved as mDNS would.
        const auto crl = curlGet(uri, {"--resolve", "clinic-hub.local:" + http + ":127.0.0.1"});
        REQUIRE(crl.status == 200);
        CHECK(crl.contentType == "application/pkix-crl");
        const auto crlDer = device / "ca.crl", crlPem = device / "ca.crl.pem";
        writeFile(crlDer, crl.body);
        const auto converted = runProgram({"openssl", "crl", "-inform", "DER", "-in", crlDer.string(), "-out",
                                           crlPem.string(), "-CAfile", pem.string()});
        INFO(converted.describe());
        REQUIRE(converted.succeeded());
        CHECK(converted.err.find("verify OK") != std::string::npos);
        const auto verified = runProgram({"openssl", "verify", "-crl_check", "-CAfile", pem.string(), "-CRLfile",
                                          crlPem.string(), leaf.string()});
        INFO(verified.describe());
        CHECK(verified.succeeded());
        CHECK(verified.out.find(": OK") != std::string::npos);
    }

    SECTION("curl opens the addresses the page lists, trusting only the downloaded root") {
        const std::string byName = "https://clinic-hub.local:" + https + "/";
        const std::string byIp = "https://127.0.0.1:" + https + "/";
        const auto addresses = allMatches(page.body, "<dd><a href=\"([^\"]+)\">");
        CHECK(addresses == std::vector<std::string>{byName, byIp});
        const std::vector<std::string> trustRoot{"--cacert", pem.string(), "--resolve",
                                                 "clinic-hub.local:" + https + ":127.0.0.1"};
        for (const auto& url : addresses) {
            const auto health = curlGet(url + "healthz", trustRoot);
            INFO(url << ": " << health.body);
            CHECK(health.status == 200);
            CHECK(health.body.find("\"status\":\"ok\"") != std::string::npos);
        }
        // Negative control: without the downloaded root, curl refuses the hub (exit 60).
        const auto untrusted = runProgram({"curl", "-sS", "--max-time", "20", "--resolve",
                                           "clinic-hub.local:" + https + ":127.0.0.1", byName + "healthz"});
        INFO(untrusted.describe());
        CHECK(untrusted.status.exitedWith(60));
    }
}

TEST_CASE("the TV's set-up QR leads a phone to the welcome page over plain HTTP", "[integration][welcome]") {
    requireProgram("curl", "curl");
    HubDataDir dir;
    HubProcess hub(dir);
    auto client = hub.client();
    const auto qr = client->get("/welcome/qr.svg");
    REQUIRE(qr.status == 200);
    CHECK(qr.header("Content-Type") == "image/svg+xml");
    // The hub listens on 127.0.0.1 only, so that is the address it offers.
    const std::string url = "http://127.0.0.1:" + std::to_string(hub.httpPort()) + "/welcome";
    CHECK(decodeSvg(qr.body) == std::vector<std::string>{url});
    const auto page = curlGet(url);
    CHECK(page.status == 200);
    CHECK(page.body.find("<code id=\"sha256\">") != std::string::npos);
}

TEST_CASE("the welcome page speaks Bangla when asked by ?lang= or by the browser's language",
          "[integration][welcome]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto client = hub.client();

    const auto bn = client->get("/welcome?lang=bn");
    REQUIRE(bn.status == 200);
    CHECK(bn.body.find("<html lang=\"bn\">") != std::string::npos);
    CHECK(bn.body.find("হাবের সার্টিফিকেট ডাউনলোড করুন") != std::string::npos);
    CHECK(bn.header("Vary") == "Accept-Language");

    const auto byBrowser = client->request("GET", "/welcome", std::nullopt, {{"Accept-Language", "bn-BD,en;q=0.5"}});
    CHECK(byBrowser.body.find("<html lang=\"bn\">") != std::string::npos);
    const auto english = client->request("GET", "/welcome?lang=en", std::nullopt, {{"Accept-Language", "bn-BD"}});
    CHECK(english.body.find("<html lang=\"en\">") != std::string::npos);

    const auto unknown = client->get("/welcome?lang=fr");
    CHECK(unknown.status == 400);
    checkErrorShape(unknown);
    CHECK(unknown.errorField() == "lang");

    // The page's stylesheet and font come from the hub, on the plain-HTTP port too.
    const std::string cssUrl = firstMatch(english.body, "<link rel=\"stylesheet\" href=\"([^\"]+)\"");
    REQUIRE(cssUrl.rfind("/welcome/assets/", 0) == 0);
    const auto css = client->get(cssUrl);
    REQUIRE(css.status == 200);
    CHECK(css.header("Cache-Control") == "public, max-age=31536000, immutable");
    const std::string font = firstMatch(css.body, "url\\('([^']+)'\\)");
    REQUIRE_FALSE(font.empty());
    auto plain = connectPlain(hub.httpPort());
    const std::string response =
        rawExchange(plain, "GET " + font + " HTTP/1.1\r\nHost: clinic-hub.local\r\nConnection: close\r\n\r\n");
    const bool served = response.rfind("HTTP/1.1 200", 0) == 0;
    const bool notInstalled = response.rfind("HTTP/1.1 404", 0) == 0;  // fonts-noto-core missing: a clear 404
    CHECK((served || notInstalled));
}

TEST_CASE("the plain-HTTP port serves exactly the routes declared plainHttp and redirects the rest",
          "[integration][welcome]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto client = hub.client();
    const auto document = client->get("/api/v1/openapi.json");
    REQUIRE(document.json);
    std::set<std::string> plainPaths;
    const auto paths = document.json->getObject("paths");
    for (const auto& path : paths->getNames())
        for (const auto& method : paths->getObject(path)->getNames()) {
            const auto op = paths->getObject(path)->getObject(method);
            if (!op->has("x-plain-http")) continue;
            CHECK(method == "get");
            CHECK(op->getArray("security")->size() == 0);  // public: no cookie ever travels in clear
            plainPaths.insert(path);
        }
    // Onboarding (the device does not trust the hub yet), the root's CRL (signed,
    // fetched over HTTP by design) and the patient's tracking page (phones never trust it).
    CHECK(plainPaths == std::set<std::string>{"/ca.crt", "/ca.crl", "/fonts/{file}", "/fonts/{folder}/{file}",
                                              "/welcome/assets/{version}/{file}",
                                              "/welcome/assets/{version}/{folder}/{file}",
                                              "/welcome", "/welcome/clinic-hub-root-ca.crt",
                                              "/welcome/clinic-hub-root-ca.pem", "/welcome/clinic-hub.mobileconfig",
                                              "/welcome/fingerprint-qr.svg", "/welcome/qr.svg", "/t/{code}",
                                              "/assets/track.css", "/api/v1/track/{code}"});

    const auto exchange = [&](const std::string& request) {
        auto socket = connectPlain(hub.httpPort());
        return rawExchange(socket, request);
    };
    const std::string https = std::to_string(hub.httpsPort());
    for (const std::string path : {"/api/v1/auth/me", "/api/v1/openapi.json", "/healthz", "/welcomex", "/"}) {
        const auto r = exchange("GET " + path + " HTTP/1.1\r\nHost: clinic-hub.local:8080\r\nConnection: close\r\n\r\n");
        INFO(path << ":\n" << r);
        CHECK(r.rfind("HTTP/1.1 308", 0) == 0);
        CHECK(r.find("Location: https://clinic-hub.local:" + https + path + "\r\n") != std::string::npos);
    }
    // A method the page does not take is redirected too, not answered in clear.
    const auto post = exchange("POST /welcome HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n");
    CHECK(post.rfind("HTTP/1.1 308", 0) == 0);

    SECTION("a Host header with a scheme, a bad port or a bad address gets the hub's own name") {
        for (const std::string host : {"https://evil.com", "evil.com:99999", "1.2.3.999", "[fe80::1%eth0]"}) {
            const auto r = exchange("GET /x HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
            INFO(host << ":\n" << r);
            CHECK(r.find("Location: https://clinic-hub.local:" + https + "/x\r\n") != std::string::npos);
        }
        const auto v6 = exchange("GET /x HTTP/1.1\r\nHost: [::1]:8080\r\nConnection: close\r\n\r\n");
        CHECK(v6.find("Location: https://[::1]:" + https + "/x\r\n") != std::string::npos);
    }
}
