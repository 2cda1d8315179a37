#include "hub/cli/command.h"
#include "hub/cli/commands.h"
#include "hub/cli/password_input.h"
#include "hub/cli/sync_options.h"
#include "hub/jobs/job_run.h"
#include "hub/qr/qr_code.h"
#include "hub/store/clinic_repository.h"
#include "hub/sync/cloud_copy.h"
#include "hub/sync/cloud_verify.h"
#include "hub/sync/key_wrap.h"
#include "hub/sync/layout.h"
#include "hub/sync/sync_error.h"
#include "hub/sync/sync_job.h"
#include "hub/sync/sync_service.h"
#include "hub/sync/sync_state.h"
#include "hub/tls/tls_client_context.h"
#include "hub/tls/x509_certificate.h"

#include <Poco/JSON/Object.h>

#include <iostream>

namespace hub::cli {

namespace po = boost::program_options;

namespace {

std::string when(const std::optional<TimePoint>& t) { return t ? formatRfc3339(*t) : "never"; }

void showPassphrase(const std::string& passphrase) {
    std::cout << "\nRECOVERY PASSPHRASE (shown only this once):\n\n    " << passphrase << "\n\n"
              << qr::QrCode::encode(passphrase).terminalText()
              << "\nWrite it down on paper (or photograph the code) and keep it away from the box. Without it\n"
                 "nobody, not even the cloud provider or Clinic Hub's makers, can restore the clinic's records.\n\n";
}

int syncInit(const Args& args) {
    Command cmd{"sync init",
                "Set up the encrypted nightly sync to an S3-compatible store. Without --passphrase-file a recovery "
                "passphrase is generated and shown once.",
                po::options_description("Sync init"), true};
    addTargetOptions(cmd.options);
    cmd.options.add_options()("passphrase-file", po::value<std::string>(),
                              "file whose first line is the recovery passphrase (for scripted installs)");
    const auto vm = parseCommand(cmd, args);
    if (!vm) return 0;
    const std::filesystem::path dataDir = dataDirectory(*vm);
    // The secret and passphrase files first: they may be readable by root only,
    // and opening the database switches to the data directory's owner.
    sync::SyncSettings settings;
    settings.target = targetFrom(*vm);
    if (!settings.target.caFile.empty())
        namingOptions([&] {
            try {
                (void)tls::TlsClientContext::fromFile(settings.target.caFile);
            } catch (const Poco::Exception& e) {
                throw invalidInput("ca_file", "cannot use it: " + e.displayText());
            }
        });
    const bool generated = !vm->count("passphrase-file");
    const std::string passphrase = generated ? sync::generatePassphrase()
                                             : readPasswordFile((*vm)["passphrase-file"].as<std::string>(), "passphrase-file");
    namingOptions([&] { sync::checkPassphrase(passphrase, "passphrase_file"); });
    const std::string boxId = openDatabase(dataDir)->read([](store::Connection& c) {
        const auto clinic = store::ClinicRepository(c).get();
        return clinic ? clinic->boxId : std::string();
    });

    const sync::SyncPaths paths{dataDir};
    // Set up before: keep the clinic's data key (restore points made with it stay readable).
    const bool haveKey = std::filesystem::exists(paths.dataKey());
    const sync::DataKey key = haveKey ? sync::loadLocalKeys(paths).key : sync::DataKey::generate();
    const std::string wrapped = sync::wrapDataKey(key, passphrase);

    SystemClock clock;
    SystemRandom random;
    sync::S3Client store(settings.target, clock);
    if (const auto cloudKey = sync::fetchWrappedKey(store); cloudKey && sync::wrappedKeyId(*cloudKey) != key.id())
        throw sync::SyncError(sync::SyncProblem::Conflict,
                              "this bucket and prefix already hold another clinic's cloud copy: choose another --prefix, "
                              "or restore from it with 'clinic-hub restore'");
    auto state = sync::loadState(paths);
    if (!state || state->targetId != sync::targetIdentity(settings.target)) state = sync::freshState(settings.target, random);
    if (const auto owner = sync::fetchGeneration(store, key); owner && owner->generation != state->generation)
        throw sync::SyncError(sync::SyncProblem::TakenOver,
                              "this cloud copy belongs to another box now (a restore took it over); choose another "
                              "--prefix to sync this box there");
    store.put(sync::layout::keyObject, wrapped);
    sync::putGeneration(store, key, {state->generation, boxId, clock.now(), 0});

    sync::saveSettings(paths, settings);
    sync::saveLocalKeys(paths, key, wrapped);
    sync::saveState(paths, *state);
    sync::SyncStatus status = sync::loadStatus(paths);
    if (toUnixSeconds(status.configuredAt) == 0) status.configuredAt = clock.now();
    sync::saveStatus(paths, status);

    std::cout << "Cloud sync set up: " << settings.target.endpoint << ", bucket " << settings.target.bucket
              << (settings.target.prefix.empty() ? "" : ", prefix " + settings.target.prefix) << ".\n"
              << "Nightly window " << sync::windowText(settings.window)
              << " (clinic time); run 'clinic-hub sync now' for the first restore point.\n";
    if (generated) showPassphrase(passphrase);
    return 0;
}

sync::SyncService serviceFor(const std::filesystem::path& dataDir, const Clock& clock, Random& random) {
    return sync::SyncService(dataDir, clock, random, [dataDir] { return clinicTimezone(dataDir); });
}

int syncNow(const Args& args) {
    Command cmd{"sync now", "Make a restore point now; exits 0 once it is committed in the cloud copy.",
                po::options_description("Sync now"), true};
    const auto vm = parseCommand(cmd, args);
    if (!vm) return 0;
    const auto dataDir = dataDirectory(*vm);
    const auto db = openDatabase(dataDir);
    SystemClock clock;
    SystemRandom random;
    // The daemon's "sync" job, run here: under its lock (a nightly run in the
    // daemon and this one never overlap) and recorded where listJobs and
    // `clinic-hub status` show it.
    auto service = serviceFor(dataDir, clock, random);
    std::optional<sync::RunReport> ran;
    const jobs::CancelToken notCancelled;
    jobs::runRecorded(jobs::JobEnvironment{*db, clock, dataDir}, sync::syncJob(service, &ran), notCancelled);
    const sync::RunReport& report = *ran;
    std::cout << "restore point " << report.sequence << " committed: " << (report.full ? "full copy" : "changes") << ", "
              << report.bytesUploaded << " bytes uploaded in " << report.objectsUploaded << " objects, "
              << report.duration.count() << " ms" << (report.objectsPruned ? ", " + std::to_string(report.objectsPruned) + " old objects pruned" : "")
              << "\n";
    if (!report.warning.empty()) std::cout << "warning: " << report.warning << "\n";
    return 0;
}

int syncStatus(const Args& args) {
    Command cmd{"sync status", "Show the sync's target, last success and last error.", po::options_description("Sync status"), true};
    cmd.options.add_options()("json", po::bool_switch(), "print JSON for scripts");
    const auto vm = parseCommand(cmd, args);
    if (!vm) return 0;
    const auto dataDir = dataDirectory(*vm);
    openDatabase(dataDir);
    SystemClock clock;
    SystemRandom random;
    const auto service = serviceFor(dataDir, clock, random);
    const auto v = service.status();
    const auto& s = v.status;
    if ((*vm)["json"].as<bool>()) {
        Poco::JSON::Object o;
        o.set("configured", v.configured);
        o.set("running", v.running);
        if (s.lastSuccess) {
            o.set("last_success_at", formatRfc3339(s.lastSuccess->finishedAt));
            o.set("last_restore_point", s.lastSuccess->sequence);
            o.set("last_bytes_uploaded", s.lastSuccess->bytesUploaded);
            o.set("last_objects_uploaded", s.lastSuccess->objectsUploaded);
            o.set("last_duration_ms", static_cast<long long>(s.lastSuccess->duration.count()));
        }
        if (!s.lastError.empty()) o.set("last_error", s.lastError);
        if (v.nextRun) o.set("next_run_at", formatRfc3339(*v.nextRun));
        o.set("missed_nights", v.missedNights);
        o.set("overdue", v.overdue);
        o.stringify(std::cout);
        std::cout << "\n";
        return 0;
    }
    if (!v.configured) {
        std::cout << "cloud sync: not set up (clinic-hub sync init)\n";
        return 0;
    }
    const auto settings = service.settings();
    std::cout << "target:        " << settings.target.endpoint << " bucket " << settings.target.bucket
              << (settings.target.prefix.empty() ? "" : " prefix " + settings.target.prefix) << "\n"
              << "window:        " << sync::windowText(settings.window) << " (clinic time)\n"
              << "running now:   " << (v.running ? "yes" : "no") << "\n"
              << "last success:  " << (s.lastSuccess ? formatRfc3339(s.lastSuccess->finishedAt) : "never") << "\n";
    if (s.lastSuccess)
        std::cout << "  restore point " << s.lastSuccess->sequence << ", " << s.lastSuccess->bytesUploaded << " bytes, "
                  << s.lastSuccess->objectsUploaded << " objects, " << s.lastSuccess->duration.count() << " ms\n";
    std::cout << "last error:    " << (s.lastError.empty() ? "none" : s.lastError + " (" + when(s.lastFailureAt) + ")")
              << "\n"
              << "next run:      " << when(v.nextRun) << "\n"
              << "missed nights: " << v.missedNights << (v.overdue ? " (OVERDUE)" : "") << "\n";
    return 0;
}

int syncVerify(const Args& args) {
    Command cmd{"sync verify",
                "Download and authenticate every object of every restore point; exits 1 naming each missing or damaged one.",
                po::options_description("Sync verify"), true};
    const auto vm = parseCommand(cmd, args);
    if (!vm) return 0;
    const auto dataDir = dataDirectory(*vm);
    openDatabase(dataDir);
    SystemClock clock;
    SystemRandom random;
    const sync::SyncPaths paths{dataDir};
    const auto settings = serviceFor(dataDir, clock, random).settings();
    const auto keys = sync::loadLocalKeys(paths);
    sync::S3Client store(settings.target, clock);
    const auto report =
        sync::verifyCloudCopy(store, keys.key, tls::readTextFile(paths.tlsDir() / "ca.crt"));
    for (const auto& problem : report.problems) std::cout << "PROBLEM: " << problem << "\n";
    std::cout << report.points.size() << " restore points, " << report.objectsChecked << " objects ("
              << report.bytesChecked << " bytes) authenticated: " << (report.ok() ? "cloud copy intact" : "cloud copy DAMAGED")
              << "\n";
    return report.ok() ? 0 : 1;
}

int syncPassphrase(const Args& args) {
    Command cmd{"sync passphrase", "Wrap the clinic's data key under a new recovery passphrase; uploads no data.",
                po::options_description("Sync passphrase"), true};
    cmd.options.add_options()("new-passphrase-file", po::value<std::string>(),
                              "file whose first line is the new recovery passphrase ('-' for standard input)");
    const auto vm = parseCommand(cmd, args);
    if (!vm) return 0;
    const auto dataDir = dataDirectory(*vm);
    const std::string passphrase = readPasswordFile(requiredOption(*vm, "new-passphrase-file"), "new-passphrase-file");
    namingOptions([&] { sync::checkPassphrase(passphrase, "new_passphrase_file"); });
    openDatabase(dataDir);  // after reading the file: this switches to the data directory's owner
    SystemClock clock;
    SystemRandom random;
    const sync::SyncPaths paths{dataDir};
    const auto settings = serviceFor(dataDir, clock, random).settings();
    const auto keys = sync::loadLocalKeys(paths);
    sync::S3Client store(settings.target, clock);
    if (const auto cloudKey = sync::fetchWrappedKey(store); cloudKey && sync::wrappedKeyId(*cloudKey) != keys.key.id())
        throw sync::SyncError(sync::SyncProblem::Conflict, "the bucket holds another clinic's key; nothing changed");
    const std::string wrapped = sync::wrapDataKey(keys.key, passphrase);
    store.put(sync::layout::keyObject, wrapped);
    sync::saveLocalKeys(paths, keys.key, wrapped);
    std::cout << "The recovery passphrase is changed: the old one no longer unlocks the cloud copy.\n";
    return 0;
}

}  // namespace

int syncCommand(const std::string& verb, const Args& args) {
    if (verb == "init") return syncInit(args);
    if (verb == "now") return syncNow(args);
    if (verb == "status") return syncStatus(args);
    if (verb == "verify") return syncVerify(args);
    if (verb == "passphrase") return syncPassphrase(args);
    throw UsageError("clinic-hub sync: unknown action '" + verb + "' (init, now, status, verify, passphrase)");
}

}  // namespace hub::cli
