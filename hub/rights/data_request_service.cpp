#include "hub/rights/data_request_service.h"

#include "hub/core/text.h"
#include "hub/domain/patient.h"
#include "hub/domain/patient_rights.h"
#include "hub/opd/clinic_service.h"
#include "hub/service/audited.h"
#include "hub/store/erasure.h"
#include "hub/rights/require_patient.h"
#include "hub/store/staff_repository.h"

#include <algorithm>

namespace hub::rights {
namespace {

using domain::DataRequestState;

// A note or reason is free text by the rule of a patient's free-text fields:
// UTF-8 within its bytes, newlines but no other control characters.
void checkText(const std::string& value, const std::string& field, std::size_t maxBytes, bool required) {
    if (required && value.empty()) throw invalidInput(field, field + " is required");
    if (auto problem = domain::checkPatientText(value, {field, maxBytes}))
        throw invalidInput(problem->field, problem->field + " " + problem->message);
}

DataRequestState stateOf(const store::DataRequestRow& r) { return *domain::parseDataRequestState(r.state); }

// A review by the request's own taker (the clinic's only admin) is marked in
// the kept reason, so every later view of the request still says so.
constexpr std::string_view selfReviewMark = "[self-review] ";
bool selfReviewed(const store::DataRequestRow& r) { return r.reviewReason.rfind(selfReviewMark, 0) == 0; }

void moveTo(store::DataRequestRow& r, DataRequestState to) {
    if (!domain::dataRequestMayMove(stateOf(r), to))
        throw conflict("data request " + std::to_string(r.id) + " is " + r.state + ": it cannot become " +
                       std::string(domain::dataRequestStateName(to)));
    r.state = std::string(domain::dataRequestStateName(to));
}

void applyCheck(store::DataRequestRow& r, const Eligibility& e, TimePoint now) {
    moveTo(r, DataRequestState::EligibilityChecked);
    r.checkedAt = now;
    r.eligible = e.eligible;
    r.eligibilityDetail = joinLines(e.reasons);
}

store::DataRequestRow load(store::Connection& c, long long id) {
    auto r = store::DataRequestRepository(c).find(id);
    if (!r) throw notFound("no data request with id " + std::to_string(id));
    return *r;
}

// The audit of a step must name the patient: the request's patient, read first.
std::optional<long long> patientOf(store::Database& db, long long requestId) {
    return db.read([&](store::Connection& c) -> std::optional<long long> {
        auto r = store::DataRequestRepository(c).find(requestId);
        return r ? std::optional(r->patientId) : std::nullopt;
    });
}

}  // namespace

Eligibility checkEligibility(store::Connection& tx, long long patientId, TimePoint now) {
    Eligibility out;
    store::RetentionRepository retention(tx);
    const auto policy = retention.policy();
    const auto last = retention.lastActivity(patientId);
    if (!last) throw notFound("no patient with id " + std::to_string(patientId));
    if (retention.anonymised(patientId)) out.reasons.push_back("the record is already anonymised");
    if (policy.minimumKeepYears > 0) {
        const auto keptUntil = *last + policy.minimumKeepYears * domain::retentionYear;
        if (now < keptUntil)
            out.reasons.push_back("the retention policy keeps records " + std::to_string(policy.minimumKeepYears) +
                                  " years after the last visit: this one must be kept until " +
                                  formatRfc3339(keptUntil).substr(0, 10));
    }
    for (auto& r : store::openObligations(tx, patientId)) out.reasons.push_back(std::move(r));
    out.eligible = out.reasons.empty();
    return out;
}

DataRequestView DataRequestService::createDataRequest(const auth::ActorContext& actor, long long patientId,
                                                      const std::string& channel, const std::string& note) {
    const service::Attempt attempt{domain::Operation::CreateDataRequest, "data_request.create", "patient",
                                   std::to_string(patientId), patientId};
    return service::audited(db_, audit_, actor, attempt, [&] {
        if (std::find(std::begin(domain::dataRequestChannels), std::end(domain::dataRequestChannels), channel) ==
            std::end(domain::dataRequestChannels))
            throw invalidInput("channel", "channel must be in_person, phone, letter or email");
        checkText(note, "note", 500, false);
        return db_.writePatientData([&](store::Connection& tx) {
            requirePatient(tx, patientId);
            store::DataRequestRepository repo(tx);
            if (auto open = repo.openRequestOf(patientId))
                throw conflict("the patient already has an open data request (" + std::to_string(*open) + ")");
            if (store::RetentionRepository(tx).anonymised(patientId))
                throw conflict("the patient's record is already anonymised");
            const TimePoint now = clock_.now();
            store::DataRequestRow r;
            r.patientId = patientId;
            r.state = "requested";
            r.channel = channel;
            r.note = note;
            r.requestedAt = now;
            if (actor.staffId > 0) r.requestedBy = actor.staffId;
            r.id = repo.insert(r);
            service::appendSuccess(audit_, tx, actor,
                                   {std::nullopt, "data_request.create", "data_request", std::to_string(r.id),
                                    patientId},
                                   "kind=anonymise; channel=" + channel);
            const Eligibility e = checkEligibility(tx, patientId, now);
            applyCheck(r, e, now);
            repo.update(r);
            service::appendSuccess(audit_, tx, actor,
                                   {std::nullopt, "data_request.check", "data_request", std::to_string(r.id),
                                    patientId},
                                   e.eligible ? "eligible" : "not eligible: " + joinLines(e.reasons));
            return DataRequestView{r};
        });
    });
}

std::vector<store::DataRequestRow> DataRequestService::listDataRequests(const auth::ActorContext& actor,
                                                                        const std::optional<std::string>& state,
                                                                        std::optional<long long> patientId,
                                                                        int limit) {
    const service::Attempt attempt{domain::Operation::ListDataRequests, "data_request.list", "data_request", "",
                                   patientId};
    return service::audited(db_, audit_, actor, attempt, [&] {
        if (state && !domain::parseDataRequestState(*state))
            throw invalidInput("state", "state must be requested, eligibility_checked, approved, rejected or executed");
        return db_.write([&](store::Connection& tx) {
            auto rows = store::DataRequestRepository(tx).list(state, patientId, std::clamp(limit, 1, 500));
            service::appendSuccess(audit_, tx, actor,
                                   {std::nullopt, "data_request.list", "data_request", "", patientId},
                                   std::to_string(rows.size()) + " requests");
            return rows;
        });
    });
}

DataRequestView DataRequestService::getDataRequest(const auth::ActorContext& actor, long long requestId) {
    const std::string id = std::to_string(requestId);
    const service::Attempt attempt{domain::Operation::GetDataRequest, "data_request.read", "data_request", id,
                                   patientOf(db_, requestId)};
    return service::audited(db_, audit_, actor, attempt, [&] {
        return db_.write([&](store::Connection& tx) {
            auto r = load(tx, requestId);
            service::appendSuccess(audit_, tx, actor,
                                   {std::nullopt, "data_request.read", "data_request", id, r.patientId});
            return DataRequestView{r, selfReviewed(r)};
        });
    });
}

DataRequestView DataRequestService::reviewDataRequest(const auth::ActorContext& actor, long long requestId,
                                                      const std::string& decision, const std::string& reason) {
    const std::string id = std::to_string(requestId);
    const service::Attempt attempt{domain::Operation::ReviewDataRequest, "data_request.review", "data_request", id,
                                   patientOf(db_, requestId)};
    return service::audited(db_, audit_, actor, attempt, [&] {
        if (decision != "approve" && decision != "reject")
            throw invalidInput("decision", "decision must be approve or reject");
        checkText(reason, "reason", 500, true);
        return db_.writePatientData([&](store::Connection& tx) {
            auto r = load(tx, requestId);
            store::DataRequestRepository repo(tx);
            const TimePoint now = clock_.now();
            bool self = false;
            if (r.requestedBy && *r.requestedBy == actor.staffId) {
                if (store::StaffRepository(tx).countActiveAdmins() > 1)
                    throw Error(ErrorCode::Forbidden,
                                "a request is reviewed by someone other than who took it: another admin must review "
                                "this one");
                self = true;  // the clinic's only admin: allowed, and marked
            }
            if (decision == "approve") {
                // Checked again: a visit may have been opened since the request.
                const Eligibility e = checkEligibility(tx, r.patientId, now);
                if (!e.eligible) throw conflict("the record may not be anonymised yet: " + joinLines(e.reasons));
                r.checkedAt = now;
                r.eligible = true;
                r.eligibilityDetail.clear();
                moveTo(r, DataRequestState::Approved);
            } else {
                moveTo(r, DataRequestState::Rejected);
            }
            r.reviewedAt = now;
            r.reviewedBy = actor.staffId > 0 ? std::optional(actor.staffId) : std::nullopt;
            r.reviewReason = (self ? std::string(selfReviewMark) : std::string()) + reason;
            repo.update(r);
            service::appendSuccess(audit_, tx, actor,
                                   {std::nullopt, "data_request.review", "data_request", id, r.patientId},
                                   "decision=" + decision + (self ? "; self-review by the clinic's only admin" : ""));
            return DataRequestView{r, self};
        });
    });
}

DataRequestView DataRequestService::executeDataRequest(const auth::ActorContext& actor, long long requestId) {
    const std::string id = std::to_string(requestId);
    const service::Attempt attempt{domain::Operation::ExecuteDataRequest, "data_request.execute", "data_request", id,
                                   patientOf(db_, requestId)};
    auto view =
        service::audited(db_, audit_, actor, attempt, [&] {
            return db_.writePatientData([&](store::Connection& tx) {
                auto r = load(tx, requestId);
                if (stateOf(r) != DataRequestState::Approved)
                    throw conflict("data request " + id + " is " + r.state + ": only an approved request is executed");
                const TimePoint now = clock_.now();
                const Eligibility e = checkEligibility(tx, r.patientId, now);
                if (!e.eligible) throw conflict("the record may not be anonymised now: " + joinLines(e.reasons));
                store::LedgerEntry entry;
                entry.patientId = r.patientId;
                entry.clearNotes = store::RetentionRepository(tx).policy().clearNotes;
                entry.executedAt = now;
                if (actor.staffId > 0) entry.executedBy = actor.staffId;
                entry.requestId = r.id;
                moveTo(r, DataRequestState::Executed);
                r.executedAt = now;
                r.executedBy = entry.executedBy;
                r.note.clear();  // it may name the person
                r.ledgerId = store::eraseInTransaction(tx, entry);
                store::DataRequestRepository(tx).update(r);
                service::appendSuccess(audit_, tx, actor,
                                       {std::nullopt, "data_request.execute", "data_request", id, r.patientId},
                                       "anonymised; ledger=" + std::to_string(*r.ledgerId) +
                                       (entry.clearNotes ? "; notes cleared" : "; notes kept"));
                return DataRequestView{r, selfReviewed(r)};
            });
        });
    view.walCheckpointed = store::checkpointAfterErasure(db_);
    return view;
}

}  // namespace hub::rights
