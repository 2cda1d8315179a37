#include "hub/cli/cli.h"

#include "hub/cli/command.h"
#include "hub/cli/commands.h"
#include "hub/core/error.h"

#include <SQLiteCpp/Exception.h>

#include <iostream>

namespace hub::cli {

namespace {

constexpr const char* overview = R"(Usage: clinic-hub <command> [options]   (every command takes --help)

  init            create the clinic's database, first admin and root certificate
  user add        add a staff account
  user passwd     set a staff member's password
  user disable    disable a staff account (its sessions end)
  user enable     enable it again
  user unlock     lift an account's sign-in lock-out (the running service sees it)
  user list       list staff accounts
  audit verify    check the audit trail's hash chain
  audit search-hash  the hash a patient search for a given query left in the audit trail
  status          show the clinic, database, certificates and the running service
  demo-data       create a demo clinic with sample staff (never on a real install)
  sync init       set up the encrypted nightly sync to an S3-compatible store
  sync now        make a restore point now
  sync status     show the sync's last success, last error and next run
  sync verify     check every object of the cloud copy
  sync passphrase change the recovery passphrase (uploads no data)
  restore         restore the clinic onto this box from its cloud copy
  doctor          check the service, ports, certificate, Avahi, disk, database, clock, sync and jobs
  snapshot        copy the database to <data-dir>/snapshots, checked (done before every upgrade)
  restore-snapshot  put the database back as it was in a snapshot (service stopped)

Common options: --config FILE (default /etc/clinic-hub/clinic-hub.conf), --data-dir DIR
)";

int dispatch(const Args& words) {
    if (words.empty() || words[0] == "--help" || words[0] == "-h" || words[0] == "help") {
        std::cout << overview;
        return words.empty() ? 2 : 0;
    }
    if (words[0] == "--version") {
        std::cout << "clinic-hub " << CLINIC_HUB_VERSION << "\n";
        return 0;
    }
    const std::string& command = words[0];
    const Args rest(words.begin() + 1, words.end());
    if (command == "init") return initCommand(rest);
    if (command == "status") return statusCommand(rest);
    if (command == "demo-data") return demoDataCommand(rest);
    if (command == "restore") return restoreCommand(rest);
    if (command == "doctor") return doctorCommand(rest);
    if (command == "snapshot") return snapshotCommand(rest);
    if (command == "restore-snapshot") return restoreSnapshotCommand(rest);
    if (command == "user" || command == "audit" || command == "sync") {
        if (rest.empty() || rest[0].rfind("-", 0) == 0) {
            if (!rest.empty() && (rest[0] == "--help" || rest[0] == "-h")) {
                std::cout << overview;
                return 0;
            }
            throw UsageError("clinic-hub " + command + ": say what to do (see clinic-hub --help)");
        }
        const Args tail(rest.begin() + 1, rest.end());
        if (command == "user") return userCommand(rest[0], tail);
        if (command == "sync") return syncCommand(rest[0], tail);
        if (rest[0] == "verify") return auditVerifyCommand(tail);
        if (rest[0] == "search-hash") return auditSearchHashCommand(tail);
        throw UsageError("clinic-hub audit: unknown action '" + rest[0] + "' (verify, search-hash)");
    }
    throw UsageError("clinic-hub: unknown command '" + command + "' (see clinic-hub --help)");
}

}  // namespace

int runCli(int argc, const char* const argv[]) {
    try {
        return dispatch(Args(argv + 1, argv + argc));
    } catch (const UsageError& e) {
        std::cerr << e.what() << "\n";
        return 2;
    } catch (const Error& e) {
        std::cerr << "clinic-hub: " << (e.field().empty() ? "" : e.field() + ": ") << e.what() << "\n";
        return 1;
    } catch (const SQLite::Exception& e) {
        std::cerr << "clinic-hub: database error: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "clinic-hub: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace hub::cli
