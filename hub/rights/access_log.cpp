#include "hub/rights/access_log.h"

#include "hub/opd/clinic_service.h"
#include "hub/service/audited.h"
#include "hub/rights/require_patient.h"

#include <algorithm>
#include <utility>

namespace hub::rights {

std::string describeAccess(const std::string& action) {
    static const std::pair<const char*, const char*> words[] = {
        {"patient.read", "read the record"},
        {"patient.create", "registered the patient"},
        {"patient.update", "changed the record"},
        {"patient.history", "read the visit history"},
        {"patient.last_prescription", "read the last prescription"},
        {"patient.clinical_history", "read the history of allergies and conditions"},
        {"patient.export", "exported the record"},
        {"patient.access_log", "read this access report"},
        {"visit.create", "opened a visit"},
        {"visit.read", "read a visit"},
        {"visit.update", "wrote in a visit"},
        {"visit.finalize", "finalized a visit"},
        {"visit.amend", "amended a visit"},
        {"visit.print", "printed a prescription"},
        {"consent.read", "read the consents"},
        {"consent.give", "recorded a consent"},
        {"consent.withdraw", "recorded a consent withdrawal"},
        {"data_request.create", "took a deletion request"},
        {"data_request.check", "checked a deletion request's eligibility"},
        {"data_request.review", "reviewed a deletion request"},
        {"data_request.execute", "anonymised the record"},
        {"retention.anonymise", "anonymised the record (retention policy)"},
    };
    for (const auto& [a, w] : words)
        if (action == a) return w;
    return action;
}

std::vector<AccessEntry> AccessLogService::accessLog(const auth::ActorContext& actor, long long patientId,
                                                     std::optional<long long> beforeId, int limit) {
    const std::string id = std::to_string(patientId);
    const service::Attempt attempt{domain::Operation::GetPatientAccessLog, "patient.access_log", "patient", id,
                                   patientId};
    return service::audited(db_, audit_, actor, attempt, [&] {
        return db_.write([&](store::Connection& tx) {
            requirePatient(tx, patientId);
            store::AuditQuery q;
            q.patientId = patientId;
            q.beforeId = beforeId;
            q.limit = std::clamp(limit, 1, 500);
            std::vector<AccessEntry> out;
            for (auto& e : store::AuditRepository(tx).list(q)) {
                std::string what = describeAccess(e.action);
                out.push_back({std::move(e), std::move(what)});
            }
            service::appendSuccess(audit_, tx, actor, attempt);
            return out;
        });
    });
}

}  // namespace hub::rights
