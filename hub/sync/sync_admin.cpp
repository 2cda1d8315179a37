#include "hub/sync/sync_admin.h"

#include "hub/service/audited.h"
#include "hub/sync/sync_error.h"
#include "hub/sync/sync_job.h"

namespace hub::sync {

void SyncAdmin::record(const auth::ActorContext& actor, const char* action, const std::string& detail) {
    auto event = service::auditEventFor(actor, action, "sync", "", audit::Outcome::Success);
    event.detail = detail;
    db_.write([&](store::Connection& tx) { audit_.append(tx, event); });
}

SyncSettings SyncAdmin::settings(const auth::ActorContext& actor) {
    service::requirePermission(actor, domain::Operation::GetSyncSettings);
    return service_.settings();
}

SyncSettings SyncAdmin::updateSettings(const auth::ActorContext& actor, const SettingsChange& change) {
    service::requirePermission(actor, domain::Operation::UpdateSyncSettings);
    const SyncSettings s = service_.updateSettings(change);
    // Where the records go is worth a line in the trail; the secret never is.
    record(actor, "sync.settings.update",
           s.target.endpoint + " " + s.target.bucket + (s.target.prefix.empty() ? "" : " " + s.target.prefix) +
               (change.secretKey ? " (new secret key)" : ""));
    return s;
}

StatusView SyncAdmin::status(const auth::ActorContext& actor) {
    service::requirePermission(actor, domain::Operation::GetSyncStatus);
    return service_.status();
}

StatusView SyncAdmin::runNow(const auth::ActorContext& actor) {
    service::requirePermission(actor, domain::Operation::SyncNow);
    if (!service_.configured())
        throw SyncError(SyncProblem::NotConfigured, "cloud sync is not set up on this hub (clinic-hub sync init)");
    if (runner_.runNow(kSyncJobName) != jobs::JobRunner::Start::Started)
        throw SyncError(SyncProblem::Busy, "a sync run is already in progress");
    record(actor, "sync.run", "started from the admin screen");
    return service_.status();
}

}  // namespace hub::sync
