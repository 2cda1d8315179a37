#include "hub/config/options.h"

#include "hub/core/text.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstring>

namespace hub::config_detail {
namespace {

std::string quoted(const std::string& value) { return "'" + value + "'"; }

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// Whole string of decimal digits within [lo, hi]; no sign, no spaces.
std::uint64_t parseUnsigned(const std::string& value, std::uint64_t lo, std::uint64_t hi,
                            const std::string& noun, const std::string& range = "") {
    std::uint64_t n = 0;
    const char* end = value.data() + value.size();
    const auto [ptr, ec] = std::from_chars(value.data(), end, n);
    if (value.empty() || ec != std::errc() || ptr != end || n < lo || n > hi)
        throw ValueError(quoted(value) + " is not " + noun + " (" +
                         (range.empty() ? std::to_string(lo) + "-" + std::to_string(hi) : range) +
                         ")");
    return n;
}

std::uint16_t parsePort(const std::string& value, bool zeroTurnsOff) {
    return static_cast<std::uint16_t>(
        zeroTurnsOff ? parseUnsigned(value, 0, 65535, "a port number", "0-65535; 0 turns it off")
                     : parseUnsigned(value, 1, 65535, "a port number"));
}

int parseCount(const std::string& value, int lo, int hi, const std::string& noun) {
    return static_cast<int>(parseUnsigned(value, static_cast<std::uint64_t>(lo),
                                          static_cast<std::uint64_t>(hi), noun));
}

bool parseBool(const std::string& value) {
    const std::string v = lower(value);
    if (v == "yes" || v == "true" || v == "on" || v == "1") return true;
    if (v == "no" || v == "false" || v == "off" || v == "0") return false;
    throw ValueError(quoted(value) + " is not yes or no (also true/false, on/off, 1/0)");
}

// Bytes, or a count of KiB/MiB with a k or M suffix: 65536, 64k, 1M.
std::size_t parseByteSize(const std::string& value) {
    constexpr std::uint64_t kMin = 1024, kMax = 1024ull * 1024 * 1024;
    std::string digits = value;
    std::uint64_t unit = 1;
    if (!digits.empty() && (digits.back() == 'k' || digits.back() == 'K')) unit = 1024;
    if (!digits.empty() && (digits.back() == 'm' || digits.back() == 'M')) unit = 1024 * 1024;
    if (unit != 1) digits.pop_back();
    std::uint64_t n = 0;
    const char* end = digits.data() + digits.size();
    const auto [ptr, ec] = std::from_chars(digits.data(), end, n);
    if (digits.empty() || ec != std::errc() || ptr != end || n > kMax / unit ||
        n * unit < kMin || n * unit > kMax)
        throw ValueError(quoted(value) + " is not a size in bytes (1k-1024M; e.g. 65536, 64k, 1M)");
    return static_cast<std::size_t>(n * unit);
}

std::string parseAddress(const std::string& value) {
    unsigned char buf[sizeof(in6_addr)];
    if (inet_pton(AF_INET, value.c_str(), buf) != 1 && inet_pton(AF_INET6, value.c_str(), buf) != 1)
        throw ValueError(quoted(value) + " is not an IPv4 or IPv6 address (e.g. 0.0.0.0, ::, 192.168.1.10)");
    return value;
}

// A DNS-SD instance name is one DNS label: 1-63 bytes of UTF-8, any characters
// but control characters.
std::string parseServiceName(const std::string& value) {
    const bool control = std::any_of(value.begin(), value.end(),
                                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
    if (value.empty() || value.size() > 63 || !utf8Length(value) || control)
        throw ValueError(quoted(value) + " is not a service name (1-63 bytes of UTF-8 text, no control characters)");
    return value;
}

// An IP address with an optional port (default 9100), normalised to
// "ip:port" or "[ipv6]:port". Names are refused: resolving one could hang.
std::string parsePrinterAddress(const std::string& value) {
    const auto bad = [&] {
        return ValueError(quoted(value) + " is not a printer address (an IP address with an optional port, "
                                          "e.g. 192.168.1.50 or 192.168.1.50:9100)");
    };
    unsigned char buf[sizeof(in6_addr)];
    std::string host = value, port = "9100";
    bool v6 = inet_pton(AF_INET6, value.c_str(), buf) == 1;
    if (!v6 && !value.empty() && value.front() == '[') {
        const auto close = value.find("]:");
        if (close == std::string::npos) throw bad();
        host = value.substr(1, close - 1);
        port = value.substr(close + 2);
        v6 = true;
    } else if (!v6) {
        const auto colon = value.find(':');
        host = value.substr(0, colon);
        if (colon != std::string::npos) port = value.substr(colon + 1);
    }
    if (inet_pton(v6 ? AF_INET6 : AF_INET, host.c_str(), buf) != 1) throw bad();
    try {
        port = std::to_string(parsePort(port, false));
    } catch (const ValueError&) {
        throw bad();
    }
    return (v6 ? "[" + host + "]" : host) + ":" + port;
}

std::string parsePath(const std::string& value) {
    if (value.empty()) throw ValueError("needs a path");
    return value;
}

const std::array<OptionSpec, 37> kOptions{{
    {"listen", "server", "listen", "ADDR", "0.0.0.0",
     "address the HTTPS (and HTTP redirect) listeners bind to; :: for IPv6 too", false,
     [](HubConfig& c, const std::string& v) { c.listenAddress = parseAddress(v); }},
    {"https-port", "server", "https-port", "N", "8443",
     "port of the HTTPS API and web app (1-65535)", false,
     [](HubConfig& c, const std::string& v) { c.httpsPort = parsePort(v, false); }},
    {"http-port", "server", "http-port", "N", "8080",
     "plain-HTTP port for the welcome page and patients' tracking links, redirecting the rest to HTTPS; 0 = off", false,
     [](HubConfig& c, const std::string& v) { c.httpPort = parsePort(v, true); }},
    {"kiosk-port", "server", "kiosk-port", "N", "0",
     "loopback-only plain-HTTP port for the waiting-room display on this box; 0 = off", false,
     [](HubConfig& c, const std::string& v) { c.kioskPort = parsePort(v, true); }},
    {"hostname", "server", "hostname", "NAME", "the system host name",
     "one DNS label (letters, digits, '-'); staff reach the hub as NAME.local", false,
     [](HubConfig& c, const std::string& v) { c.hostname = parseHostname(v); }},
    {"worker-threads", "server", "worker-threads", "N", "64",
     "request worker threads (1-1024); a worker serves one request at a time and no connection "
     "holds one between requests, so size this for requests in flight, not for devices", false,
     [](HubConfig& c, const std::string& v) {
         c.workerThreads = parseCount(v, 1, 1024, "a thread count");
     }},
    {"max-body-bytes", "server", "max-body-bytes", "SIZE", "1M",
     "largest request body accepted (bytes, or with a k/M suffix; 1k-1024M)", false,
     [](HubConfig& c, const std::string& v) { c.maxBodyBytes = parseByteSize(v); }},
    {"keep-alive-timeout-seconds", "server", "keep-alive-timeout-seconds", "N", "15",
     "idle keep-alive connections are closed after N seconds (1-3600)",
     false,
     [](HubConfig& c, const std::string& v) {
         c.keepAliveTimeout = std::chrono::seconds(parseCount(v, 1, 3600, "a number of seconds"));
     }},
    {"max-connections", "limits", "max-connections", "N", "0",
     "connections the hub holds in all (0-1000000); 0 sizes it from memory and the descriptor limit. "
     "At the limit the oldest idle keep-alive connection is closed to make room", false,
     [](HubConfig& c, const std::string& v) {
         c.maxConnections = static_cast<std::size_t>(parseCount(v, 0, 1'000'000, "a number of connections"));
     }},
    {"connections-per-address", "limits", "connections-per-address", "N", "32",
     "HTTPS connections one client address may hold (1-10000); the next one is closed at once", false,
     [](HubConfig& c, const std::string& v) {
         c.connectionsPerAddress = static_cast<std::size_t>(parseCount(v, 1, 10'000, "a number of connections"));
     }},
    {"plain-connections-per-address", "limits", "plain-connections-per-address", "N", "16",
     "plain-HTTP connections one client address may hold (1-10000)", false,
     [](HubConfig& c, const std::string& v) {
         c.plainConnectionsPerAddress =
             static_cast<std::size_t>(parseCount(v, 1, 10'000, "a number of connections"));
     }},
    {"request-head-timeout-seconds", "limits", "request-head-timeout-seconds", "N", "10",
     "a request's whole head must arrive within N seconds of its first byte (1-300); a body gets as "
     "long again, plus a second per min-body-bytes-per-second received", false,
     [](HubConfig& c, const std::string& v) {
         c.requestHeadTimeout = std::chrono::seconds(parseCount(v, 1, 300, "a number of seconds"));
     }},
    {"min-body-bytes-per-second", "limits", "min-body-bytes-per-second", "N", "1024",
     "slowest pace a request body may keep once its first allowance is spent (1-10000000)", false,
     [](HubConfig& c, const std::string& v) {
         c.minBodyBytesPerSecond = static_cast<std::size_t>(parseCount(v, 1, 10'000'000, "a number of bytes"));
     }},
    {"max-streams", "limits", "max-streams", "N", "500",
     "live event streams (waiting-room TVs, staff screens) in all (1-100000); beyond it 503", false,
     [](HubConfig& c, const std::string& v) {
         c.maxStreams = static_cast<std::size_t>(parseCount(v, 1, 100'000, "a number of streams"));
     }},
    {"streams-per-address", "limits", "streams-per-address", "N", "8",
     "live event streams one client address may hold (1-10000); beyond it 429", false,
     [](HubConfig& c, const std::string& v) {
         c.streamsPerAddress = static_cast<std::size_t>(parseCount(v, 1, 10'000, "a number of streams"));
     }},
    {"streams-per-session", "limits", "streams-per-session", "N", "4",
     "live event streams one staff session or one display may hold (1-1000); beyond it 429", false,
     [](HubConfig& c, const std::string& v) {
         c.streamsPerSession = static_cast<std::size_t>(parseCount(v, 1, 1000, "a number of streams"));
     }},
    {"dev-plain-http", "server", "dev-plain-http", "yes|no", "no",
     "DEVELOPMENT/BENCHMARK ONLY: serve the API over plain HTTP on the https-port. Never "
     "use it in a clinic: passwords and patient data would cross the network unencrypted", true,
     [](HubConfig& c, const std::string& v) { c.devPlainHttp = parseBool(v); }},
    {"data-dir", "storage", "data-dir", "DIR", kDefaultDataDir,
     "directory holding the database, keys and backups; must exist ('clinic-hub init' "
     "creates it)", false,
     [](HubConfig& c, const std::string& v) { c.dataDir = parsePath(v); }},
    {"session-idle-minutes", "sessions", "idle-minutes", "N", "30",
     "a signed-in session ends after N minutes without a request (1-1440)", false,
     [](HubConfig& c, const std::string& v) {
         c.sessionIdle = std::chrono::minutes(parseCount(v, 1, 1440, "a number of minutes"));
     }},
    {"session-absolute-hours", "sessions", "absolute-hours", "N", "12",
     "a session ends N hours after sign-in however active (1-168)", false,
     [](HubConfig& c, const std::string& v) {
         c.sessionAbsolute = std::chrono::hours(parseCount(v, 1, 168, "a number of hours"));
     }},
    {"tls-certificate", "tls", "certificate", "FILE", "",
     "PEM certificate (chain) to serve instead of the hub's own; needs --tls-private-key",
     false, [](HubConfig& c, const std::string& v) { c.tlsCertificate = parsePath(v); }},
    {"tls-private-key", "tls", "private-key", "FILE", "",
     "PEM private key for --tls-certificate; needs --tls-certificate", false,
     [](HubConfig& c, const std::string& v) { c.tlsPrivateKey = parsePath(v); }},
    {"handshake-timeout-seconds", "tls", "handshake-timeout-seconds", "N", "10",
     "a client must finish the TLS handshake within N seconds (1-300)", false,
     [](HubConfig& c, const std::string& v) {
         c.handshakeTimeout = std::chrono::seconds(parseCount(v, 1, 300, "a number of seconds"));
     }},
    {"voice-dir", "voices", "voice-dir", "DIR", "DATA-DIR/voices",
     "the clinic's own recorded voice packs (en/, bn/); their clips take precedence over the "
     "default packs (docs/voice-packs.md)", false,
     [](HubConfig& c, const std::string& v) { c.voiceDir = parsePath(v); }},
    {"default-voice-dir", "voices", "default-voice-dir", "DIR", "/usr/share/clinic-hub/voices",
     "the default voice packs generated with espeak-ng; when not set and not installed, those "
     "of the build tree", false,
     [](HubConfig& c, const std::string& v) { c.defaultVoiceDir = parsePath(v); }},
    {"web-root", "web", "root", "DIR", "/usr/share/clinic-hub/www",
     "the browser apps the hub serves, one folder each (staff/, display/, welcome/, fonts/); "
     "when not set, those of the build tree for a program run from it (docs/webapp.md)", false,
     [](HubConfig& c, const std::string& v) { c.webRoot = parsePath(v); }},
    {"log-level", "log", "level", "LEVEL", "info",
     "least severe level logged: error, warning, info or debug", false,
     [](HubConfig& c, const std::string& v) {
         const auto level = log::parseLevel(v);
         if (!level) throw ValueError(quoted(v) + " is not a log level (error, warning, info, debug)");
         c.logLevel = *level;
     }},
    {"mdns", "discovery", "mdns", "yes|no", "yes",
     "advertise the hub on the clinic network with Avahi (mDNS) as NAME.local; --mdns no "
     "turns it off", true,
     [](HubConfig& c, const std::string& v) { c.mdns = parseBool(v); }},
    {"mdns-service-name", "discovery", "service-name", "NAME", "Clinic Hub \xE2\x80\x93 <clinic name>",
     "the name staff devices list the hub under (at most 63 bytes of UTF-8); unset, it follows "
     "the clinic's name", false,
     [](HubConfig& c, const std::string& v) { c.mdnsServiceName = parseServiceName(v); }},
    {"printer-address", "printer", "address", "IP[:PORT]", "",
     "network ESC/POS receipt printer for token slips, on raw TCP (port 9100 unless given); "
     "unset = slips are printed from the browser only", false,
     [](HubConfig& c, const std::string& v) { c.printerAddress = parsePrinterAddress(v); }},
    {"printer-paper", "printer", "paper", "58|80", "80",
     "width of the receipt printer's paper roll in mm: 58 (384 dots) or 80 (576 dots)", false,
     [](HubConfig& c, const std::string& v) {
         if (v != "58" && v != "80") throw ValueError(quoted(v) + " is not a paper width (58 or 80)");
         c.printerPaperMm = v == "58" ? 58 : 80;
     }},
    // Abuse limits (docs/security.md).
    {"password-hash-concurrency", "sessions", "password-hash-concurrency", "N", "0",
     "password checks (argon2id, 19 MiB each) run at most N at once (0-64; 0 = the number of cores): "
     "peak memory from sign-ins is N x 19 MiB however many arrive together", false,
     [](HubConfig& c, const std::string& v) {
         c.passwordHashConcurrency = static_cast<unsigned>(parseCount(v, 0, 64, "a number of password checks"));
     }},
    {"password-hash-wait-seconds", "sessions", "password-hash-wait-seconds", "N", "5",
     "a sign-in that waits longer than N seconds (1-60) for its turn is answered 503 with Retry-After", false,
     [](HubConfig& c, const std::string& v) {
         c.passwordHashWait = std::chrono::seconds(parseCount(v, 1, 60, "a number of seconds"));
     }},
    {"disk-warning-mb", "storage", "disk-warning-mb", "N", "1024",
     "below N MiB free on the data directory's disk (1-1048576) the hub logs a warning and /healthz says "
     "degraded", false,
     [](HubConfig& c, const std::string& v) { c.diskWarningMiB = parseUnsigned(v, 1, 1 << 20, "a size in MiB"); }},
    {"disk-floor-mb", "storage", "disk-floor-mb", "N", "100",
     "at N MiB free or less (0-1048576, below disk-warning-mb) new patient data is refused with 507 so the "
     "disk never fills under the database; sign-ins and reads go on", false,
     [](HubConfig& c, const std::string& v) { c.diskFloorMiB = parseUnsigned(v, 0, 1 << 20, "a size in MiB"); }},
    {"search-rate-per-minute", "patients", "search-rate-per-minute", "N", "120",
     "patient searches that find someone, per session and minute, once the burst is spent (1-100000)", false,
     [](HubConfig& c, const std::string& v) {
         c.searchesPerMinute = parseCount(v, 1, 100000, "a number of searches");
     }},
    {"search-burst", "patients", "search-burst", "N", "60",
     "patient searches that find someone a session may make at once (1-100000)", false,
     [](HubConfig& c, const std::string& v) { c.searchBurst = parseCount(v, 1, 100000, "a number of searches"); }},
}};

}  // namespace

std::string parseHostname(const std::string& value) {
    const std::string name = lower(value);
    const bool okChars = std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
    if (name.empty() || name.size() > 63 || !okChars || name.front() == '-' || name.back() == '-')
        throw ValueError(quoted(value) +
                         " is not a host name (one label of letters, digits and '-', at most 63, "
                         "no dots, not starting or ending with '-')");
    return name;
}

std::span<const OptionSpec> optionTable() { return kOptions; }

const OptionSpec* findByFlag(const std::string& flag) {
    for (const auto& o : kOptions)
        if (flag == o.flag) return &o;
    return nullptr;
}

const OptionSpec* findByKey(const std::string& section, const std::string& key) {
    for (const auto& o : kOptions)
        if (section == o.section && key == o.key) return &o;
    return nullptr;
}

bool isKnownSection(const std::string& section) {
    return std::any_of(kOptions.begin(), kOptions.end(),
                       [&](const OptionSpec& o) { return section == o.section; });
}

}  // namespace hub::config_detail
