#pragma once
// The data key in the bucket exists only wrapped under the recovery passphrase
// (docs/sync-format.md, "The data key"): argon2id stretches the passphrase,
// AES-256-GCM seals the key. The wrapped form is a small JSON document, kept
// beside the data key on the hub too, so the target can move to another bucket
// without asking for the passphrase again.
#include "hub/sync/sealed_object.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace hub::sync {

struct KdfParams {
    std::uint32_t memoryKiB = 64 * 1024;  // 64 MiB: a second or so on a Raspberry Pi 4
    std::uint32_t iterations = 3;
    std::uint32_t parallelism = 1;
};

// The JSON document holding key sealed under passphrase.
std::string wrapDataKey(const DataKey& key, std::string_view passphrase, const KdfParams& params = {});

// The key back. Throws SyncError(WrongPassphrase) when the passphrase does not
// open it, SyncError(DamagedObject) when the document is not a wrapped key.
DataKey unwrapDataKey(std::string_view wrapped, std::string_view passphrase);

// The key id recorded in a wrapped document (no passphrase needed).
std::string wrappedKeyId(std::string_view wrapped);

// A new recovery passphrase: five groups of five characters from an alphabet
// without look-alikes (no I, L, O, U), 125 random bits, e.g. "7KQ2M-X9D4T-...".
std::string generatePassphrase();

// Refuses a passphrase too short to protect the clinic's records (fewer than
// 12 characters): Error(InvalidInput) naming `field`.
void checkPassphrase(std::string_view passphrase, const std::string& field);

}  // namespace hub::sync
