#include "hub/sync/sync_run.h"

#include "hub/core/log.h"
#include "hub/service/clinic_today.h"
#include "hub/store/deletion_ledger.h"
#include "hub/store/snapshot.h"
#include "hub/sync/cloud_copy.h"
#include "hub/sync/file_bundle.h"
#include "hub/sync/layout.h"
#include "hub/sync/ledger_object.h"
#include "hub/sync/pruning.h"
#include "hub/sync/sync_error.h"
#include "hub/sync/sync_state.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

namespace hub::sync {
namespace {

namespace fs = std::filesystem;

void checkCancelled(const RunContext& c) {
    if (c.cancel && c.cancel->load()) throw SyncError(SyncProblem::Cancelled, "the sync was cancelled");
}

std::string boxIdOf(const fs::path& database) {
    auto c = store::openDatabaseFile(database, false);
    return service::requireClinic(*c).boxId;
}

// Uploads payload as a data object of plan sequence `seq`, unless a run cut off
// earlier already did (present lists what the store holds of this sequence).
ObjectRef uploadPart(const RunContext& c, ObjectKind kind, std::uint64_t seq, std::string_view payload,
                     const std::map<std::string, std::uint64_t>& present) {
    checkCancelled(c);
    const std::string name = layout::dataName(seq, c.key.contentName(payload));
    const std::string sealed = sealObject(c.key, kind, name, seq, payload);
    // Sent by a run that was cut off: kept when it has the size this content
    // seals to (a store that is not all-or-nothing may hold a cut-off object).
    if (const auto it = present.find(name); it != present.end() && it->second == sealed.size())
        return {name, seq, it->second};
    c.store.put(name, sealed);
    return {name, seq, sealed.size()};
}

std::vector<ObjectRef> uploadParts(const RunContext& c, ObjectKind kind, std::uint64_t seq, std::string_view data,
                                   const std::map<std::string, std::uint64_t>& present) {
    std::vector<ObjectRef> parts;
    for (std::size_t at = 0; at < data.size() || (at == 0 && parts.empty()); at += kPartBytes)
        parts.push_back(uploadPart(c, kind, seq, data.substr(at, std::min(kPartBytes, data.size() - at)), present));
    return parts;
}

std::vector<ObjectRef> uploadDatabaseFile(const RunContext& c, std::uint64_t seq, const fs::path& file,
                                          const std::map<std::string, std::uint64_t>& present) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error(ErrorCode::Unavailable, "cannot read " + file.string());
    std::vector<ObjectRef> parts;
    std::string buffer(kPartBytes, '\0');
    while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0)
        parts.push_back(uploadPart(c, ObjectKind::SnapshotPart, seq,
                                   std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())), present));
    return parts;
}

// An object that rarely changes (files, ledger): the previous one is named
// again while its content is the same.
ObjectRef uploadUnlessUnchanged(const RunContext& c, ObjectKind kind, std::uint64_t seq, const std::string& payload,
                                const ObjectRef& previous, std::string previousContent,
                                const std::map<std::string, std::uint64_t>& present, std::string& contentOut) {
    contentOut = c.key.contentName(payload);
    if (!previous.name.empty() && previousContent == contentOut) return previous;
    return uploadPart(c, kind, seq, payload, present);
}

// The run's restore point is in the store: make it this box's new base.
void commitLocally(const SyncPaths& paths, SyncState& state, const RestorePoint& point) {
    state.lastSequence = point.sequence;
    state.chain = point.chain;
    state.baseSchema = point.schemaVersion;
    state.files = point.files;
    state.ledger = point.ledger;
    saveState(paths, state);
    if (fs::exists(planSnapshot(paths))) fs::rename(planSnapshot(paths), paths.base());
    clearPlan(paths);
}

RunPlan makePlan(const RunContext& c, const SyncState& state) {
    const SyncPaths& paths = c.paths;
    std::uint64_t seq = state.lastSequence;
    for (const auto s : listRestorePoints(c.store)) seq = std::max(seq, s);
    fs::create_directories(paths.work());
    const fs::path copying = paths.work() / "snapshot.db.copying";
    store::copyDatabase(paths.database(), copying);
    fs::rename(copying, planSnapshot(paths));
    auto snapshot = store::openDatabaseFile(planSnapshot(paths), false);
    const int schema = store::snapshotFacts(*snapshot).schemaVersion;
    RunPlan plan{seq + 1, true, c.clock.now()};
    const bool fullDue = !state.chain.empty() &&
                         plan.createdAt - state.chain.front().createdAt >= std::chrono::hours(24) * c.settings.fullEveryDays;
    plan.full = state.chain.empty() || !fs::exists(paths.base()) || schema != state.baseSchema || fullDue;
    savePlan(paths, plan);
    return plan;
}

}  // namespace

