#include "hub/config/config.h"

#include "hub/config/ini.h"
#include "hub/config/options.h"

#include <boost/program_options/errors.hpp>
#include <boost/program_options/parsers.hpp>

#include <glob.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace hub {
namespace {

using config_detail::OptionSpec;
using config_detail::ValueError;

std::string quoted(const std::string& s) { return "'" + s + "'"; }

class Failer {
public:
    explicit Failer(std::string program) : program_(std::move(program)) {}
    // "<program>: <where>: <message>"
    ConfigError operator()(const std::string& where, const std::string& message) const {
        return ConfigError(program_ + ": " + where + ": " + message);
    }

private:
    std::string program_;
};

void addOption(po::options_description& group, const OptionSpec& o) {
    auto* value = po::value<std::string>()->value_name(o.valueName);
    if (o.isSwitch) value->implicit_value("yes");
    std::string help = o.help;
    if (*o.defaultText) help += " [default: " + std::string(o.defaultText) + "]";
    help += " (file: [" + std::string(o.section) + "] " + o.key + ")";
    group.add_options()(o.flag, value, help.c_str());
}

void addConfigOption(po::options_description& group) {
    group.add_options()("config", po::value<std::string>()->value_name("FILE"),
                        ("INI file to read; flags override it [default: " +
                         std::string(kDefaultConfigFile) + ", if it exists]")
                            .c_str());
}

std::string systemHostName() {
    char buf[256] = {};
    if (gethostname(buf, sizeof buf - 1) != 0) return {};
    return buf;
}

// One line for Boost's command-line errors, naming the flag.
std::string describeBoostError(const po::error& e) {
    if (const auto* u = dynamic_cast<const po::unknown_option*>(&e)) {
        const std::string name = u->get_option_name();  // "--x=1" for "--x=1"
        return name.substr(0, name.find('=')) + ": unknown option (see --help)";
    }
    if (const auto* s = dynamic_cast<const po::invalid_command_line_syntax*>(&e)) {
        if (s->kind() == po::invalid_syntax::missing_parameter)
            return s->get_option_name() + ": needs a value";
        if (s->kind() == po::invalid_syntax::extra_parameter)
            return s->get_option_name() + ": takes no value";
    }
    if (const auto* m = dynamic_cast<const po::multiple_occurrences*>(&e))
        return m->get_option_name() + ": given more than once";
    return e.what();
}

// The files an 'include = PATTERN' names, in name order; a relative pattern is
// taken from the including file's directory. A pattern that matches nothing is
// no error: an empty conf.d/ is the normal case.
std::vector<std::string> includedFiles(const std::string& pattern, const std::string& from,
                                       const std::string& at, const Failer& fail) {
    if (pattern.empty()) throw fail(at + ": include", "needs a file name or pattern, e.g. conf.d/*.conf");
    const fs::path full = fs::path(pattern).is_absolute() ? fs::path(pattern) : fs::path(from).parent_path() / pattern;
    // A directory that exists but cannot be read would hide the files in it.
    const fs::path dir = full.parent_path();
    std::error_code ec;
    if (fs::is_directory(dir, ec) && access(dir.c_str(), R_OK | X_OK) != 0)
        throw fail(at + ": include", quoted(dir.string()) + " cannot be read: " + std::strerror(errno));
    glob_t found{};
    const int rc = ::glob(full.c_str(), 0, nullptr, &found);
    std::vector<std::string> files;
    if (rc == 0)
        for (std::size_t i = 0; i < found.gl_pathc; ++i) files.emplace_back(found.gl_pathv[i]);
    ::globfree(&found);
    // glob() sorts by the locale's collation; a file's place must not depend on it.
    std::sort(files.begin(), files.end());
    std::erase_if(files, [&](const std::string& f) { return fs::is_directory(f, ec); });
    return files;
}

// Applies the INI file's entries to parsed.config, recording their origins.
// Only the main file may include others (PATTERN before any [section]); the
// included files are applied after it, in name order, each overriding what
// came before.
void applyFile(const std::string& file, ParsedConfig& parsed, const Failer& fail, bool mayInclude) {
    std::ifstream in(file);
    if (!in) throw fail(file, std::string("cannot read: ") + std::strerror(errno));
    ini::Document doc;
    try {
        doc = ini::read(in);
    } catch (const ini::SyntaxError& e) {
        throw fail(file + ":" + std::to_string(e.line()), e.what());
    }
    if (in.bad()) throw fail(file, std::string("cannot read: ") + std::strerror(errno));

    for (const auto& s : doc.sections)
        if (!config_detail::isKnownSection(s.name))
            throw fail(file + ":" + std::to_string(s.line),
                       "unknown section [" + s.name +
                           "] (known: [server], [storage], [sessions], [tls], [log], [discovery], [printer])");

    std::vector<std::string> includes;
    for (const auto& e : doc.entries) {
        const std::string at = file + ":" + std::to_string(e.line);
        if (e.section.empty() && e.key == "include") {
            if (!mayInclude)
                throw fail(at, "include is allowed only in the main configuration file, not in a file it includes");
            for (auto& f : includedFiles(e.value, file, at, fail)) includes.push_back(std::move(f));
            continue;
        }
        const OptionSpec* spec = config_detail::findByKey(e.section, e.key);
        if (!spec) {
            const OptionSpec* elsewhere = nullptr;
            for (const auto& o : config_detail::optionTable())
                if (e.key == o.key) elsewhere = &o;
            std::string msg = "unknown option " + quoted(e.key) +
                              (e.section.empty() ? " outside any section"
                                                 : " in section [" + e.section + "]");
            if (elsewhere) msg += " (it belongs in [" + std::string(elsewhere->section) + "])";
            throw fail(at, msg);
        }
        const std::string name = "[" + e.section + "] " + e.key;
        try {
            spec->apply(parsed.config, e.value);
        } catch (const ValueError& err) {
            throw fail(at + ": " + name, err.what());
        }
        parsed.origins[spec->flag] = at + ": " + name;
    }
    for (const auto& f : includes) applyFile(f, parsed, fail, false);
}

std::string chooseConfigFile(const po::variables_map& vm, const ConfigEnvironment& env,
                             const Failer& fail) {
    if (vm.count("config") && !vm["config"].defaulted()) {
        const auto file = vm["config"].as<std::string>();
        std::error_code ec;
        const auto st = fs::status(file, ec);
        if (file.empty()) throw fail("--config", "needs a path");
        if (!fs::exists(st)) throw fail("--config", quoted(file) + " does not exist");
        if (fs::is_directory(st)) throw fail("--config", quoted(file) + " is a directory");
        return file;
    }
    std::error_code ec;
    return fs::exists(env.defaultConfigFile, ec) ? env.defaultConfigFile : std::string();
}

void checkCombinations(const ParsedConfig& p, const Failer& fail) {
    const HubConfig& c = p.config;
    if (!c.tlsCertificate.empty() && c.tlsPrivateKey.empty())
        throw fail(p.describe("tls-certificate"),
                   "set without a private key (set --tls-private-key or [tls] private-key too)");
    if (c.tlsCertificate.empty() && !c.tlsPrivateKey.empty())
        throw fail(p.describe("tls-private-key"),
                   "set without a certificate (set --tls-certificate or [tls] certificate too)");
    if (c.httpPort != 0 && c.httpPort == c.httpsPort)
        throw fail(p.describe("http-port"),
                   std::to_string(c.httpPort) + " is also the https-port; use another or 0");
    if (c.diskFloorMiB >= c.diskWarningMiB)
        throw fail(p.describe("disk-floor-mb"),
                   std::to_string(c.diskFloorMiB) + " is not below disk-warning-mb (" +
                       std::to_string(c.diskWarningMiB) + "): the warning must come first");
    if (c.kioskPort != 0 && (c.kioskPort == c.httpsPort || c.kioskPort == c.httpPort))
        throw fail(p.describe("kiosk-port"),
                   std::to_string(c.kioskPort) + " is already used by the https-port or http-port");
}

}  // namespace

