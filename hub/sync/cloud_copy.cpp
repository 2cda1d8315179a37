#include "hub/sync/cloud_copy.h"

#include "hub/sync/key_wrap.h"
#include "hub/sync/layout.h"
#include "hub/sync/sync_error.h"

#include <ctime>

namespace hub::sync {
namespace {

std::string dateText(TimePoint t) {
    const std::time_t s = static_cast<std::time_t>(toUnixSeconds(t));
    std::tm tm{};
    gmtime_r(&s, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
    return buf;
}

}  // namespace

ObjectRef putSealed(ObjectStore& store, const DataKey& key, ObjectKind kind, const std::string& name,
                    std::uint64_t sequence, std::string_view payload) {
    const std::string sealed = sealObject(key, kind, name, sequence, payload);
    store.put(name, sealed);
    return {name, sequence, sealed.size()};
}

std::string getSealed(ObjectStore& store, const DataKey& key, ObjectKind kind, const ObjectRef& ref) {
    const auto sealed = store.get(ref.name);
    if (!sealed) throw SyncError(SyncProblem::MissingObject, "object " + ref.name + " is missing from the store", ref.name);
    if (ref.size != 0 && sealed->size() != ref.size)
        throw SyncError(SyncProblem::DamagedObject,
                        "object " + ref.name + " is damaged: it is " + std::to_string(sealed->size()) +
                            " bytes, the restore point says " + std::to_string(ref.size),
                        ref.name);
    return openObject(key, kind, ref.name, ref.sequence, *sealed);
}

std::vector<std::uint64_t> listRestorePoints(ObjectStore& store) {
    std::vector<std::uint64_t> out;
    for (const auto& o : store.list(layout::pointsPrefix))
        if (const auto seq = layout::sequenceOf(o.name); seq != 0 && o.name == layout::pointName(seq)) out.push_back(seq);
    return out;  // the store lists in name order, and names are zero-padded
}

RestorePoint fetchRestorePoint(ObjectStore& store, const DataKey& key, std::uint64_t sequence) {
    const std::string name = layout::pointName(sequence);
    RestorePoint p = decodeRestorePoint(getSealed(store, key, ObjectKind::Manifest, {name, sequence, 0}), name);
    if (p.sequence != sequence)
        throw SyncError(SyncProblem::DamagedObject, "restore point " + name + " claims another sequence", name);
    return p;
}

std::optional<std::string> fetchWrappedKey(ObjectStore& store) { return store.get(layout::keyObject); }

std::optional<GenerationMarker> fetchGeneration(ObjectStore& store, const DataKey& key) {
    const auto sealed = store.get(layout::generationObject);
    if (!sealed) return std::nullopt;
    return decodeGeneration(openObject(key, ObjectKind::Generation, layout::generationObject, 0, *sealed));
}

void putGeneration(ObjectStore& store, const DataKey& key, const GenerationMarker& marker) {
    putSealed(store, key, ObjectKind::Generation, layout::generationObject, 0, encodeGeneration(marker));
}

bool claimCloudCopy(ObjectStore& store, const DataKey& key, const std::string& wrappedKey, SyncState& state,
                    const std::string& boxId, TimePoint now) {
    const auto cloudKey = fetchWrappedKey(store);
    if (!cloudKey) {
        store.put(layout::keyObject, wrappedKey);
    } else if (wrappedKeyId(*cloudKey) != key.id()) {
        throw SyncError(SyncProblem::Conflict,
                        "this bucket and prefix hold another clinic's cloud copy (its data key differs): choose "
                        "another prefix");
    }
    const auto marker = fetchGeneration(store, key);
    if (marker && marker->generation == state.generation) return false;
    if (!marker || (!state.takeOverFrom.empty() && marker->generation == state.takeOverFrom)) {
        putGeneration(store, key, {state.generation, boxId, now, 0});
        const bool changed = !state.takeOverFrom.empty();
        state.takeOverFrom.clear();
        return changed;
    }
    throw SyncError(SyncProblem::TakenOver,
                    "this box no longer owns the clinic's cloud copy: another box took it over on " +
                        dateText(marker->since) +
                        (marker->restoredFrom != 0
                             ? " after restoring restore point " + std::to_string(marker->restoredFrom)
                             : std::string()) +
                        ". This box stops syncing so that the history does not fork. If this box is the clinic's hub "
                        "again, set up sync anew with another prefix (clinic-hub sync init --prefix ...)");
}

}  // namespace hub::sync
