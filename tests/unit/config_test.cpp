#include "hub/config/config.h"

#include <boost/program_options/parsers.hpp>
#include "support/catch.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

using namespace hub;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

// A fresh directory for the test's INI files, removed afterwards.
class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "hub-config-XXXXXX").string();
        path_ = mkdtemp(pattern.data());
    }
    ~TempDir() { fs::remove_all(path_); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::string write(const std::string& name, const std::string& text) const {
        const auto file = (path_ / name).string();
        std::ofstream(file) << text;
        return file;
    }
    std::string path() const { return path_.string(); }

private:
    fs::path path_;
};

ConfigEnvironment testEnvironment() {
    ConfigEnvironment env;
    env.defaultConfigFile = "/nonexistent/clinic-hub.conf";  // never the machine's own file
    env.systemHostName = [] { return std::string("Reception-PC.clinic.lan"); };
    return env;
}

ParsedConfig parse(const std::vector<std::string>& args, const ConfigEnvironment& env = testEnvironment()) {
    std::vector<const char*> argv{"clinic-hubd"};
    for (const auto& a : args) argv.push_back(a.c_str());
    return parseConfig(static_cast<int>(argv.size()), argv.data(), env);
}

// The one line parsing prints, or "" if it succeeded.
std::string errorOf(const std::vector<std::string>& args, const ConfigEnvironment& env = testEnvironment()) {
    try {
        parse(args, env);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

std::string daemonErrorOf(const std::vector<std::string>& args) {
    try {
        validateForDaemon(parse(args));
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

const std::vector<std::string> kAllFlags{
    "config", "listen", "https-port", "http-port", "kiosk-port", "hostname", "worker-threads",
    "max-body-bytes", "keep-alive-timeout-seconds", "dev-plain-http", "data-dir",
    "session-idle-minutes", "session-absolute-hours", "tls-certificate", "tls-private-key",
    "handshake-timeout-seconds", "log-level", "mdns", "mdns-service-name", "voice-dir", "default-voice-dir",
    "web-root", "printer-address", "printer-paper", "max-connections", "connections-per-address",
    "plain-connections-per-address", "request-head-timeout-seconds", "min-body-bytes-per-second", "max-streams",
    "streams-per-address", "streams-per-session", "password-hash-concurrency", "password-hash-wait-seconds",
    "disk-warning-mb", "disk-floor-mb", "search-rate-per-minute", "search-burst"};

}  // namespace

TEST_CASE("with no file and no flags every setting has its documented default", "[config]") {
    const auto parsed = parse({});
    const HubConfig& c = parsed.config;
    CHECK(parsed.action == ParsedConfig::Action::Run);
    CHECK(c.configFile.empty());
    CHECK(c.dataDir == "/var/lib/clinic-hub");
    CHECK(c.listenAddress == "0.0.0.0");
    CHECK(c.httpsPort == 8443);
    CHECK(c.httpPort == 8080);
    CHECK(c.kioskPort == 0);
    CHECK(c.hostname == "reception-pc");  // first label of the system name, lower-cased
    CHECK(c.logLevel == log::Level::Info);
    CHECK(c.sessionIdle == 30min);
    CHECK(c.sessionAbsolute == 12h);
    CHECK(c.maxBodyBytes == 1024 * 1024);
    CHECK(c.workerThreads == 64);
    CHECK(c.handshakeTimeout == 10s);
    CHECK(c.keepAliveTimeout == 15s);
    CHECK(c.tlsCertificate.empty());
    CHECK(c.tlsPrivateKey.empty());
    CHECK(c.mdns);
    CHECK(c.mdnsServiceName.empty());
    CHECK_FALSE(c.devPlainHttp);
    CHECK(parsed.origins.empty());
    CHECK(parsed.describe("data-dir") == "data-dir");
}

TEST_CASE("the file sets values and flags override it", "[config]") {
    TempDir dir;
    const auto file = dir.write("hub.conf",
                                "# clinic settings\n"
                                "[server]\n"
                                "https-port = 9443   # moved\n"
                                "hostname = FrontDesk\n"
                                "max-body-bytes = 64k\n"
                                "\n"
                                "[sessions]\n"
                                "idle-minutes=5\n"
                                "[log]\n"
                                "level = debug\n"
                                "[discovery]\n"
                                "mdns = off\n");
    const auto parsed = parse({"--config", file, "--https-port=10443", "--log-level", "warning"});
    const HubConfig& c = parsed.config;
    CHECK(c.configFile == file);
    CHECK(c.httpsPort == 10443);
    CHECK(c.logLevel == log::Level::Warning);
    CHECK(c.hostname == "frontdesk");
    CHECK(c.maxBodyBytes == 64 * 1024);
    CHECK(c.sessionIdle == 5min);
    CHECK_FALSE(c.mdns);
    CHECK(parsed.describe("https-port") == "--https-port");
    CHECK(parsed.describe("session-idle-minutes") == file + ":8: [sessions] idle-minutes");

    SECTION("the default file is read when it exists") {
        auto env = testEnvironment();
        env.defaultConfigFile = file;
        CHECK(parse({}, env).config.httpsPort == 9443);
    }
}

TEST_CASE("an unknown option in the file names the file, line and section", "[config]") {
    TempDir dir;
    std::string text;
    for (int i = 0; i < 10; ++i) text += "# padding\n";
    const auto file = dir.write("hub.conf", text + "[server]\nhtps-port = 8443\n");
    CHECK(errorOf({"--config", file}) ==
          "clinic-hubd: " + file + ":12: unknown option 'htps-port' in section [server]");

    SECTION("a key in the wrong section says where it belongs") {
        const auto f = dir.write("b.conf", "[server]\ndata-dir = /srv\n");
        CHECK(errorOf({"--config", f}) == "clinic-hubd: " + f +
                                              ":2: unknown option 'data-dir' in section [server] "
                                              "(it belongs in [storage])");
    }
    SECTION("keys must be inside a section") {
        const auto f = dir.write("c.conf", "https-port = 8443\n");
        CHECK(errorOf({"--config", f}) == "clinic-hubd: " + f +
                                              ":1: unknown option 'https-port' outside any "
                                              "section (it belongs in [server])");
    }
    SECTION("an unknown section is reported at its header") {
        const auto f = dir.write("d.conf", "\n[sever]\nhttps-port = 1\n");
        CHECK_THAT(errorOf({"--config", f}),
                   Catch::StartsWith("clinic-hubd: " + f + ":2: unknown section [sever]"));
    }
}

TEST_CASE("an unknown command-line flag is named", "[config]") {
    CHECK(errorOf({"--htps-port", "8443"}) == "clinic-hubd: --htps-port: unknown option (see --help)");
    // No prefix guessing: a typo must not silently pick some other option.
    CHECK(errorOf({"--https=1"}) == "clinic-hubd: --https: unknown option (see --help)");
    CHECK(errorOf({"--https-port"}) == "clinic-hubd: --https-port: needs a value");
    CHECK(errorOf({"--https-port=1", "--https-port=2"}) ==
          "clinic-hubd: --https-port: given more than once");
    CHECK(errorOf({"stray"}) ==
          "clinic-hubd: unexpected argument 'stray' (options start with --; see --help)");
}

TEST_CASE("ports are checked where they were written", "[config]") {
    CHECK(errorOf({"--https-port", "70000"}) ==
          "clinic-hubd: --https-port: '70000' is not a port number (1-65535)");
    CHECK(errorOf({"--https-port", "-1"}) ==
          "clinic-hubd: --https-port: '-1' is not a port number (1-65535)");

    TempDir dir;
    const auto file = dir.write("x.conf", "# a\n# b\n# c\n# d\n# e\n[server]\nhttps-port = abc\n");
    CHECK(errorOf({"--config", file}) ==
          "clinic-hubd: " + file + ":7: [server] https-port: 'abc' is not a port number (1-65535)");

    SECTION("0 turns the HTTP redirect and kiosk listeners off but is no HTTPS port") {
        const auto c = parse({"--http-port", "0", "--kiosk-port", "0"}).config;
        CHECK(c.httpPort == 0);
        CHECK(c.kioskPort == 0);
        CHECK(errorOf({"--https-port", "0"}) ==
              "clinic-hubd: --https-port: '0' is not a port number (1-65535)");
        CHECK(errorOf({"--http-port", "65536"}) ==
              "clinic-hubd: --http-port: '65536' is not a port number (0-65535; 0 turns it off)");
    }
    SECTION("two listeners cannot share a port") {
        CHECK_THAT(errorOf({"--http-port", "8443"}),
                   Catch::StartsWith("clinic-hubd: --http-port: 8443 is also the https-port"));
        CHECK_THAT(errorOf({"--kiosk-port", "8080"}), Catch::StartsWith("clinic-hubd: --kiosk-port: "));
    }
}

TEST_CASE("the receipt printer is an IP address with an optional port, and a paper width", "[config]") {
    const auto none = parse({}).config;
    CHECK(none.printerAddress.empty());
    CHECK(none.printerPaperMm == 80);
    CHECK(parse({"--printer-address", "192.168.1.50"}).config.printerAddress == "192.168.1.50:9100");
    CHECK(parse({"--printer-address", "192.168.1.50:9101"}).config.printerAddress == "192.168.1.50:9101");
    CHECK(parse({"--printer-address", "fd00::50"}).config.printerAddress == "[fd00::50]:9100");
    CHECK(parse({"--printer-address", "[fd00::50]:9200"}).config.printerAddress == "[fd00::50]:9200");
    CHECK(parse({"--printer-paper", "58"}).config.printerPaperMm == 58);

    const std::string form = "(an IP address with an optional port, e.g. 192.168.1.50 or 192.168.1.50:9100)";
    CHECK(errorOf({"--printer-address", "printer.local"}) ==
          "clinic-hubd: --printer-address: 'printer.local' is not a printer address " + form);
    CHECK_THAT(errorOf({"--printer-address", "192.168.1.50:0"}), Catch::Contains("'192.168.1.50:0' is not a printer"));
    CHECK_THAT(errorOf({"--printer-address", "[fd00::50]"}), Catch::Contains("is not a printer address"));
    CHECK(errorOf({"--printer-paper", "57"}) == "clinic-hubd: --printer-paper: '57' is not a paper width (58 or 80)");

    TempDir dir;
    const auto file = dir.write("p.conf", "[printer]\naddress = 10.0.0.300\n");
    CHECK(errorOf({"--config", file}) == "clinic-hubd: " + file + ":2: [printer] address: '10.0.0.300' is not a " +
                                             "printer address " + form);
}

TEST_CASE("values outside their range or form are rejected", "[config]") {
    CHECK(errorOf({"--listen", "0.0.0.256"}) ==
          "clinic-hubd: --listen: '0.0.0.256' is not an IPv4 or IPv6 address "
          "(e.g. 0.0.0.0, ::, 192.168.1.10)");
    CHECK_THAT(errorOf({"--listen", "localhost"}), Catch::StartsWith("clinic-hubd: --listen: 'localhost'"));
    CHECK(parse({"--listen", "::"}).config.listenAddress == "::");
    CHECK(parse({"--listen", "192.168.1.10"}).config.listenAddress == "192.168.1.10");

    CHECK(errorOf({"--worker-threads", "0"}) ==
          "clinic-hubd: --worker-threads: '0' is not a thread count (1-1024)");
    CHECK_THAT(errorOf({"--worker-threads", "1025"}), Catch::Contains("(1-1024)"));
    CHECK_THAT(errorOf({"--session-idle-minutes", "1441"}), Catch::Contains("(1-1440)"));
    CHECK_THAT(errorOf({"--log-level", "verbose"}),
               Catch::StartsWith("clinic-hubd: --log-level: 'verbose' is not a log level"));
    CHECK_THAT(errorOf({"--hostname", "front.desk"}),
               Catch::StartsWith("clinic-hubd: --hostname: 'front.desk' is not a host name"));
    CHECK_THAT(errorOf({"--hostname", "-desk"}), Catch::StartsWith("clinic-hubd: --hostname:"));
    CHECK_THAT(errorOf({"--max-body-bytes", "2G"}), Catch::StartsWith("clinic-hubd: --max-body-bytes:"));
    CHECK_THAT(errorOf({"--max-body-bytes", "100"}), Catch::StartsWith("clinic-hubd: --max-body-bytes:"));
    CHECK(parse({"--max-body-bytes", "2M"}).config.maxBodyBytes == 2 * 1024 * 1024);
    CHECK(parse({"--max-body-bytes", "65536"}).config.maxBodyBytes == 65536);
}

TEST_CASE("yes/no options take the usual spellings", "[config]") {
    CHECK(parse({"--dev-plain-http"}).config.devPlainHttp);  // alone means yes
    CHECK_FALSE(parse({"--mdns=no"}).config.mdns);
    CHECK_FALSE(parse({"--mdns", "no"}).config.mdns);
    CHECK(parse({"--mdns=TRUE"}).config.mdns);
    CHECK(errorOf({"--mdns=maybe"}) ==
          "clinic-hubd: --mdns: 'maybe' is not yes or no (also true/false, on/off, 1/0)");
    TempDir dir;
    const auto file = dir.write("b.conf", "[discovery]\nmdns = sometimes\n");
    CHECK_THAT(errorOf({"--config", file}),
               Catch::StartsWith("clinic-hubd: " + file + ":2: [discovery] mdns: 'sometimes' is not yes or no"));
}

TEST_CASE("a malformed file is rejected with the offending line", "[config]") {
    TempDir dir;
    SECTION("a line that is not key = value") {
        const auto f = dir.write("a.conf", "[server]\nhttps-port 8443\n");
        CHECK(errorOf({"--config", f}) ==
              "clinic-hubd: " + f + ":2: expected 'key = value', '[section]' or a comment, got "
                                    "'https-port 8443'");
    }
    SECTION("a broken section header") {
        const auto f = dir.write("a.conf", "; fine\n[server\n");
        CHECK(errorOf({"--config", f}) == "clinic-hubd: " + f + ":2: expected '[section]', got '[server'");
    }
    SECTION("a key set twice names both lines") {
        const auto f = dir.write("a.conf", "[server]\nhttps-port = 1\n[log]\nlevel = info\n[server]\nhttps-port = 2\n");
        CHECK(errorOf({"--config", f}) ==
              "clinic-hubd: " + f + ":6: [server] https-port is set twice (lines 2 and 6)");
    }
}

TEST_CASE("the main file includes conf.d/*.conf in name order, a later file overriding", "[config]") {
    TempDir dir;
    std::filesystem::create_directory(dir.path() + "/conf.d");
    const auto main = dir.write("clinic-hub.conf",
                                "include = conf.d/*.conf\n[server]\nhttps-port = 443\nhttp-port = 80\n");
    SECTION("no included files: the main file alone") {
        const auto p = parse({"--config", main});
        CHECK(p.config.httpsPort == 443);
        CHECK(p.config.httpPort == 80);
    }
    SECTION("later files override earlier ones and the main file, whatever the include line's place") {
        dir.write("conf.d/50-site.conf", "[server]\nhttps-port = 8443\nhostname = shanti\n");
        dir.write("conf.d/90-local.conf", "[server]\nhttps-port = 9443\n");
        dir.write("conf.d/README", "not a .conf file, never read\n");
        const auto p = parse({"--config", main});
        CHECK(p.config.httpsPort == 9443);
        CHECK(p.config.hostname == "shanti");
        CHECK(p.config.httpPort == 80);
        CHECK(p.describe("https-port") == dir.path() + "/conf.d/90-local.conf:2: [server] https-port");
        CHECK(parse({"--config", main, "--https-port", "7443"}).config.httpsPort == 7443);  // flags still win
    }
    SECTION("a key set twice in one included file is still an error naming that file") {
        const auto f = dir.write("conf.d/local.conf", "[server]\nhttps-port = 1\nhttps-port = 2\n");
        CHECK(errorOf({"--config", main}) ==
              "clinic-hubd: " + f + ":3: [server] https-port is set twice (lines 2 and 3)");
    }
    SECTION("a bad value in an included file names that file and line") {
        const auto f = dir.write("conf.d/local.conf", "\n[server]\nhttps-port = 70000\n");
        CHECK(errorOf({"--config", main}) ==
              "clinic-hubd: " + f + ":3: [server] https-port: '70000' is not a port number (1-65535)");
    }
    SECTION("an included file cannot include more") {
        const auto f = dir.write("conf.d/local.conf", "include = other/*.conf\n");
        CHECK(errorOf({"--config", main}) ==
              "clinic-hubd: " + f + ":1: include is allowed only in the main configuration file, not in a file "
                                    "it includes");
    }
    SECTION("an empty include is named") {
        const auto f = dir.write("empty.conf", "include =\n");
        CHECK(errorOf({"--config", f}) ==
              "clinic-hubd: " + f + ":1: include: needs a file name or pattern, e.g. conf.d/*.conf");
    }
    SECTION("an absolute pattern, and one matching nothing, are fine") {
        dir.write("conf.d/a.conf", "[server]\nhttps-port = 1443\n");
        const auto f = dir.write("abs.conf", "include = " + dir.path() + "/conf.d/*.conf\n");
        CHECK(parse({"--config", f}).config.httpsPort == 1443);
        const auto none = dir.write("none.conf", "include = nowhere/*.conf\n");
        CHECK(parse({"--config", none}).config.httpsPort == HubConfig{}.httpsPort);
    }
}

TEST_CASE("the config file must exist when named explicitly", "[config]") {
    TempDir dir;
    CHECK(errorOf({"--config", dir.path() + "/missing.conf"}) ==
          "clinic-hubd: --config: '" + dir.path() + "/missing.conf' does not exist");
    CHECK(errorOf({"--config", dir.path()}) ==
          "clinic-hubd: --config: '" + dir.path() + "' is a directory");
}

TEST_CASE("a TLS certificate needs its private key and vice versa", "[config]") {
    CHECK(errorOf({"--tls-certificate", "/etc/ssl/hub.crt"}) ==
          "clinic-hubd: --tls-certificate: set without a private key "
          "(set --tls-private-key or [tls] private-key too)");
    TempDir dir;
    const auto f = dir.write("t.conf", "[tls]\nprivate-key = /etc/ssl/hub.key\n");
    CHECK_THAT(errorOf({"--config", f}),
               Catch::StartsWith("clinic-hubd: " + f + ":2: [tls] private-key: set without a certificate"));
    const auto both = parse({"--config", f, "--tls-certificate", "/etc/ssl/hub.crt"}).config;
    CHECK(both.tlsPrivateKey == "/etc/ssl/hub.key");
}

TEST_CASE("the daemon refuses a missing or unusable data directory", "[config]") {
    CHECK(daemonErrorOf({"--data-dir", "/nope"}) ==
          "clinic-hubd: --data-dir: '/nope' does not exist (create it with 'clinic-hub init')");
    TempDir dir;
    CHECK(daemonErrorOf({"--data-dir", dir.path()}).empty());

    const auto file = dir.write("a.conf", "[storage]\ndata-dir = " + dir.path() + "/a.conf\n");
    CHECK(daemonErrorOf({"--config", file}) == "clinic-hubd: " + file + ":2: [storage] data-dir: '" +
                                                   file + "' is not a directory");
    CHECK_THAT(daemonErrorOf({"--data-dir", dir.path(), "--tls-certificate", dir.path() + "/no.crt",
                              "--tls-private-key", file}),
               Catch::StartsWith("clinic-hubd: --tls-certificate: '" + dir.path() + "/no.crt' cannot be read"));
}

TEST_CASE("an unusable system host name must be replaced with --hostname", "[config]") {
    auto env = testEnvironment();
    env.systemHostName = [] { return std::string("my_box"); };
    CHECK_THAT(errorOf({}, env), Catch::StartsWith("clinic-hubd: hostname: the system host name 'my_box'"));
    CHECK(parse({"--hostname", "hub"}, env).config.hostname == "hub");
}

TEST_CASE("the advertised service name is one DNS-SD label of UTF-8 text", "[config]") {
    CHECK(parse({"--mdns-service-name", "Clinic Hub \xE2\x80\x93 Front desk"}).config.mdnsServiceName ==
          "Clinic Hub \xE2\x80\x93 Front desk");
    for (const std::string& bad : {std::string(64, 'a'), std::string("bad\xC3"), std::string("tab\there")})
        CHECK_THROWS_WITH(parse({"--mdns-service-name", bad}),
                          Catch::StartsWith("clinic-hubd: --mdns-service-name: ") &&
                              Catch::Contains("is not a service name"));
}

TEST_CASE("--help documents every option and --version prints the version", "[config]") {
    const auto help = parse({"--help"});
    CHECK(help.action == ParsedConfig::Action::Exit);
    for (const auto& flag : kAllFlags) CHECK_THAT(help.output, Catch::Contains("--" + flag));
    CHECK_THAT(help.output, Catch::Contains("no connection holds one between requests"));
    CHECK_THAT(help.output, Catch::Contains("[limits]"));
    CHECK_THAT(help.output, Catch::Contains("Never"));
    CHECK_THAT(help.output, Catch::Contains("[discovery]"));

    const auto version = parse({"--version"});
    CHECK(version.action == ParsedConfig::Action::Exit);
    CHECK(version.output == std::string("clinic-hubd ") + CLINIC_HUB_VERSION + "\n");
    // Help wins over a broken setting: the operator is asking how to fix it.
    CHECK(parse({"--help", "--https-port", "0"}).action == ParsedConfig::Action::Exit);
}

TEST_CASE("the shipped config file documents every option with its default", "[config]") {
    const std::string shipped = std::string(CLINIC_HUB_SOURCE_DIR) + "/etc/clinic-hub.conf";
    const auto asShipped = parse({"--config", shipped});
    CHECK(asShipped.origins.size() == 1);  // only --config: everything is commented out

    // Uncomment every "# key = value" line: the result must be the defaults.
    std::ifstream in(shipped);
    std::stringstream out;
    const std::regex setting(R"(^# ([a-z-]+ = .*)$)");
    std::smatch m;
    for (std::string line; std::getline(in, line);)
        out << (std::regex_match(line, m, setting) ? m[1].str() : line) << "\n";
    TempDir dir;
    const auto file = dir.write("all.conf", out.str());
    const auto parsed = parse({"--config", file});
    CHECK(parsed.origins.size() == kAllFlags.size());  // every option appears once
    HubConfig defaults;
    CHECK(parsed.config.dataDir == defaults.dataDir);
    CHECK(parsed.config.httpsPort == defaults.httpsPort);
    CHECK(parsed.config.httpPort == defaults.httpPort);
    CHECK(parsed.config.kioskPort == defaults.kioskPort);
    CHECK(parsed.config.maxBodyBytes == defaults.maxBodyBytes);
    CHECK(parsed.config.workerThreads == defaults.workerThreads);
    CHECK(parsed.config.sessionIdle == defaults.sessionIdle);
    CHECK(parsed.config.sessionAbsolute == defaults.sessionAbsolute);
    CHECK(parsed.config.handshakeTimeout == defaults.handshakeTimeout);
    CHECK(parsed.config.keepAliveTimeout == defaults.keepAliveTimeout);
    CHECK(parsed.config.requestHeadTimeout == defaults.requestHeadTimeout);
    CHECK(parsed.config.minBodyBytesPerSecond == defaults.minBodyBytesPerSecond);
    CHECK(parsed.config.maxConnections == defaults.maxConnections);
    CHECK(parsed.config.connectionsPerAddress == defaults.connectionsPerAddress);
    CHECK(parsed.config.plainConnectionsPerAddress == defaults.plainConnectionsPerAddress);
    CHECK(parsed.config.maxStreams == defaults.maxStreams);
    CHECK(parsed.config.streamsPerAddress == defaults.streamsPerAddress);
    CHECK(parsed.config.streamsPerSession == defaults.streamsPerSession);
    CHECK(parsed.config.mdns == defaults.mdns);
    CHECK(parsed.config.devPlainHttp == defaults.devPlainHttp);
    CHECK(parsed.config.passwordHashConcurrency == defaults.passwordHashConcurrency);
    CHECK(parsed.config.passwordHashWait == defaults.passwordHashWait);
    CHECK(parsed.config.diskWarningMiB == defaults.diskWarningMiB);
    CHECK(parsed.config.diskFloorMiB == defaults.diskFloorMiB);
    CHECK(parsed.config.searchesPerMinute == defaults.searchesPerMinute);
    CHECK(parsed.config.searchBurst == defaults.searchBurst);
}

TEST_CASE("the abuse limits are read with their ranges, and the disk floor must be below the warning",
          "[config]") {
    const auto c = parse({"--password-hash-concurrency", "2", "--password-hash-wait-seconds", "3",
                          "--disk-warning-mb", "500", "--disk-floor-mb", "50", "--search-rate-per-minute", "30",
                          "--search-burst", "10"})
                       .config;
    CHECK(c.passwordHashConcurrency == 2);
    CHECK(c.passwordHashWait == std::chrono::seconds(3));
    CHECK(c.diskWarningMiB == 500);
    CHECK(c.diskFloorMiB == 50);
    CHECK(c.searchesPerMinute == 30);
    CHECK(c.searchBurst == 10);
    CHECK_THAT(errorOf({"--password-hash-concurrency", "65"}), Catch::Contains("--password-hash-concurrency"));
    CHECK_THAT(errorOf({"--password-hash-wait-seconds", "0"}), Catch::Contains("--password-hash-wait-seconds"));
    CHECK_THAT(errorOf({"--search-burst", "0"}), Catch::Contains("--search-burst"));
    CHECK_THAT(errorOf({"--disk-warning-mb", "lots"}), Catch::Contains("--disk-warning-mb"));
    const auto inverted = errorOf({"--disk-warning-mb", "100", "--disk-floor-mb", "100"});
    CHECK_THAT(inverted, Catch::Contains("--disk-floor-mb"));
    CHECK_THAT(inverted, Catch::Contains("disk-warning-mb"));
}

TEST_CASE("the admin CLI resolves the data directory with the same rules", "[config]") {
    TempDir dir;
    const auto file = dir.write("a.conf", "[storage]\ndata-dir = /srv/clinic\n");
    namespace po = boost::program_options;
    auto resolve = [&](std::vector<const char*> argv) {
        po::options_description cli("clinic-hub init");
        cli.add(locationOptions());
        cli.add_options()("force", "an option of the CLI's own");
        po::variables_map vm;
        po::store(po::parse_command_line(static_cast<int>(argv.size()), argv.data(), cli), vm);
        auto env = testEnvironment();
        env.programName = "clinic-hub";
        return configFromVariables(vm, env).config.dataDir;
    };
    CHECK(resolve({"clinic-hub", "--config", file.c_str(), "--force"}) == "/srv/clinic");
    CHECK(resolve({"clinic-hub", "--config", file.c_str(), "--data-dir", "/tmp/x"}) == "/tmp/x");
    CHECK(resolve({"clinic-hub"}) == "/var/lib/clinic-hub");
}