std::string ParsedConfig::describe(const std::string& option) const {
    const auto it = origins.find(option);
    return it == origins.end() ? option : it->second;
}

po::options_description daemonOptions() {
    po::options_description all;
    po::options_description general("General");
    general.add_options()("help,h", "print this help and exit")(
        "version", "print the version and exit");
    addConfigOption(general);
    all.add(general);

    const std::pair<const char*, const char*> groups[] = {
        {"server", "Server"},   {"limits", "Limits"},   {"storage", "Storage"}, {"sessions", "Sessions"},
        {"tls", "TLS"},         {"log", "Logging"},     {"discovery", "Discovery"},
        {"voices", "Voices"},   {"web", "Web apps"},
        {"printer", "Receipt printer"}, {"patients", "Patient search"},
    };
    for (const auto& [section, title] : groups) {
        po::options_description group(std::string(title) + " (file section [" + section + "])");
        for (const auto& o : config_detail::optionTable())
            if (std::string_view(o.section) == section) addOption(group, o);
        all.add(group);
    }
    return all;
}

po::options_description locationOptions() {
    po::options_description d("Configuration");
    addConfigOption(d);
    addOption(d, *config_detail::findByFlag("data-dir"));
    return d;
}

ParsedConfig configFromVariables(const po::variables_map& vm, const ConfigEnvironment& env) {
    const Failer fail(env.programName);
    ParsedConfig parsed;
    parsed.programName = env.programName;

    const std::string file = chooseConfigFile(vm, env, fail);
    parsed.config.configFile = file;
    if (!file.empty()) {
        if (vm.count("config") && !vm["config"].defaulted()) parsed.origins["config"] = "--config";
        applyFile(file, parsed, fail, true);
    }

    for (const auto& o : config_detail::optionTable()) {
        if (!vm.count(o.flag) || vm[o.flag].defaulted()) continue;
        const std::string flag = std::string("--") + o.flag;
        try {
            o.apply(parsed.config, vm[o.flag].as<std::string>());
        } catch (const ValueError& err) {
            throw fail(flag, err.what());
        }
        parsed.origins[o.flag] = flag;
    }

    if (parsed.config.hostname.empty()) {
        const std::string system = env.systemHostName ? env.systemHostName() : systemHostName();
        try {  // the first label: "hub.example.org" is advertised as hub.local
            parsed.config.hostname = config_detail::parseHostname(system.substr(0, system.find('.')));
        } catch (const ValueError&) {
            throw fail("hostname", "the system host name " + quoted(system) +
                                       " is not a usable DNS label; set --hostname or "
                                       "[server] hostname");
        }
    }
    checkCombinations(parsed, fail);
    return parsed;
}

