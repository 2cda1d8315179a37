#include "hub/audit/audit_log.h"
#include "hub/auth/bootstrap.h"
#include "hub/auth/password_hasher.h"
#include "hub/cli/command.h"
#include "hub/cli/commands.h"
#include "hub/cli/password_input.h"
#include "hub/store/staff_repository.h"

#include <iomanip>
#include <iostream>

namespace hub::cli {

namespace po = boost::program_options;

namespace {

std::string newPassword(const po::variables_map& vm, const std::string& username) {
    if (vm.count("password-file")) return readPasswordFile(vm["password-file"].as<std::string>(), "password-file");
    return promptNewPassword(username, "password-file");
}

}  // namespace

int userCommand(const std::string& verb, const Args& args) {
    Command cmd{"user " + verb, "", po::options_description("User"), true};
    if (verb == "add") {
        cmd.summary = "Add a staff account.";
        cmd.options.add_options()
            ("username", po::value<std::string>(), "3-32 of a-z 0-9 . _ -, starting with a letter")
            ("display-name", po::value<std::string>(), "the name colleagues know (default: the username)")
            ("role", po::value<std::string>(), "admin, doctor, receptionist, nurse or cashier")
            ("password-file", po::value<std::string>(), "file whose first line is the password ('-' for stdin)")
            ("token-prefix", po::value<std::string>(), "doctors: 1-3 capital letters their tokens start with (A-001)")
            ("room", po::value<std::string>(), "doctors: the room shown on the display and token slips");
    } else if (verb == "passwd") {
        cmd.summary = "Set a staff member's password; their sessions end.";
        cmd.options.add_options()
            ("username", po::value<std::string>(), "whose password to set")
            ("password-file", po::value<std::string>(), "file whose first line is the password ('-' for stdin)");
    } else if (verb == "unlock") {
        cmd.summary = "Lift an account's sign-in lock-out after too many failed sign-ins; a running clinic-hubd "
                      "lets the owner in at their next attempt.";
        cmd.options.add_options()("username", po::value<std::string>(), "the locked account");
    } else if (verb == "disable" || verb == "enable") {
        cmd.summary = verb == "disable" ? "Disable a staff account; its sessions end at once."
                                        : "Enable a disabled staff account.";
        cmd.options.add_options()("username", po::value<std::string>(), "the account");
    } else if (verb == "list") {
        cmd.summary = "List staff accounts.";
    } else {
        throw UsageError("clinic-hub user: unknown action '" + verb + "' (add, passwd, disable, enable, unlock, list)");
    }
    const auto vm = parseCommand(cmd, args);
    if (!vm) return 0;
    auto db = openDatabase(dataDirectory(*vm));

    if (verb == "list") {
        const auto staff = db->read([](store::Connection& c) { return store::StaffRepository(c).list(); });
        for (const auto& s : staff)
            std::cout << std::left << std::setw(24) << s.member.username << std::setw(14)
                      << domain::roleName(s.member.role) << (s.member.disabled ? "disabled  " : "active    ")
                      << s.member.displayName << "\n";
        return 0;
    }

    SystemClock clock;
    auth::PasswordHasher hasher;
    audit::AuditLog audit(clock);
    const auth::AdminToolContext ctx{*db, clock, hasher, audit};
    const std::string username = requiredOption(*vm, "username");
    if (verb == "add") {
        const std::string role = requiredOption(*vm, "role");
        const std::string display = vm->count("display-name") ? (*vm)["display-name"].as<std::string>() : username;
        std::optional<domain::DoctorProfile> doctor;
        if (role == "doctor") {
            doctor.emplace();
            doctor->tokenPrefix = requiredOption(*vm, "token-prefix");
            if (vm->count("room")) doctor->room = (*vm)["room"].as<std::string>();
        } else if (vm->count("token-prefix") || vm->count("room")) {
            throw UsageError("--token-prefix and --room are for doctors only");
        }
        auth::addStaffByUsername(ctx, username, display, role, newPassword(*vm, username), doctor);
        std::cout << "added " << role << " '" << username << "'\n";
    } else if (verb == "unlock") {
        const bool wasLocked = auth::unlockByUsername(ctx, username);
        std::cout << (wasLocked ? "'" + username + "' unlocked: they can sign in now\n"
                                : "'" + username + "' was not locked out\n");
    } else if (verb == "passwd") {
        auth::setPasswordByUsername(ctx, username, newPassword(*vm, username));
        std::cout << "password of '" << username << "' changed; their sessions have ended\n";
    } else {
        auth::setDisabledByUsername(ctx, username, verb == "disable");
        std::cout << "'" << username << "' " << verb << "d\n";
    }
    return 0;
}

}  // namespace hub::cli
