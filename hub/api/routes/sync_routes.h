#pragma once
#include "hub/api/route.h"
#include "hub/sync/sync_admin.h"

namespace hub::api {

// getSyncSettings, updateSyncSettings, getSyncStatus, syncNow: the admin
// screen's view of the encrypted cloud sync (docs/sync-format.md).
std::vector<Route> syncRoutes(sync::SyncAdmin& admin);

}  // namespace hub::api
