#pragma once
// A patient's whole record for the patient to take away: demographics,
// clinical tags, every visit with vitals, complaints, diagnoses, notes,
// prescriptions and the amendments (with the content before each), and the
// consents (current and history). Two forms of the same dossier: the
// documented JSON (docs/export-format.md) and a FHIR R4 Bundle (fhir_export.h).
// Every export is an audit event naming who exported which patient in which
// format; the audit never holds the content.
#include "hub/audit/audit_log.h"
#include "hub/auth/actor.h"
#include "hub/core/clock.h"
#include "hub/domain/patient.h"
#include "hub/store/database.h"
#include "hub/store/rights_repository.h"
#include "hub/store/visit_repository.h"

#include <Poco/JSON/Object.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace hub::rights {

struct PatientDossier {
    std::string clinicName;
    std::string clinicBoxId;  // the box's id: the FHIR identifiers' namespace
    domain::Patient patient;
    std::vector<std::string> conditionLabels;  // parallel to patient.chronicConditions
    bool anonymised = false;
    std::vector<store::VisitRecord> visits;  // oldest first, with previous contents
    std::vector<store::ConsentEntry> currentConsents, consentHistory;
};

// Reads everything in one snapshot. NotFound for an unknown patient.
PatientDossier readDossier(store::Connection& c, long long patientId);

enum class ExportFormat { Json, Fhir };
std::optional<ExportFormat> parseExportFormat(std::string_view name);  // "json", "fhir"

// The documented JSON form (format "clinic-hub.patient-export", version 1).
Poco::JSON::Object::Ptr dossierJson(const PatientDossier& d, TimePoint exportedAt);
Poco::JSON::Object::Ptr consentEntryJson(const store::ConsentEntry& e);

class ExportService {
public:
    ExportService(store::Database& db, const Clock& clock, audit::AuditLog& audit)
        : db_(db), clock_(clock), audit_(audit) {}

    // exportPatient: the JSON or FHIR document. Audited "patient.export".
    Poco::JSON::Object::Ptr exportPatient(const auth::ActorContext& actor, long long patientId, ExportFormat format);
    // getPatientSummaryPrint: a printable bilingual (English and Bangla) HTML
    // summary for a patient without a computer. Audited "patient.export".
    std::string patientSummaryHtml(const auth::ActorContext& actor, long long patientId);

    // The whole clinic, one patient at a time: visit(dossier) for every patient
    // in id order, reading in batches so memory stays bounded however many
    // patients there are. Audited "clinic.export" before and after.
    void exportClinic(const auth::ActorContext& actor, ExportFormat format,
                      const std::function<void(const PatientDossier&)>& visit);

    const Clock& clock() const { return clock_; }

private:
    store::Database& db_;
    const Clock& clock_;
    audit::AuditLog& audit_;
};

}  // namespace hub::rights
