#pragma once
// One sync run (docs/sync-format.md, "A run"): copy the live database, ship a
// full copy or the changes since the last restore point, the hub's files and
// the deletion ledger, then the restore point's manifest last; remember the
// copy as the next run's base; prune by retention. A run cut off anywhere
// resumes from its plan without sending finished objects again.
#include "hub/core/clock.h"
#include "hub/core/random.h"
#include "hub/sync/object_store.h"
#include "hub/sync/sealed_object.h"
#include "hub/sync/sync_settings.h"
#include "hub/sync/sync_status.h"

#include <atomic>
#include <functional>
#include <string>

namespace hub::sync {

// Full copies are cut into parts of this many bytes before compression, and
// large changesets likewise: each object stays a few MiB once compressed.
inline constexpr std::size_t kPartBytes = 16u << 20;

struct RunContext {
    SyncPaths paths;
    SyncSettings settings;
    ObjectStore& store;
    const DataKey& key;
    std::string wrappedKey;  // uploaded if the bucket has none
    const Clock& clock;
    Random& random;  // the generation id of a new history on a target
    // Signs the audit anchor with the hub's root key (tls::CertificateAuthority::signWithRoot).
    std::function<std::string(std::string_view)> signAnchor;
    const std::atomic<bool>* cancel = nullptr;
};

// REQUIRES: the caller holds the sync job's lock (jobs::runRecorded takes it). Throws SyncError (or Error for a
// local problem); whatever was uploaded stays and the next run reuses it.
RunReport runSync(const RunContext& context);

}  // namespace hub::sync
