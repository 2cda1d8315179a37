#pragma once
#include "hub/api/route.h"
#include "hub/opd/visit_service.h"

#include <filesystem>

namespace hub::api {

// createVisit, getVisit, updateVisit, finalizeVisit, amendVisit,
// getPrescriptionPrint, getPatientHistory, getLastPrescription, listDrugs,
// listPrescriptionTemplates, createPrescriptionTemplate.
std::vector<Route> visitRoutes(opd::VisitService& visits);

// Debian's fonts-noto-core puts the Bangla font here.
inline const std::filesystem::path defaultBengaliFontFile =
    "/usr/share/fonts/truetype/noto/NotoSansBengali-Regular.ttf";

// Public assets of the printable prescription, served by the hub because the
// CSP (default-src 'self') allows nothing else and clinics may be offline:
// getPrescriptionStylesheet (GET /assets/prescription.css?paper=a4|a5) and
// getFont (GET /assets/fonts/noto-sans-bengali.ttf, read from fontFile).
std::vector<Route> prescriptionAssetRoutes(std::filesystem::path fontFile = defaultBengaliFontFile);

// The JSON shapes, for tests that check responses against them.
Schema visitSchema();
Schema patientHistorySchema();

}  // namespace hub::api