ParsedConfig parseConfig(int argc, const char* const argv[], const ConfigEnvironment& env) {
    const auto options = daemonOptions();
    po::variables_map vm;
    try {
        // No guessing: "--https" must not silently mean "--https-port".
        const int style = po::command_line_style::unix_style & ~po::command_line_style::allow_guessing;
        const auto parsedArgs = po::command_line_parser(argc, argv).options(options).style(style).run();
        // Boost keeps stray words as positional entries and store() drops them silently.
        for (const auto& o : parsedArgs.options)
            if (o.position_key >= 0 && !o.value.empty())
                throw ConfigError(env.programName + ": unexpected argument " + quoted(o.value.front()) +
                                  " (options start with --; see --help)");
        po::store(parsedArgs, vm);
    } catch (const po::error& e) {
        throw ConfigError(env.programName + ": " + describeBoostError(e));
    }

    if (vm.count("help") || vm.count("version")) {
        ParsedConfig exit;
        exit.programName = env.programName;
        exit.action = ParsedConfig::Action::Exit;
        std::ostringstream out;
        if (vm.count("help"))
            out << "Usage: " << env.programName << " [options]\n\n"
                << "Clinic Hub server. Settings come from flags, then the config file, then the\n"
                << "defaults shown. A file option is written 'key = value' under its [section].\n"
                << options;
        else
            out << env.programName << " " << CLINIC_HUB_VERSION << "\n";
        exit.output = out.str();
        return exit;
    }
    return configFromVariables(vm, env);
}

void validateForDaemon(const ParsedConfig& parsed) {
    const Failer fail(parsed.programName);
    const HubConfig& c = parsed.config;

    std::error_code ec;
    const auto st = fs::status(c.dataDir, ec);
    const std::string dataDir = parsed.describe("data-dir");
    if (!fs::exists(st))
        throw fail(dataDir, quoted(c.dataDir) + " does not exist (create it with 'clinic-hub init')");
    if (!fs::is_directory(st)) throw fail(dataDir, quoted(c.dataDir) + " is not a directory");
    if (access(c.dataDir.c_str(), W_OK | X_OK) != 0)
        throw fail(dataDir, quoted(c.dataDir) + " is not writable: " + std::strerror(errno));

    for (const auto& [option, path] : {std::pair{"tls-certificate", &c.tlsCertificate},
                                       std::pair{"tls-private-key", &c.tlsPrivateKey}}) {
        if (!path->empty() && access(path->c_str(), R_OK) != 0)
            throw fail(parsed.describe(option),
                       quoted(*path) + " cannot be read: " + std::strerror(errno));
    }
}

}  // namespace hub
