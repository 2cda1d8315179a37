#pragma once
// The one format of every object the hub puts in the bucket except the wrapped
// key (docs/sync-format.md, "Objects"): zstd-compressed, then sealed with
// AES-256-GCM under a key and nonce derived (HKDF-SHA-256) from the clinic's
// data key and a random per-object salt, with the object's name and sequence
// bound as associated data. An object moved to another name, replayed under
// another sequence, cut short or changed in one bit does not open.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace hub::sync {

enum class ObjectKind : unsigned char {
    Manifest = 1,       // a restore point
    SnapshotPart = 2,   // part of a full copy of the database
    ChangesetPart = 3,  // part of the changes since the previous restore point
    Files = 4,          // the hub's files (root CA and keys, voice packs)
    Ledger = 5,         // the deletion ledger
    Generation = 6,     // who owns the cloud copy now
};

// The clinic's random 256-bit data key. Never leaves the box unwrapped.
class DataKey {
public:
    static constexpr std::size_t kBytes = 32;
    static DataKey generate();
    // Throws Error(Unavailable) unless raw is kBytes long.
    static DataKey fromBytes(std::string_view raw);

    const std::string& bytes() const { return key_; }
    // A short public id of the key (16 hex digits of HMAC(key, "key id")): tells
    // two keys apart without revealing either.
    std::string id() const;
    // The bucket name of a data object holding payload: a keyed hash, so
    // identical content is stored once and names say nothing about contents.
    std::string contentName(std::string_view payload) const;

private:
    explicit DataKey(std::string key) : key_(std::move(key)) {}
    std::string key_;
};

// Compresses and seals payload as object `name` written by run `sequence`.
std::string sealObject(const DataKey& key, ObjectKind kind, std::string_view name, std::uint64_t sequence,
                       std::string_view payload);

// The payload of a sealed object. Throws SyncError(DamagedObject) naming the
// object when it is not one of ours, is of another kind, was written under
// another name or sequence, or fails authentication.
inline constexpr std::size_t kMaxObjectPayload = 256u << 20;
std::string openObject(const DataKey& key, ObjectKind kind, std::string_view name, std::uint64_t sequence,
                       std::string_view sealed);

}  // namespace hub::sync
