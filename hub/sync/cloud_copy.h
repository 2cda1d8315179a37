#pragma once
// Reading and writing the clinic's cloud copy object by object: sealed puts
// and gets that name what is missing or damaged, the restore points present,
// and who owns the copy (the wrapped key and the generation marker).
#include "hub/sync/object_store.h"
#include "hub/sync/restore_point.h"
#include "hub/sync/sealed_object.h"
#include "hub/sync/sync_state.h"

#include <cstdint>
#include <string>
#include <vector>

namespace hub::sync {

// Seals payload and stores it under name; returns its reference.
ObjectRef putSealed(ObjectStore& store, const DataKey& key, ObjectKind kind, const std::string& name,
                    std::uint64_t sequence, std::string_view payload);

// The payload of ref. Throws SyncError(MissingObject) or (DamagedObject) naming it.
std::string getSealed(ObjectStore& store, const DataKey& key, ObjectKind kind, const ObjectRef& ref);

// The sequences of the restore points in the store, oldest first.
std::vector<std::uint64_t> listRestorePoints(ObjectStore& store);
RestorePoint fetchRestorePoint(ObjectStore& store, const DataKey& key, std::uint64_t sequence);

// The wrapped key document in the store; nullopt when there is none.
std::optional<std::string> fetchWrappedKey(ObjectStore& store);
std::optional<GenerationMarker> fetchGeneration(ObjectStore& store, const DataKey& key);
void putGeneration(ObjectStore& store, const DataKey& key, const GenerationMarker& marker);

// Before a run writes anything: makes sure this box owns the cloud copy.
//   - no wrapped key there: uploads ours; another clinic's key: SyncError(Conflict);
//   - no generation marker: writes ours (a new target);
//   - the marker is the one a restore replaced (state.takeOverFrom): ours replaces it;
//   - any other generation: SyncError(TakenOver), with when and from which point.
// Updates state (takeOverFrom cleared) and returns true when it changed.
bool claimCloudCopy(ObjectStore& store, const DataKey& key, const std::string& wrappedKey, SyncState& state,
                    const std::string& boxId, TimePoint now);

}  // namespace hub::sync
