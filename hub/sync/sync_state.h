#pragma once
// What the hub remembers between runs (<data>/sync/state.json), and the plan of
// a run in progress (<data>/sync/work/plan.json). Both are written atomically;
// a run that was cut off (network, power, SIGKILL) finds its plan and snapshot
// again and carries on where it stopped.
#include "hub/core/random.h"
#include "hub/sync/restore_point.h"
#include "hub/sync/sync_settings.h"

#include <optional>
#include <string>

namespace hub::sync {

struct SyncState {
    std::string targetId;      // endpoint|bucket|prefix the state belongs to
    std::string generation;    // this box's generation on that target
    std::string takeOverFrom;  // after a restore: the generation to replace at the next run
    std::uint64_t lastSequence = 0;  // the newest committed restore point on the target
    std::vector<ChainLink> chain;    // the chain base.db is the end of; empty = next run is full
    int baseSchema = 0;
    ObjectRef files;   // the newest files and ledger objects: reused while unchanged
    std::string filesContent;
    ObjectRef ledger;
    std::string ledgerContent;
};

std::string targetIdentity(const S3Target& target);

// A fresh state for target: a new generation, no restore point yet. The
// generation id is drawn from random, the source the daemon (or the CLI)
// injects, so a test can fix it; it names a history, it keeps nothing secret.
SyncState freshState(const S3Target& target, Random& random);
std::optional<SyncState> loadState(const SyncPaths& paths);
void saveState(const SyncPaths& paths, const SyncState& state);

// A run in progress: the sequence it writes, whether it is a full copy, and
// when its snapshot was taken. Its snapshot is work/snapshot.db.
struct RunPlan {
    std::uint64_t sequence = 0;
    bool full = true;
    TimePoint createdAt{};
};
std::optional<RunPlan> loadPlan(const SyncPaths& paths);
void savePlan(const SyncPaths& paths, const RunPlan& plan);
inline std::filesystem::path planSnapshot(const SyncPaths& paths) { return paths.work() / "snapshot.db"; }
void clearPlan(const SyncPaths& paths);

}  // namespace hub::sync
