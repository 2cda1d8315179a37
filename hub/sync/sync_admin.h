#pragma once
// The sync as an admin sees it through the API: the role checked again behind
// the router's, and every change (settings, a run started) in the audit trail.
#include "hub/audit/audit_log.h"
#include "hub/auth/actor.h"
#include "hub/store/database.h"
#include "hub/jobs/job_runner.h"
#include "hub/sync/sync_service.h"

namespace hub::sync {

class SyncAdmin {
public:
    SyncAdmin(SyncService& service, jobs::JobRunner& runner, store::Database& db, audit::AuditLog& audit)
        : service_(service), runner_(runner), db_(db), audit_(audit) {}

    SyncSettings settings(const auth::ActorContext& actor);
    SyncSettings updateSettings(const auth::ActorContext& actor, const SettingsChange& change);
    StatusView status(const auth::ActorContext& actor);
    // Starts an on-demand run of the "sync" job in the background;
    // Error(Conflict) when one is in progress or sync is not set up. The admin screen follows it with status().
    StatusView runNow(const auth::ActorContext& actor);

private:
    void record(const auth::ActorContext& actor, const char* action, const std::string& detail);

    SyncService& service_;
    jobs::JobRunner& runner_;  // runs the "sync" job (sync_job.h)
    store::Database& db_;
    audit::AuditLog& audit_;
};

}  // namespace hub::sync
