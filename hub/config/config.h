#pragma once
// Hub configuration: command-line flags over an INI file over built-in defaults.
//
// Every mistake stops startup with ONE line that names the option and where it
// came from, e.g.
//   clinic-hubd: /etc/clinic-hub/clinic-hub.conf:12: unknown option 'htps-port' in section [server]
//   clinic-hubd: --https-port: '70000' is not a port number (1-65535)
// The program prints ConfigError::what() to stderr and exits non-zero.
#include "hub/core/log.h"

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/variables_map.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>

namespace hub {

inline constexpr const char* kDefaultConfigFile = "/etc/clinic-hub/clinic-hub.conf";
inline constexpr const char* kDefaultDataDir = "/var/lib/clinic-hub";

// Plain values; defaults here are the documented defaults (etc/clinic-hub.conf).
struct HubConfig {
    std::string configFile = kDefaultConfigFile;  // the file actually read ("" if none)
    std::string dataDir = kDefaultDataDir;
    std::string listenAddress = "0.0.0.0";  // an IPv4 or IPv6 literal
    std::uint16_t httpsPort = 8443;
    std::uint16_t httpPort = 8080;   // plain-HTTP redirect to HTTPS; 0 = no listener
    std::uint16_t kioskPort = 0;     // loopback-only plain HTTP for the waiting-room TV; 0 = off
    std::string hostname;            // one lower-case RFC 1123 label; the hub is <hostname>.local
    log::Level logLevel = log::Level::Info;
    std::chrono::minutes sessionIdle{30};
    std::chrono::hours sessionAbsolute{12};
    std::size_t maxBodyBytes = 1024 * 1024;
    int workerThreads = 64;  // serve requests; a connection holds none between them
    std::chrono::seconds handshakeTimeout{10};
    std::chrono::seconds keepAliveTimeout{15};
    std::chrono::seconds requestHeadTimeout{10};   // a whole request head, from its first byte
    std::size_t minBodyBytesPerSecond = 1024;      // after requestHeadTimeout, a body must keep this pace
    std::size_t maxConnections = 0;                // 0: sized from memory and the descriptor limit
    std::size_t connectionsPerAddress = 32;        // HTTPS, per client address
    std::size_t plainConnectionsPerAddress = 16;   // plain HTTP, per client address
    std::size_t maxStreams = 500;                  // live event streams in all
    std::size_t streamsPerAddress = 8;             // ... per client address
    std::size_t streamsPerSession = 4;             // ... per staff session or display
    std::string tlsCertificate;  // admin-supplied PEM; both or neither, "" = hub's own
    std::string tlsPrivateKey;
    std::string voiceDir;         // the clinic's own voice packs; "" = <dataDir>/voices
    std::string defaultVoiceDir;  // espeak-ng packs; "" = installed, else the build tree's
    std::string webRoot;          // the browser apps (www/<app>/); "" = the build tree's when run from it, else installed
    bool mdns = true;            // advertise <hostname>.local with Avahi
    std::string mdnsServiceName;  // "" = "Clinic Hub – <clinic name>"
    bool devPlainHttp = false;   // development/benchmark only: API over plain HTTP
    std::string printerAddress;  // network ESC/POS printer, "192.168.1.50:9100"; "" = none
    int printerPaperMm = 80;     // its paper roll: 58 or 80
    // Abuse limits: sign-in hashing, disk floors, patient search.
    unsigned passwordHashConcurrency = 0;  // argon2id checks at once; 0 = the number of cores
    std::chrono::seconds passwordHashWait{5};  // a sign-in waiting longer for its turn gets 503
    std::uint64_t diskWarningMiB = 1024;   // below: warning in the log, /healthz degraded
    std::uint64_t diskFloorMiB = 100;      // at or below: patient writes refused with 507
    int searchesPerMinute = 120;           // per session, searches that return patients
    int searchBurst = 60;                  // of those, at once
};

// what() is the complete line to print, program name first.
class ConfigError : public std::runtime_error {
public:
    explicit ConfigError(const std::string& line) : std::runtime_error(line) {}
};

// What parsing depends on besides argv, injectable for tests.
struct ConfigEnvironment {
    std::string programName = "clinic-hubd";
    std::string defaultConfigFile = kDefaultConfigFile;  // read only if it exists
    std::function<std::string()> systemHostName;          // empty: gethostname()
};

struct ParsedConfig {
    enum class Action {
        Run,   // start with `config`
        Exit,  // --help or --version: print `output` to stdout, exit 0
    };
    Action action = Action::Run;
    std::string output;
    HubConfig config;
    std::string programName;
    // Command-line option name ("https-port") -> where its value was set:
    // "--https-port" or "/etc/clinic-hub/clinic-hub.conf:7: [server] https-port".
    // Options left at their default are absent.
    std::map<std::string, std::string> origins;

    // The origin of `option`, or `option` itself when it kept its default.
    std::string describe(const std::string& option) const;
};

// Parses argv (flags override the config file, which overrides defaults).
// Throws ConfigError on an unknown option, a bad value, a malformed file or an
// explicitly named --config that does not exist. Touches no data directory.
ParsedConfig parseConfig(int argc, const char* const argv[], const ConfigEnvironment& env = {});

// Every option clinic-hubd accepts, grouped as in the file; --help prints this.
boost::program_options::options_description daemonOptions();

// --config and --data-dir only, for programs that need just where the data lives
// (the admin CLI adds these to its own options). Values are strings.
boost::program_options::options_description locationOptions();

// Builds a configuration from already-parsed flags: reads vm["config"] (or the
// default file if it exists) and applies every option of daemonOptions() present
// in vm on top. Entries of vm it does not know are ignored. Throws ConfigError.
ParsedConfig configFromVariables(const boost::program_options::variables_map& vm,
                                 const ConfigEnvironment& env = {});

// The daemon's extra checks, not made by the admin CLI (whose `init` creates the
// directory): the data directory exists, is a directory and is writable; the TLS
// files, if named, are readable. Throws ConfigError naming the option's origin.
void validateForDaemon(const ParsedConfig& parsed);

}  // namespace hub
