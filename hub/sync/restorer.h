#pragma once
// Restoring a clinic onto a replacement box from its cloud copy: every object
// of the chosen restore point downloaded and authenticated (a missing or
// damaged one is named), the database rebuilt from its full copy and
// changesets, the deletion ledger applied again, integrity and the audit
// anchor checked, the hub's files put back, and the cloud copy taken over so
// the old box's next sync stops instead of forking the history.
#include "hub/core/clock.h"
#include "hub/core/random.h"
#include "hub/sync/object_store.h"
#include "hub/sync/sync_settings.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace hub::sync {

struct RestoreProgress {
    std::uint64_t objectsDone = 0, objectsTotal = 0;
    std::uint64_t bytesDone = 0, bytesTotal = 0;
};

struct RestoreRequest {
    std::filesystem::path dataDir;
    SyncSettings settings;  // where the copy is; kept so the restored box syncs on
    std::string passphrase;
    std::optional<std::uint64_t> restorePoint;  // the newest when unset
    bool force = false;                         // replace a clinic already in dataDir
    std::function<void(const RestoreProgress&)> progress;
};

struct RestoreReport {
    std::uint64_t sequence = 0;
    TimePoint pointCreatedAt{};
    std::uint64_t bytesDownloaded = 0;
    std::size_t ledgerEntries = 0;       // erasures applied again
    std::string replacedSuffix;          // the old clinic's files were renamed with this suffix ("" if none)
    bool tookOver = false;               // false: the first sync run takes over instead
    std::string warning;
    std::chrono::milliseconds duration{0};
};

// Throws SyncError (WrongPassphrase, MissingObject, DamagedObject ...) or
// Error (Conflict: a clinic is there and force is false; InvalidInput naming
// "restore-point" for a point that does not exist). Nothing in dataDir
// changes unless the whole rebuild succeeded.
// random is the injected source the restored box's new generation id comes from.
RestoreReport restoreClinic(ObjectStore& store, const RestoreRequest& request, const Clock& clock, Random& random);

}  // namespace hub::sync
