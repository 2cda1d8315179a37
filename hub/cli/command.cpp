#include "hub/cli/command.h"

#include "hub/core/error.h"

#include <grp.h>
#include <iostream>
#include <sys/stat.h>
#include <unistd.h>

namespace hub::cli {

namespace po = boost::program_options;

std::optional<po::variables_map> parseCommand(Command& command, const std::vector<std::string>& args) {
    po::options_description all;
    all.add_options()("help,h", "show this help");
    if (command.needsDataDir) all.add(locationOptions());
    all.add(command.options);
    po::variables_map vm;
    try {
        const auto style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
        po::store(po::command_line_parser(args).options(all).style(style).run(), vm);
        if (vm.count("help")) {
            std::cout << "Usage: clinic-hub " << command.name << " [options]\n" << command.summary << "\n\n" << all;
            return std::nullopt;
        }
        po::notify(vm);
    } catch (const po::error& e) {
        throw UsageError("clinic-hub " + command.name + ": " + e.what() + " (see --help)");
    }
    return vm;
}

HubConfig hubConfig(const po::variables_map& vm) {
    ConfigEnvironment env;
    env.programName = "clinic-hub";
    try {
        return configFromVariables(vm, env).config;
    } catch (const ConfigError& e) {
        throw UsageError(e.what());
    }
}

void becomeOwnerOf(const std::filesystem::path& dataDir) {
    struct stat st{};
    if (geteuid() != 0 || ::stat(dataDir.c_str(), &st) != 0 || st.st_uid == 0) return;
    if (setgroups(0, nullptr) != 0 || setgid(st.st_gid) != 0 || setuid(st.st_uid) != 0)
        throw Error(ErrorCode::Internal, "cannot switch to the owner of " + dataDir.string());
}

std::unique_ptr<store::Database> openDatabase(const std::filesystem::path& dataDir) {
    if (!std::filesystem::exists(store::databaseFile(dataDir)))
        throw Error(ErrorCode::NotFound,
                    "no clinic database in " + dataDir.string() + " (run 'clinic-hub init' first)");
    becomeOwnerOf(dataDir);
    return store::Database::open(store::databaseFile(dataDir));
}

std::unique_ptr<store::Database> createDatabase(const std::filesystem::path& dataDir) {
    std::filesystem::create_directories(dataDir);
    std::filesystem::permissions(dataDir, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace);
    becomeOwnerOf(dataDir);
    return store::Database::open(store::databaseFile(dataDir));
}

std::string requiredOption(const po::variables_map& vm, const std::string& name) {
    if (!vm.count(name) || vm[name].as<std::string>().empty()) throw UsageError("--" + name + " is required");
    return vm[name].as<std::string>();
}

}  // namespace hub::cli
