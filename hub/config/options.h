#pragma once
// The option table: one row per setting, shared by the command line, the INI
// file and --help so the three cannot drift apart. Internal to hub_config.
#include "hub/config/config.h"

#include <span>
#include <stdexcept>
#include <string>

namespace hub::config_detail {

// A rejected value; the message says what was wrong with it ("'abc' is not a
// port number (1-65535)"). The caller prefixes where the value came from.
class ValueError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct OptionSpec {
    const char* flag;         // --flag; also the key of ParsedConfig::origins
    const char* section;      // INI section
    const char* key;          // INI key inside the section
    const char* valueName;    // shown in --help: N, DIR, ...
    const char* defaultText;  // shown in --help; "" when there is no default
    const char* help;
    bool isSwitch;            // a yes/no option: "--flag" alone means yes
    void (*apply)(HubConfig& config, const std::string& value);  // throws ValueError
};

std::span<const OptionSpec> optionTable();
const OptionSpec* findByFlag(const std::string& flag);
const OptionSpec* findByKey(const std::string& section, const std::string& key);
bool isKnownSection(const std::string& section);

// Hostname rules shared with the default taken from the system host name.
// Returns the lower-cased label or throws ValueError.
std::string parseHostname(const std::string& value);

}  // namespace hub::config_detail
