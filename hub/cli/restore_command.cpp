#include "hub/cli/command.h"
#include "hub/cli/commands.h"
#include "hub/cli/daemon_probe.h"
#include "hub/cli/password_input.h"
#include "hub/cli/sync_options.h"
#include "hub/sync/restorer.h"

#include <iostream>
#include <unistd.h>

namespace hub::cli {

namespace po = boost::program_options;

namespace {

// "[##########----------]  12/40 objects  123.4/456.7 MB", redrawn in place.
void drawProgress(const sync::RestoreProgress& p) {
    constexpr int width = 30;
    const double done = p.bytesTotal ? static_cast<double>(p.bytesDone) / static_cast<double>(p.bytesTotal) : 1.0;
    const int filled = static_cast<int>(done * width);
    std::cerr << "\r[" << std::string(static_cast<std::size_t>(filled), '#')
              << std::string(static_cast<std::size_t>(width - filled), '-') << "] " << p.objectsDone << "/"
              << p.objectsTotal << " objects  " << p.bytesDone / 1000000 << "/" << p.bytesTotal / 1000000 << " MB"
              << std::flush;
    if (p.objectsDone == p.objectsTotal) std::cerr << "\n";
}

}  // namespace

int restoreCommand(const Args& args) {
    Command cmd{"restore",
                "Restore the clinic onto this box from its encrypted cloud copy (the newest restore point, or "
                "--restore-point). Refuses a data directory that holds a clinic unless --force.",
                po::options_description("Restore"), true};
    addTargetOptions(cmd.options);
    cmd.options.add_options()
        ("passphrase-file", po::value<std::string>(), "file whose first line is the recovery passphrase ('-' for standard input)")
        ("restore-point", po::value<unsigned long long>(), "the restore point to restore (default: the newest)")
        ("force", po::bool_switch(), "replace the clinic already in the data directory (its files are renamed, not deleted)");
    const auto vm = parseCommand(cmd, args);
    if (!vm) return 0;
    sync::RestoreRequest request;
    request.dataDir = dataDirectory(*vm);
    request.settings.target = targetFrom(*vm);
    request.passphrase = readPasswordFile(requiredOption(*vm, "passphrase-file"), "passphrase-file");
    if (vm->count("restore-point")) {
        if ((*vm)["restore-point"].as<unsigned long long>() == 0) throw UsageError("--restore-point: restore points are numbered from 1");
        request.restorePoint = (*vm)["restore-point"].as<unsigned long long>();
    }
    request.force = (*vm)["force"].as<bool>();
    if (isatty(STDERR_FILENO)) request.progress = drawProgress;

    std::filesystem::create_directories(request.dataDir);
    becomeOwnerOf(request.dataDir);
    // Before anything is downloaded, and held until the restore is done.
    const auto daemonLockedOut = lockOutDaemon(request.dataDir, "restore");
    SystemClock clock;
    SystemRandom random;
    sync::S3Client store(request.settings.target, clock);
    const auto report = namingOptions([&] { return sync::restoreClinic(store, request, clock, random); });

    std::cout << "Restored restore point " << report.sequence << " (made " << formatRfc3339(report.pointCreatedAt)
              << ") into " << request.dataDir.string() << ": " << report.bytesDownloaded << " bytes downloaded and verified in "
              << report.duration.count() << " ms; " << report.ledgerEntries << " recorded erasures applied again.\n";
    if (!report.replacedSuffix.empty())
        std::cout << "The clinic that was here is kept beside it, its files renamed with '" << report.replacedSuffix << "'.\n";
    std::cout << (report.tookOver ? "This box now owns the cloud copy: the old box's next sync will stop with a message.\n"
                                  : "warning: " + report.warning + "\n")
              << "Start the hub now (systemctl start clinic-hubd); staff devices keep trusting it, the root "
                 "certificate is the clinic's own.\n";
    return 0;
}

}  // namespace hub::cli
