#pragma once
// Retention: which restore points to keep, and removing what no kept point
// needs (docs/sync-format.md, "Retention"). Runs at the end of a sync run,
// under the same lock, so it never races a run that is still writing.
#include "hub/sync/object_store.h"
#include "hub/sync/sealed_object.h"
#include "hub/sync/sync_settings.h"

#include <cstdint>
#include <set>
#include <utility>
#include <vector>

namespace hub::sync {

struct PointAge {
    std::uint64_t sequence = 0;
    TimePoint createdAt{};
};

// The sequences to keep: the newest point always, and the newest point of
// each of the last retention.daily days, .weekly weeks (Monday to Sunday) and
// .monthly months that have points (UTC calendar).
std::set<std::uint64_t> selectKept(std::vector<PointAge> points, const Retention& retention);

struct PruneResult {
    std::uint64_t pointsRemoved = 0;
    std::uint64_t objectsRemoved = 0;
};

// Removes the manifests of points not kept first (so no manifest ever names a
// missing object), then every data object no kept point names, up to
// lastSequence (never an object of a run newer than the last committed one).
PruneResult prune(ObjectStore& store, const DataKey& key, const Retention& retention, std::uint64_t lastSequence);

}  // namespace hub::sync
