#pragma once
#include "hub/api/route.h"
#include "hub/opd/visit_service.h"

#include <filesystem>

namespace hub::api {

// createVisit, getVisit, updateVisit, finalizeVisit, amendVisit,
// getPrescriptionPrint, getPatientHistory, getLastPrescription, listDrugs,
// searchDiagnosisCodes, listPrescriptionTemplates, createPrescriptionTemplate.
std::vector<Route> visitRoutes(opd::VisitService& visits);

// The printable prescription's stylesheet, served by the hub because the CSP
// (default-src 'self') allows nothing else and clinics may be offline:
// getPrescriptionStylesheet (GET /assets/prescription.css?paper=a4|a5). Its
// Bangla font is the static-asset server's /fonts/noto-sans-bengali.ttf.
std::vector<Route> prescriptionAssetRoutes();

// The JSON shapes, for tests that check responses against them.
Schema visitSchema();
Schema patientHistorySchema();

// Shared with the formulary routes (formulary_routes.h).
Schema drugSchema();
Poco::JSON::Object::Ptr drugJson(const store::Drug& drug);
Schema prescriptionItemSchema();

}  // namespace hub::api