RunReport runSync(const RunContext& c) {
    const auto started = std::chrono::steady_clock::now();
    const std::uint64_t bytesBefore = c.store.bytesUploaded(), objectsBefore = c.store.objectsUploaded();
    const SyncPaths& paths = c.paths;

    auto loaded = loadState(paths);
    SyncState state;
    if (loaded) state = *loaded;
    if (!loaded || state.targetId != targetIdentity(c.settings.target)) {
        // A new bucket or prefix: a new history there, starting with a full
        // copy. The generation is saved before it is claimed in the store, so
        // a run cut off right after finds it again.
        state = freshState(c.settings.target, c.random);
        fs::remove(paths.base());
        clearPlan(paths);
        saveState(paths, state);
    }
    const std::string boxId = boxIdOf(paths.database());
    if (claimCloudCopy(c.store, c.key, c.wrappedKey, state, boxId, c.clock.now())) saveState(paths, state);

    auto plan = loadPlan(paths);
    if (plan && (plan->sequence <= state.lastSequence || !fs::exists(planSnapshot(paths)))) {
        clearPlan(paths);
        plan.reset();
    }
    if (!plan) plan = makePlan(c, state);
    checkCancelled(c);

    RunReport report;
    report.sequence = plan->sequence;
    report.full = plan->full;
    const auto points = listRestorePoints(c.store);
    if (std::find(points.begin(), points.end(), plan->sequence) != points.end()) {
        // Cut off after the manifest went up: the restore point is committed.
        commitLocally(paths, state, fetchRestorePoint(c.store, c.key, plan->sequence));
    } else {
        std::map<std::string, std::uint64_t> present;
        for (const auto& o : c.store.list(layout::dataPrefix + layout::sequenceText(plan->sequence) + "/"))
            present.emplace(o.name, o.size);

        auto snapshot = store::openDatabaseFile(planSnapshot(paths), false);
        const store::SnapshotFacts facts = store::snapshotFacts(*snapshot);
        ChainLink link;
        link.sequence = plan->sequence;
        link.createdAt = plan->createdAt;
        if (plan->full) {
            link.kind = ChainLink::Kind::Full;
            link.plainBytes = fs::file_size(planSnapshot(paths));
            link.parts = uploadDatabaseFile(c, plan->sequence, planSnapshot(paths), present);
        } else {
            link.kind = ChainLink::Kind::Changes;
            const std::string changes = store::diffSnapshots(planSnapshot(paths), paths.base());
            link.plainBytes = changes.size();
            link.parts = uploadParts(c, ObjectKind::ChangesetPart, plan->sequence, changes, present);
        }
        report.plainBytes = link.plainBytes;

        RestorePoint point;
        point.sequence = plan->sequence;
        point.generation = state.generation;
        point.createdAt = plan->createdAt;
        point.boxId = boxId;
        point.hubVersion = CLINIC_HUB_VERSION;
        point.schemaVersion = facts.schemaVersion;
        if (!plan->full) point.chain = state.chain;
        point.chain.push_back(std::move(link));
        point.sequences = facts.sequences;
        point.files = uploadUnlessUnchanged(c, ObjectKind::Files, plan->sequence, bundleFiles(paths.dataDir), state.files,
                                            state.filesContent, present, state.filesContent);
        point.ledger = uploadUnlessUnchanged(c, ObjectKind::Ledger, plan->sequence,
                                             encodeLedger(store::DeletionLedgerRepository(*snapshot).list()),
                                             state.ledger, state.ledgerContent, present, state.ledgerContent);
        point.anchor.headId = facts.auditHeadId;
        point.anchor.headHash = facts.auditHeadHash;
        point.anchor.signature =
            c.signAnchor(anchorMessage(point.generation, point.sequence, facts.auditHeadId, facts.auditHeadHash));
        snapshot.reset();
        checkCancelled(c);
        putSealed(c.store, c.key, ObjectKind::Manifest, layout::pointName(point.sequence), point.sequence,
                  encodeRestorePoint(point));
        commitLocally(paths, state, point);
    }

    try {
        const PruneResult pruned = prune(c.store, c.key, c.settings.retention, state.lastSequence);
        report.objectsPruned = pruned.objectsRemoved + pruned.pointsRemoved;
    } catch (const std::exception& e) {
        // The restore point is committed; what pruning left is removed next time.
        report.warning = std::string("pruning old restore points failed: ") + e.what();
        log::warning("sync", report.warning);
    }
    report.bytesUploaded = c.store.bytesUploaded() - bytesBefore;
    report.objectsUploaded = c.store.objectsUploaded() - objectsBefore;
    report.finishedAt = c.clock.now();
    report.duration =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    return report;
}

}  // namespace hub::sync
