#pragma once
// Visits in the database. createDraft is the one entry point shared by the
// queue (a token starting consultation opens a visit) and walk-in visits.
//
// A visit's vitals live in the vitals table (the same rows a nurse records
// while the patient waits) and are linked by visits.vitals_id; a visit's
// content is rewritten whole by saveContent, diagnoses and items included.
// Reads that cover many visits (a patient's history) run a fixed number of
// queries however many visits there are.
#include "hub/core/clock.h"
#include "hub/domain/patient.h"
#include "hub/domain/queue.h"
#include "hub/domain/visit.h"
#include "hub/store/clinic_repository.h"
#include "hub/store/connection.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hub::store {

struct NewVisitDraft {
    long long patientId = 0;
    long long doctorId = 0;
    std::optional<long long> tokenId;
    std::optional<long long> vitalsId;  // vitals recorded while the patient waited
    TimePoint at{};
};

struct VisitRecord {
    domain::Visit visit;                      // content.vitals filled from the linked row
    std::optional<long long> vitalsId;
    std::optional<TimePoint> vitalsRecordedAt;
    std::string doctorName;                   // doctors.name_en
    // Parallel to visit.amendments: the content before each amendment, as JSON
    // text. Filled only when asked for (it can be large).
    std::vector<std::string> previousContents;
};

// The patient as a visit screen and a printed prescription show them: with
// the chronic-condition tags and the language. (A search lists a patient as
// opd::PatientSummary: no clinical field.)
struct VisitPatient {
    long long id = 0;
    std::string mrn;
    std::string name;
    domain::Sex sex = domain::Sex::Other;
    std::optional<domain::Date> birthDate;
    bool birthDateApproximate = false;
    domain::Language preferredLanguage = domain::Language::Bangla;
    std::vector<ChronicCondition> chronicConditions;  // in the clinic's order
};

struct TokenSummary {
    long long id = 0;
    long long patientId = 0;
    long long doctorId = 0;
    domain::TokenState state = domain::TokenState::Waiting;
};

class VisitRepository {
public:
    explicit VisitRepository(Connection& c) : c_(c) {}

    // Inserts a draft visit and returns its id. Throws Error(Conflict) if the
    // token already has a visit.
    long long createDraft(const NewVisitDraft& draft);
    std::optional<long long> findIdByToken(long long tokenId);

    std::optional<VisitRecord> find(long long visitId, bool withPreviousContents = false);
    // Every visit of the patient, newest first, with diagnoses, items and
    // amendments (without previous contents). Five queries in all.
    std::vector<VisitRecord> listByPatient(long long patientId);
    // The newest finalized visit of the patient that prescribed anything.
    std::optional<VisitRecord> lastPrescribed(long long patientId);

    // Rewrites the visit's text fields, diagnoses and items and links vitalsId
    // (content.vitals itself lives in the vitals table: VitalsRepository).
    // REQUIRES: a write transaction.
    void saveContent(long long visitId, const domain::VisitContent& content, std::optional<long long> vitalsId,
                     TimePoint at);
    // Links newly recorded vitals to a draft visit (a finalized one keeps what it
    // was finalized with); false when the visit is not a draft.
    bool linkVitalsToDraft(long long visitId, long long vitalsId, TimePoint at);
    // Marks a draft finalized; false when the visit is not a draft.
    bool finalize(long long visitId, TimePoint at);
    long long addAmendment(long long visitId, long long byStaffId, std::string_view reason,
                           std::string_view previousContent, TimePoint at);

    std::optional<VisitPatient> visitPatient(long long patientId);
    std::optional<TokenSummary> token(long long tokenId);

private:
    Connection& c_;
};

}  // namespace hub::store
