#pragma once
// Token queues: check-in, the doctor's queue for today, and every move of a
// token (call next, recall, skip, restore, start consultation, complete,
// transfer, cancel), plus the vitals a nurse records against a token.
//
// Each operation is one write transaction: load the doctor's day into a
// domain::DoctorQueue, apply the domain move (which refuses illegal ones with
// Conflict), persist the changed token, append the audit event (with the
// patient's id). Refused attempts are audited in a transaction of their own.
// Queue events go to the sink only after the commit.
#include "hub/audit/audit_log.h"
#include "hub/auth/actor.h"
#include "hub/core/clock.h"
#include "hub/domain/clinic.h"
#include "hub/domain/clinic_day.h"
#include "hub/domain/permissions.h"
#include "hub/domain/queue.h"
#include "hub/domain/visit.h"
#include "hub/opd/check_in_hook.h"
#include "hub/opd/queue_events.h"
#include "hub/store/database.h"
#include "hub/store/token_repository.h"
#include "hub/store/vitals_repository.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hub::opd {

struct CheckInRequest {
    long long patientId = 0;
    long long doctorId = 0;
    std::string priority = "normal";  // normal, emergency, elderly, pregnant, disabled
};

// A token as the front desk sees it.
struct TokenView {
    store::TokenRow row;                       // token, patient id/name/mrn, visit id
    std::optional<int> position;               // 1 = next to be called; waiting tokens only
    std::optional<int> estimatedWaitMinutes;   // rounded up; waiting tokens only
    int utcOffsetMinutes = 0;                  // the clinic's, for showing its times
    std::optional<CheckInBilling> billing;     // set by check-in when a hook is installed
};

// A doctor's queue for today in the clinic's timezone.
struct QueueView {
    long long doctorId = 0;
    std::string clinicDay;
    int averageConsultationMinutes = 0;  // recent consultations today, rounded up (default 5)
    std::vector<TokenView> nowServing;   // in consultation, then called
    std::vector<TokenView> waiting;      // in call order
    std::vector<TokenView> finished;     // done, skipped, cancelled, transferred; latest first
    int utcOffsetMinutes = 0;
};

// Where a token stands in its doctor's queue now, with what a token slip or
// the patient's tracking page shows beside it.
struct TokenStanding {
    TokenView token;                        // position and estimated wait while waiting
    std::optional<std::string> nowServing;  // the doctor's token called last, else the one in consultation
    domain::ClinicDay today;                // the clinic day now, in the clinic's timezone
    domain::ClinicProfile clinic;
    domain::DoctorProfile doctor;
};

struct VitalsView {
    store::VitalsRecord record;
    int utcOffsetMinutes = 0;
};

class QueueService {
public:
    // events may be null (nobody listening).
    QueueService(store::Database& db, const Clock& clock, audit::AuditLog& audit, QueueEventSink* events = nullptr)
        : db_(db), clock_(clock), audit_(audit), events_(events) {}

    // Issues the doctor's next token for today. NotFound naming "doctor_id" or
    // "patient_id"; InvalidInput naming "priority"; Conflict ("doctor_id") when
    // the doctor's account is disabled.
    TokenView checkIn(const auth::ActorContext& actor, const CheckInRequest& request);

    // Reading the queue reads patients' names, so it is audited ("queue.read").
    QueueView getQueue(const auth::ActorContext& actor, long long doctorId);

    // Calls the first waiting token in the doctor's queue today.
    TokenView callNext(const auth::ActorContext& actor, long long doctorId);

    // Moves of one token, by id (NotFound naming "id"). Illegal moves are
    // Conflict with the domain's message. Moves that bring a patient forward
    // (recall, restore, start, transfer) only apply to today's tokens; a token
    // left over from an earlier day can still be skipped, completed or cancelled.
    TokenView recall(const auth::ActorContext& actor, long long tokenId);
    TokenView skip(const auth::ActorContext& actor, long long tokenId);
    TokenView restore(const auth::ActorContext& actor, long long tokenId);
    // Opens the draft visit (row.visitId) linked to the latest vitals recorded
    // for the token, or for the token it was transferred from. Only the token's
    // own doctor may start or complete it (Forbidden otherwise); a doctor has at
    // most one patient in consultation, on any day.
    TokenView startConsultation(const auth::ActorContext& actor, long long tokenId);
    TokenView complete(const auth::ActorContext& actor, long long tokenId);
    TokenView cancel(const auth::ActorContext& actor, long long tokenId);
    // Moves the patient to another doctor's queue today: a new token from that
    // doctor's numbering that keeps the original queued_at (its place), and the
    // old token becomes transferred. Returns the new token.
    TokenView transfer(const auth::ActorContext& actor, long long tokenId, long long toDoctorId);
    // Re-orders a waiting token today by its priority ("normal", "emergency", ...):
    // Error(InvalidInput, "priority") for an unknown one, Conflict once called.
    TokenView setPriority(const auth::ActorContext& actor, long long tokenId, const std::string& priority);

    // No permission check and no audit event: for services that check and
    // audit themselves (token slips) and for the patient's tracking link, which
    // shows no patient data (docs/security.md). NotFound naming "id".
    TokenStanding standing(long long tokenId);

    // Installs what check-in also does in its transaction (billing); null for
    // nothing. REQUIRES: set before requests arrive; hook outlives this service.
    void setCheckInHook(CheckInHook* hook) { checkInHook_ = hook; }

    // Records vitals against a token that is still open (not done, cancelled
    // or transferred). InvalidInput naming "vitals.<field>" for implausible values.
    VitalsView recordVitals(const auth::ActorContext& actor, long long tokenId, const domain::Vitals& vitals);

private:
    TokenView moveToken(const auth::ActorContext& actor, long long tokenId, domain::QueueAction action);
    void publish(const std::vector<QueueEvent>& events);

    store::Database& db_;
    const Clock& clock_;
    audit::AuditLog& audit_;
    QueueEventSink* events_;
    CheckInHook* checkInHook_ = nullptr;
};

}  // namespace hub::opd
