#pragma once
// What every subcommand shares: option parsing with --help, where the data
// lives, and opening the database as the user who owns it.
#include "hub/config/config.h"
#include "hub/store/database.h"

#include <boost/program_options.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace hub::cli {

// Thrown for a usage mistake; what() is the line to print. Exit status 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct Command {
    std::string name;     // "user add"
    std::string summary;  // one line for the overview
    boost::program_options::options_description options;
    bool needsDataDir = true;
};

// Parses args against command.options plus --config/--data-dir and --help.
// Returns nullopt after printing help. Throws UsageError naming the option.
std::optional<boost::program_options::variables_map> parseCommand(Command& command,
                                                                   const std::vector<std::string>& args);

// The configuration from --config/--data-dir, the config file and defaults.
HubConfig hubConfig(const boost::program_options::variables_map& vm);
inline std::filesystem::path dataDirectory(const boost::program_options::variables_map& vm) {
    return hubConfig(vm).dataDir;
}

// When run as root on a data directory owned by the service user, switch to
// that user first: files root created would lock the service out of its own
// database.
void becomeOwnerOf(const std::filesystem::path& dataDir);

std::unique_ptr<store::Database> openDatabase(const std::filesystem::path& dataDir);
// For init and demo-data: creates dataDir (mode 0700) if needed, becomes its
// owner, and opens (creating) the database in it.
std::unique_ptr<store::Database> createDatabase(const std::filesystem::path& dataDir);


// A required string option; UsageError naming it when missing.
std::string requiredOption(const boost::program_options::variables_map& vm, const std::string& name);

}  // namespace hub::cli
