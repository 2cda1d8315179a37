#pragma once
// Consultations: opening a visit (from a token the queue started, or for a
// walk-in), writing it while it is a draft, finalizing it, amending it after,
// the patient's history, repeat-last-prescription, the printable prescription,
// the drug formulary and each doctor's templates.
//
// Rules this service enforces, whoever calls it:
// - Only doctors (role doctor with a profile row) use it; the formulary may
//   also be searched by admins (it is not patient data).
// - A visit belongs to the doctor who opened it (for a token: the token's
//   doctor). Only that doctor may change, finalize or amend it (Forbidden
//   otherwise); every doctor may read and print it.
// - A draft changes in place; a finalized visit refuses updates (Conflict) and
//   changes only by an amendment, which keeps the content as it was, who
//   changed it, when and why.
// - Every read of patient data, and every change, writes an audit event with
//   the patient's id in the same transaction; refused and failed attempts are
//   audited too.
#include "hub/audit/audit_log.h"
#include "hub/auth/actor.h"
#include "hub/core/clock.h"
#include "hub/domain/visit.h"
#include "hub/opd/prescription_print.h"
#include "hub/store/database.h"
#include "hub/store/drug_repository.h"
#include "hub/domain/permissions.h"
#include "hub/store/visit_repository.h"
#include "hub/store/vitals_repository.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hub::opd {

// Changes to a visit's content; absent fields keep their value. Vitals that
// differ from the visit's current ones become a new vitals row recorded by the
// doctor; empty vitals unlink them.
struct VisitChanges {
    std::optional<domain::Vitals> vitals;
    std::optional<std::string> complaints, notes, investigations, advice;
    std::optional<std::vector<domain::Diagnosis>> diagnoses;
    std::optional<std::vector<domain::PrescriptionItem>> prescription;
    std::optional<std::optional<domain::Date>> followUpDate;  // holding nullopt clears the date

    void applyTo(domain::VisitContent& content) const;
};

struct NewVisit {
    long long patientId = 0;
    std::optional<long long> tokenId;  // none for a walk-in
    VisitChanges content;
};

struct OpenedVisit {
    store::VisitRecord visit;
    bool created = false;  // false: the token's existing draft was continued
};

struct PatientHistory {
    store::VisitPatient patient;  // with chronic-condition tags
    std::optional<store::VitalsRecord> latestVitals;
    std::vector<store::VisitRecord> visits;  // newest first
};

struct LastPrescription {
    long long visitId = 0;
    long long doctorId = 0;
    std::string doctorName;
    TimePoint prescribedAt{};
    std::vector<domain::PrescriptionItem> items;
};

struct PrescriptionTemplate {
    long long id = 0;
    std::string name;
    std::vector<domain::PrescriptionItem> items;
    TimePoint createdAt{};
};

class VisitService {
public:
    VisitService(store::Database& db, const Clock& clock, audit::AuditLog& audit)
        : db_(db), clock_(clock), audit_(audit) {}

    // With a token: the visit belongs to the token's doctor, who must be the
    // actor. If the queue already opened the token's draft, that draft is
    // continued (content applied) and returned with created = false; if it is
    // already finalized, Conflict. InvalidInput names "patient_id" or
    // "token_id" for unknown or mismatched ids, and content fields as sent
    // ("prescription[1].dose", "vitals.pulse", "follow_up_date").
    OpenedVisit createVisit(const auth::ActorContext& actor, const NewVisit& request);
    store::VisitRecord getVisit(const auth::ActorContext& actor, long long visitId, bool withPreviousContents = false);
    // Draft only: Conflict once finalized.
    store::VisitRecord updateVisit(const auth::ActorContext& actor, long long visitId, const VisitChanges& changes);
    // Conflict if already finalized.
    store::VisitRecord finalizeVisit(const auth::ActorContext& actor, long long visitId);
    // Finalized only (Conflict for a draft). reason is required ("reason").
    // The follow-up date is bounded by the visit's own day, not today.
    store::VisitRecord amendVisit(const auth::ActorContext& actor, long long visitId, const VisitChanges& changes,
                                  std::string_view reason);
    // The print-ready page; audited as "visit.print".
    std::string prescriptionHtml(const auth::ActorContext& actor, long long visitId, Paper paper);

    PatientHistory patientHistory(const auth::ActorContext& actor, long long patientId);
    // Items of the patient's newest finalized visit that prescribed anything.
    std::optional<LastPrescription> lastPrescription(const auth::ActorContext& actor, long long patientId);

    std::vector<store::Drug> searchDrugs(const auth::ActorContext& actor, std::string_view prefix, int limit);
    std::vector<PrescriptionTemplate> listTemplates(const auth::ActorContext& actor);
    // Errors name "name" and "items[i].<field>"; Conflict on a duplicate name.
    PrescriptionTemplate createTemplate(const auth::ActorContext& actor, std::string_view name,
                                        std::vector<domain::PrescriptionItem> items);

private:
    template <typename Change>
    store::VisitRecord changeOwnVisit(const auth::ActorContext& actor, long long visitId, domain::Operation op,
                                      std::string_view action, Change&& change);

    store::Database& db_;
    const Clock& clock_;
    audit::AuditLog& audit_;
};

}  // namespace hub::opd
