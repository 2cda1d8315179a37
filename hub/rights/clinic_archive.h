#pragma once
// The whole clinic as one tar archive, written as it is read so memory stays
// bounded whatever the number of patients:
//   json: patients/<id>.json (the per-patient JSON form) for every patient,
//         then clinic.json (the clinic, the time, the count);
//   fhir: FHIR bulk-data NDJSON, one file per resource type (Patient.ndjson,
//         Encounter.ndjson ...), spooled to files in spoolDir first (a tar
//         entry needs its size up front), then clinic.json.
#include "hub/auth/actor.h"
#include "hub/rights/export_service.h"

#include <filesystem>
#include <ostream>

namespace hub::rights {

// Returns the number of patients written. spoolDir must exist and be private;
// the spool files are removed before returning.
long long writeClinicArchive(ExportService& exports, const auth::ActorContext& actor, ExportFormat format,
                             std::ostream& out, const std::filesystem::path& spoolDir, TimePoint now);

}  // namespace hub::rights
