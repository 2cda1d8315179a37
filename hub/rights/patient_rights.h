#pragma once
// Every patients'-rights service together, so the daemon creates them with
// one line and serves them with one route group (api::rightsRoutes).
#include "hub/rights/access_log.h"
#include "hub/rights/consent_service.h"
#include "hub/rights/data_request_service.h"
#include "hub/rights/export_service.h"
#include "hub/rights/retention_service.h"

#include <filesystem>

namespace hub::rights {

struct PatientRights {
    PatientRights(store::Database& db, const Clock& clock, audit::AuditLog& audit)
        : consents(db, clock, audit),
          requests(db, clock, audit),
          retention(db, clock, audit),
          exports(db, clock, audit),
          accessLog(db, clock, audit),
          dataDir(db.path().parent_path()) {}

    ConsentService consents;
    DataRequestService requests;
    // The job runner runs retention.runRetention() nightly (retention_job.h).
    RetentionService retention;
    ExportService exports;
    AccessLogService accessLog;
    std::filesystem::path dataDir;  // where a clinic export spools its files
};

}  // namespace hub::rights
