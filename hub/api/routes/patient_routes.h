#pragma once
#include "hub/api/route.h"
#include "hub/opd/patient_service.h"

#include <Poco/JSON/Object.h>

namespace hub::api {

// createPatient, getPatient, updatePatient, searchPatients, getPatientClinicalHistory.
std::vector<Route> patientRoutes(opd::PatientService& patients);

// The full record (getPatient, createPatient, updatePatient).
Schema patientSchema();
Poco::JSON::Object::Ptr patientJson(const opd::PatientRecord& record);

// A search result: what a cashier may see.
Schema patientSummarySchema();
Poco::JSON::Object::Ptr patientSummaryJson(const opd::PatientSummary& summary);

// createPatient's 409: the usual error object plus the patients it matched.
// The OpenAPI document lists 409 with the generic error shape only.
Schema duplicatePatientSchema();

}  // namespace hub::api
