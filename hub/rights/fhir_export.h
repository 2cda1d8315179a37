#pragma once
// A patient's dossier as a FHIR R4 Bundle (type collection): Patient,
// Encounter per visit, Observation per vital sign (LOINC codes, UCUM units),
// Condition per diagnosis (ICD-10 when coded) and per chronic tag,
// ClinicalImpression for the free-text notes, MedicationRequest per
// prescribed item with its dosage and timing from the "1+0+1" notation,
// AllergyIntolerance, and a Consent per consent ledger entry (the newest per
// purpose active, the history inactive). Also the NDJSON form of the bulk
// export: the same resources one per line, by type.
#include "hub/rights/export_service.h"

#include <Poco/JSON/Object.h>

#include <functional>
#include <string>

namespace hub::rights {

Poco::JSON::Object::Ptr fhirBundle(const PatientDossier& d, TimePoint exportedAt);

// Calls emit(resourceType, resource) for each resource of the dossier.
void forEachFhirResource(const PatientDossier& d,
                         const std::function<void(const std::string&, const Poco::JSON::Object::Ptr&)>& emit);

}  // namespace hub::rights
