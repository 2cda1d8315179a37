#pragma once
#include "hub/api/route.h"
#include "hub/rights/patient_rights.h"

#include <filesystem>

namespace hub::api {

// listConsents, recordConsent, withdrawConsent.
std::vector<Route> consentRoutes(rights::ConsentService& consents);
// createDataRequest, listDataRequests, getDataRequest, reviewDataRequest,
// executeDataRequest, getRetentionPolicy, updateRetentionPolicy.
std::vector<Route> dataRequestRoutes(rights::DataRequestService& requests, rights::RetentionService& retention);
// exportPatient, getPatientSummaryPrint, exportClinic, getPatientAccessLog.
// spoolRoot: where a FHIR clinic export spools its NDJSON files (the data directory).
std::vector<Route> exportRoutes(rights::ExportService& exports, rights::AccessLogService& accessLog,
                                const std::filesystem::path& spoolRoot);
// All of the above.
std::vector<Route> rightsRoutes(rights::PatientRights& rights);

}  // namespace hub::api
