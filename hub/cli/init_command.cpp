#include "hub/audit/audit_log.h"
#include "hub/auth/bootstrap.h"
#include "hub/auth/password_hasher.h"
#include "hub/cli/command.h"
#include "hub/cli/commands.h"
#include "hub/cli/password_input.h"
#include "hub/tls/certificate_authority.h"

#include <filesystem>
#include <iostream>

namespace hub::cli {

namespace po = boost::program_options;

namespace {

std::string askLine(const std::string& prompt, const std::string& option) {
    if (!onTerminal()) throw UsageError("--" + option + " is required when not run on a terminal");
    std::cerr << prompt << std::flush;
    std::string line;
    std::getline(std::cin, line);
    return line;
}

}  // namespace

int initCommand(const Args& args) {
    Command cmd{"init", "Create the clinic's database, its first admin and the hub's root certificate.",
                po::options_description("Init"), true};
    cmd.options.add_options()
        ("clinic-name", po::value<std::string>(), "the clinic's name, as patients know it")
        ("admin-username", po::value<std::string>(), "the first admin account's username")
        ("admin-password-file", po::value<std::string>(),
         "file whose first line is the admin's password ('-' for standard input); prompts on a terminal if absent");
    const auto vm = parseCommand(cmd, args);
    if (!vm) return 0;
    const HubConfig config = hubConfig(*vm);
    const std::filesystem::path dataDir = config.dataDir;

    const std::string clinicName =
        vm->count("clinic-name") ? (*vm)["clinic-name"].as<std::string>() : askLine("Clinic name: ", "clinic-name");
    const std::string username = vm->count("admin-username") ? (*vm)["admin-username"].as<std::string>()
                                                             : askLine("Admin username: ", "admin-username");
    const std::string password =
        vm->count("admin-password-file")
            ? readPasswordFile((*vm)["admin-password-file"].as<std::string>(), "admin-password-file")
            : promptNewPassword(username, "admin-password-file");

    auto db = createDatabase(dataDir);
    SystemClock clock;
    auth::PasswordHasher hasher;
    audit::AuditLog audit(clock);
    auth::initializeClinic({*db, clock, hasher, audit}, clinicName, username, password);

    tls::CertificateAuthority ca(dataDir / "tls", clock);
    ca.ensureRoot(config.hostname);
    std::cout << "Initialised clinic '" << clinicName << "' in " << dataDir.string() << " with admin '" << username
              << "'.\nRoot certificate SHA-256 fingerprint: " << ca.rootFingerprintSha256() << "\n"
              << "Start the service: sudo systemctl restart clinic-hubd   (then: sudo clinic-hub doctor)\n";
    return 0;
}

}  // namespace hub::cli
