#pragma once
// A patient's request to have their record deleted, as a workflow with
// review: requested -> eligibility_checked -> approved | rejected -> executed.
//
// - createDataRequest records who took the request and how the patient asked,
//   then checks eligibility at once: the retention policy's minimum keep
//   period since the last visit, and open obligations (draft visits, tokens in
//   a queue, unpaid bills once billing exists). The answer and its reasons are
//   kept on the request.
// - reviewDataRequest (admins) approves or rejects with a reason. Approval
//   re-checks eligibility and is refused (Conflict, saying why) while the
//   record may not be erased. The reviewer must not be the staff member who
//   took the request, unless they are the clinic's only active admin; such a
//   self-review is marked in the request and the audit event.
// - executeDataRequest (admins) re-checks, then anonymises (hub/store/erasure.h): the
//   person's identifying fields are replaced, phones removed, tracking links
//   voided, notes cleared if the policy says so, the name index forgets them,
//   and the deletion ledger keeps the entry so a restore re-applies it.
// Every step is audited with the patient's id; the trail never holds the name.
#include "hub/audit/audit_log.h"
#include "hub/auth/actor.h"
#include "hub/core/clock.h"
#include "hub/store/database.h"
#include "hub/store/rights_repository.h"

#include <optional>
#include <string>
#include <vector>

namespace hub::rights {

struct Eligibility {
    bool eligible = true;
    std::vector<std::string> reasons;  // why not; empty when eligible
};

// The rules, read in tx: minimum keep period from the last activity, then the
// open obligations.
Eligibility checkEligibility(store::Connection& tx, long long patientId, TimePoint now);

struct DataRequestView {
    store::DataRequestRow request;
    bool selfReviewed = false;
    bool walCheckpointed = true;  // after execution: the WAL was emptied
};

class DataRequestService {
public:
    DataRequestService(store::Database& db, const Clock& clock, audit::AuditLog& audit)
        : db_(db), clock_(clock), audit_(audit) {}

    // channel: in_person, phone, letter, email ("channel"); note at most 500
    // bytes ("note"). Conflict when the patient has an open request or is
    // already anonymised; NotFound for an unknown patient.
    DataRequestView createDataRequest(const auth::ActorContext& actor, long long patientId,
                                      const std::string& channel, const std::string& note);
    std::vector<store::DataRequestRow> listDataRequests(const auth::ActorContext& actor,
                                                        const std::optional<std::string>& state,
                                                        std::optional<long long> patientId, int limit);
    DataRequestView getDataRequest(const auth::ActorContext& actor, long long requestId);
    // decision: approve or reject ("decision"); reason required ("reason").
    DataRequestView reviewDataRequest(const auth::ActorContext& actor, long long requestId,
                                      const std::string& decision, const std::string& reason);
    DataRequestView executeDataRequest(const auth::ActorContext& actor, long long requestId);

private:
    store::Database& db_;
    const Clock& clock_;
    audit::AuditLog& audit_;
};

}  // namespace hub::rights
