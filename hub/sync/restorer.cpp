#include "hub/sync/restorer.h"

#include "hub/core/text.h"
#include "hub/store/clinic_repository.h"
#include "hub/store/database.h"
#include "hub/store/deletion_ledger.h"
#include "hub/store/job_repository.h"
#include "hub/store/snapshot.h"
#include "hub/sync/cloud_copy.h"
#include "hub/sync/file_bundle.h"
#include "hub/sync/key_wrap.h"
#include "hub/sync/layout.h"
#include "hub/sync/ledger_object.h"
#include "hub/sync/sync_error.h"
#include "hub/sync/sync_state.h"
#include "hub/sync/sync_status.h"
#include "hub/tls/signature.h"
#include "hub/tls/x509_certificate.h"

#include <algorithm>
#include <fstream>
#include <map>

namespace hub::sync {
namespace {

namespace fs = std::filesystem;

struct Downloader {
    ObjectStore& store;
    const DataKey& key;
    RestoreProgress progress;
    const std::function<void(const RestoreProgress&)>& report;

    std::string fetch(ObjectKind kind, const ObjectRef& ref) {
        std::string payload = getSealed(store, key, kind, ref);
        ++progress.objectsDone;
        progress.bytesDone += ref.size;
        if (report) report(progress);
        return payload;
    }
};

// A database file with a clinic in it. A daemon started by mistake on the new
// box before the restore leaves an empty file behind; that is no clinic.
bool holdsClinic(const fs::path& database) {
    if (!fs::exists(database)) return false;
    try {
        auto c = store::openDatabaseFile(database, false);
        return store::ClinicRepository(*c).get().has_value();
    } catch (const std::exception&) {
        // Unreadable: never overwrite what cannot be looked at, unless it is empty.
        return fs::file_size(database) > 0;
    }
}

// Old files out of the way rather than deleted: the technician decides later.
std::string moveAside(const fs::path& dataDir, TimePoint now) {
    const std::string suffix = ".replaced-" + std::to_string(toUnixSeconds(now));
    bool moved = false;
    const std::string db = store::databaseFile(dataDir).filename().string();
    for (const std::string& name : {db, db + "-wal", db + "-shm", std::string("tls"), std::string("voices"),
                                    std::string("sync")}) {
        if (!fs::exists(dataDir / name)) continue;
        fs::rename(dataDir / name, dataDir / (std::string(name) + suffix));
        moved = true;
    }
    return moved ? suffix : std::string();
}

// The restored database: the full copy, then every changeset in order.
void rebuildDatabase(Downloader& d, const RestorePoint& point, const fs::path& file) {
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        for (const auto& part : point.chain.front().parts) {
            const std::string bytes = d.fetch(ObjectKind::SnapshotPart, part);
            out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        }
        out.flush();
        if (!out) throw Error(ErrorCode::Unavailable, "cannot write " + file.string() + " (is the disk full?)");
    }
    auto db = store::openDatabaseFile(file, true);
    for (std::size_t i = 1; i < point.chain.size(); ++i) {
        std::string changes;
        for (const auto& part : point.chain[i].parts) changes += d.fetch(ObjectKind::ChangesetPart, part);
        try {
            store::applyChangeset(*db, changes);
        } catch (const Error& e) {
            throw SyncError(SyncProblem::DamagedObject,
                            "restore point " + std::to_string(point.chain[i].sequence) + " does not fit the one before: " +
                                e.what(),
                            layout::pointName(point.sequence));
        }
    }
    store::restoreSequences(*db, point.sequences);
}

std::size_t applyLedger(store::Connection& db, const std::vector<store::LedgerEntry>& entries) {
    db.exec("BEGIN IMMEDIATE");
    try {
        store::DeletionLedgerRepository ledger(db);
        for (const auto& e : entries) {
            ledger.merge(e);
            store::applyErasure(db, e);
        }
        db.exec("COMMIT");
    } catch (...) {
        db.db().tryExec("ROLLBACK");
        throw;
    }
    return entries.size();
}

void saveSyncState(const RestoreRequest& r, const DataKey& key, const std::string& wrapped,
                   const GenerationMarker& owner, std::uint64_t newest, TimePoint now, Random& random,
                   SyncState& state) {
    const SyncPaths paths{r.dataDir};
    saveSettings(paths, r.settings);
    writePrivateFile(paths.dataKey(), hexEncode(key.bytes()) + "\n");
    writePrivateFile(paths.wrappedKey(), wrapped);
    state = freshState(r.settings.target, random);
    state.takeOverFrom = owner.generation;
    state.lastSequence = newest;  // the next run writes a full copy after the newest point
    saveState(paths, state);
    SyncStatus status;
    status.configuredAt = now;
    saveStatus(paths, status);
}

}  // namespace

