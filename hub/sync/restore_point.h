#pragma once
// A restore point's manifest (docs/sync-format.md, "Restore points"): every
// object needed to rebuild the database as it was, in order, plus the hub's
// files, the deletion ledger and the signed audit anchor. It is uploaded last,
// after every object it names, so the cloud copy never names a missing object.
// Also the generation marker that says which box owns the cloud copy.
#include "hub/core/clock.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hub::sync {

struct ObjectRef {
    std::string name;            // relative to the prefix (layout.h)
    std::uint64_t sequence = 0;  // the run that sealed it: part of its associated data
    std::uint64_t size = 0;      // sealed bytes

    bool operator==(const ObjectRef&) const = default;
};

// One step of the rebuild: a full copy of the database, or the changes since
// the step before. Parts are concatenated in order.
struct ChainLink {
    enum class Kind { Full, Changes };
    std::uint64_t sequence = 0;
    Kind kind = Kind::Full;
    TimePoint createdAt{};
    std::uint64_t plainBytes = 0;  // the database file's or changeset's size
    std::vector<ObjectRef> parts;
};

// The newest audit event at the restore point, signed with the hub's root key
// over anchorMessage(): `audit verify --against-cloud` compares it with the
// local trail, which a local check alone cannot catch being cut short.
struct AuditAnchor {
    long long headId = 0;
    std::string headHash;
    std::string signature;  // DER, ECDSA P-256 / SHA-256
};

struct RestorePoint {
    std::uint64_t sequence = 0;
    std::string generation;  // the owner's generation when it was written
    TimePoint createdAt{};
    std::string boxId;
    std::string hubVersion;
    int schemaVersion = 0;
    std::vector<ChainLink> chain;  // a Full link first, then Changes links
    std::vector<std::pair<std::string, long long>> sequences;  // sqlite_sequence
    ObjectRef files;   // ObjectKind::Files
    ObjectRef ledger;  // ObjectKind::Ledger
    AuditAnchor anchor;

    std::vector<ObjectRef> objects() const;  // everything it needs, manifest excluded
};

std::string encodeRestorePoint(const RestorePoint& point);
// Throws SyncError(DamagedObject) naming objectName when json is not a manifest.
RestorePoint decodeRestorePoint(std::string_view json, const std::string& objectName);

std::string anchorMessage(const std::string& generation, std::uint64_t sequence, long long headId,
                          const std::string& headHash);

struct GenerationMarker {
    std::string generation;  // 128 random bits, hex
    std::string boxId;
    TimePoint since{};
    std::uint64_t restoredFrom = 0;  // the restore point the owner was restored from; 0 = set up fresh
};

std::string encodeGeneration(const GenerationMarker& marker);
GenerationMarker decodeGeneration(std::string_view json);

}  // namespace hub::sync
