// `clinic-hub snapshot` (run by the package before an upgrade) and
// `clinic-hub restore-snapshot` (the technician's way back).
#include "hub/cli/command.h"
#include "hub/cli/commands.h"
#include "hub/cli/daemon_probe.h"
#include "hub/cli/snapshots.h"
#include "hub/core/clock.h"
#include "hub/core/error.h"
#include "hub/store/database.h"

#include <iostream>

namespace hub::cli {

namespace po = boost::program_options;

namespace {

std::string describe(const SnapshotFile& s) {
    return s.name + "  (schema " + (s.schemaVersion < 0 ? std::string("unreadable") : std::to_string(s.schemaVersion)) +
           ")";
}

}  // namespace

int snapshotCommand(const Args& args) {
    Command cmd{"snapshot",
                "Copy the clinic's database to <data-dir>/snapshots, checked, while the service runs (the package "
                "does this before every upgrade; the newest 3 are kept).",
                po::options_description("Snapshot"), true};
    cmd.options.add_options()("label", po::value<std::string>()->default_value("manual"),
                              "ends the snapshot's name (a-z, 0-9, '.', '+', '~', '-'), e.g. before-0.1.0+deb12");
    const auto vm = parseCommand(cmd, args);
    if (!vm) return 0;
    const auto dataDir = dataDirectory(*vm);
    becomeOwnerOf(dataDir);
    SystemClock clock;
    try {
        const auto s = takeSnapshot(dataDir, (*vm)["label"].as<std::string>(), clock);
        std::cout << "snapshot " << s.file.string() << " (schema " << s.schemaVersion << ", integrity ok)\n";
    } catch (const Error& e) {
        if (e.field() == "label") throw UsageError("clinic-hub snapshot: --label: " + std::string(e.what()));
        throw;
    }
    return 0;
}

int restoreSnapshotCommand(const Args& args) {
    Command cmd{"restore-snapshot",
                "Put the clinic's database back as it was in a local snapshot (default: the newest). Stop the "
                "service first; the database replaced is kept in <data-dir>/replaced/.",
                po::options_description("Restore a snapshot"), true};
    cmd.options.add_options()("snapshot", po::value<std::string>(), "the snapshot's name, as --list shows it")(
        "list", po::bool_switch(), "list the snapshots, newest first, and change nothing");
    const auto vm = parseCommand(cmd, args);
    if (!vm) return 0;
    const HubConfig config = hubConfig(*vm);
    const std::filesystem::path dataDir = config.dataDir;
    becomeOwnerOf(dataDir);
    const auto snapshots = listSnapshots(dataDir);
    if ((*vm)["list"].as<bool>()) {
        if (snapshots.empty()) std::cout << "no snapshots in " << snapshotDirectory(dataDir).string() << "\n";
        for (const auto& s : snapshots) std::cout << describe(s) << "\n";
        return 0;
    }
    if (snapshots.empty())
        throw Error(ErrorCode::NotFound, "no snapshots in " + snapshotDirectory(dataDir).string() +
                                             " (the package takes one before each upgrade)");
    const SnapshotFile* chosen = &snapshots.front();
    if (vm->count("snapshot")) {
        const std::string wanted = (*vm)["snapshot"].as<std::string>();
        chosen = nullptr;
        for (const auto& s : snapshots)
            if (s.name == wanted || s.file.filename() == wanted) chosen = &s;
        if (!chosen)
            throw UsageError("clinic-hub restore-snapshot: --snapshot: no snapshot '" + wanted +
                             "' (see clinic-hub restore-snapshot --list)");
    }
    // The running service holds the database open: replacing the file under it
    // would lose what it writes next, or worse. The lock names a clinic-hubd on
    // this data directory whatever its ports; the port catches one older than
    // the lock (0.1.0's, still running during an upgrade).
    const auto daemonLockedOut = lockOutDaemon(dataDir, "restore-snapshot");
    if (portAnswers(config, config.httpsPort))
        throw Error(ErrorCode::Conflict, "clinic-hubd is running (port " + std::to_string(config.httpsPort) +
                                             " answers): stop it first with 'sudo systemctl stop clinic-hubd'");
    SystemClock clock;
    const auto replaced = restoreSnapshot(dataDir, *chosen, clock);
    const int latest = store::Database::latestSchemaVersion();
    std::cout << "restored " << describe(*chosen) << "\n"
              << "the database it replaced is in " << replaced.string() << "\n";
    if (chosen->schemaVersion < latest)
        std::cout << "This version of clinic-hubd would migrate it again (schema " << chosen->schemaVersion << " -> "
                  << latest << ") on start. To serve it as it is, install the version it came from, e.g.\n"
                  << "  sudo apt install --allow-downgrades ./clinic-hub_<previous version>_<arch>.deb\n"
                  << "then: sudo systemctl start clinic-hubd\n";
    else
        std::cout << "start the service: sudo systemctl start clinic-hubd\n";
    return 0;
}

}  // namespace hub::cli