RestoreReport restoreClinic(ObjectStore& store, const RestoreRequest& r, const Clock& clock, Random& random) {
    const auto started = std::chrono::steady_clock::now();
    const auto wrapped = fetchWrappedKey(store);
    if (!wrapped)
        throw SyncError(SyncProblem::MissingObject,
                        "there is no Clinic Hub cloud copy in bucket " + r.settings.target.bucket +
                            (r.settings.target.prefix.empty() ? "" : " under prefix " + r.settings.target.prefix),
                        layout::keyObject);
    const DataKey key = unwrapDataKey(*wrapped, r.passphrase);
    const auto owner = fetchGeneration(store, key);
    if (!owner) throw SyncError(SyncProblem::MissingObject, "the cloud copy's generation marker is missing", layout::generationObject);

    const auto points = listRestorePoints(store);
    if (points.empty()) throw SyncError(SyncProblem::MissingObject, "the cloud copy holds no restore point yet", layout::pointsPrefix);
    const std::uint64_t chosen = r.restorePoint.value_or(points.back());
    if (std::find(points.begin(), points.end(), chosen) == points.end()) {
        std::string available;
        for (const auto p : points) available += (available.empty() ? "" : ", ") + std::to_string(p);
        throw invalidInput("restore-point", "there is no restore point " + std::to_string(chosen) + " (available: " + available + ")");
    }
    const RestorePoint point = fetchRestorePoint(store, key, chosen);
    const RestorePoint newest = chosen == points.back() ? point : fetchRestorePoint(store, key, points.back());
    if (point.schemaVersion > store::Database::latestSchemaVersion())
        throw Error(ErrorCode::Unavailable, "restore point " + std::to_string(chosen) + " was made by a newer clinic-hub (schema " +
                                                std::to_string(point.schemaVersion) + "): install that version first");
    const fs::path database = store::databaseFile(r.dataDir);
    if (holdsClinic(database) && !r.force)
        throw Error(ErrorCode::Conflict, r.dataDir.string() + " already holds a clinic; restoring would replace it. "
                                         "Use a fresh data directory, or --force to replace it (its files are kept aside)");

    fs::create_directories(r.dataDir);
    fs::permissions(r.dataDir, fs::perms::owner_all, fs::perm_options::replace);
    const fs::path staging = r.dataDir / ".restoring";
    fs::remove_all(staging);
    fs::create_directories(staging);
    struct Cleanup {
        fs::path dir;
        ~Cleanup() {
            std::error_code ignored;
            fs::remove_all(dir, ignored);
        }
    } cleanup{staging};

    Downloader d{store, key, {}, r.progress};
    for (const auto& ref : point.objects()) d.progress.bytesTotal += ref.size;
    d.progress.objectsTotal = point.objects().size() + (newest.sequence != point.sequence ? 1 : 0);
    const fs::path rebuilt = store::databaseFile(staging);
    rebuildDatabase(d, point, rebuilt);

    // Files next: the anchor is checked with the root certificate they hold.
    unpackFiles(d.fetch(ObjectKind::Files, point.files), staging, point.files.name);
    auto ledger = decodeLedger(d.fetch(ObjectKind::Ledger, point.ledger), point.ledger.name);
    if (newest.sequence != point.sequence) {
        auto newer = decodeLedger(d.fetch(ObjectKind::Ledger, newest.ledger), newest.ledger.name);
        ledger.insert(ledger.end(), newer.begin(), newer.end());
    }
    std::sort(ledger.begin(), ledger.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    ledger.erase(std::unique(ledger.begin(), ledger.end(), [](const auto& a, const auto& b) { return a.id == b.id; }),
                 ledger.end());

    RestoreReport report;
    {
        auto db = store::openDatabaseFile(rebuilt, true);
        const auto facts = store::snapshotFacts(*db);
        if (facts.auditHeadId != point.anchor.headId || facts.auditHeadHash != point.anchor.headHash)
            throw SyncError(SyncProblem::DamagedObject, "the rebuilt audit trail does not end where restore point " +
                                                            std::to_string(chosen) + " says it did",
                            layout::pointName(chosen));
        const fs::path root = staging / "tls" / "ca.crt";
        if (!fs::exists(root) ||
            !tls::verifySignature(tls::readTextFile(root),
                                  anchorMessage(point.generation, point.sequence, point.anchor.headId, point.anchor.headHash),
                                  point.anchor.signature))
            throw SyncError(SyncProblem::DamagedObject, "restore point " + std::to_string(chosen) +
                                                            "'s audit anchor is not signed by the clinic's root key",
                            layout::pointName(chosen));
        db->exec("PRAGMA secure_delete = ON");
        report.ledgerEntries = applyLedger(*db, ledger);
        store::JobRepository(*db).clear();  // the background jobs' runs were the old box's
        store::rebuildSearchIndexes(*db);
        const std::string check = store::checkDatabaseFile(*db);
        if (check != "ok") throw Error(ErrorCode::Unavailable, "the rebuilt database fails its integrity check: " + check);
    }

    // Everything checked: only now does the data directory change.
    report.replacedSuffix = moveAside(r.dataDir, clock.now());
    for (const auto& dir : bundledDirectories)
        if (fs::exists(staging / dir)) fs::rename(staging / dir, r.dataDir / dir);
    fs::rename(rebuilt, database);

    SyncState state;
    saveSyncState(r, key, *wrapped, *owner, points.back(), clock.now(), random, state);
    try {
        putGeneration(store, key, {state.generation, point.boxId, clock.now(), chosen});
        state.takeOverFrom.clear();
        saveState(SyncPaths{r.dataDir}, state);
        report.tookOver = true;
    } catch (const SyncError& e) {
        report.warning = std::string("the cloud copy could not be taken over yet (") + e.what() +
                         "); the first sync run of this box does it";
    }
    report.sequence = chosen;
    report.pointCreatedAt = point.createdAt;
    report.bytesDownloaded = d.progress.bytesDone;
    report.duration = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    return report;
}

}  // namespace hub::sync
