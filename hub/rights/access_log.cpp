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
        // The search's results showed the patient (name, record number, phone, age).
        {"patient.search", "saw the patient in search results"},
        {"patient.create", "registered the patient"},
        {"patient.update", "changed the record"},
        {"patient.history", "read the visit history"},
        {"patient.last_prescription", "read the last prescription"},
        {"patient.clinical_history", "read the history of allergies and conditions"},
        {"patient.export", "exported the record"},
        {"patient.access_log", "read this access report"},
        {"queue.check_in", "checked the patient in"},
        {"queue.call", "called the patient's token"},
        {"queue.recall", "called the patient's token again"},
        {"queue.skip", "skipped the patient's token"},
        {"queue.restore", "put the patient's token back in the queue"},
        {"queue.start", "started the consultation"},
        {"queue.complete", "completed the consultation"},
        {"queue.transfer", "moved the patient to another doctor's queue"},
        {"queue.cancel", "cancelled the patient's token"},
        {"queue.priority", "changed the patient's place in the queue"},
        {"token.slip", "showed the token slip"},
        {"token.slip_print", "printed the token slip"},
        {"vitals.record", "recorded vitals"},
        {"billing.invoice_create", "made a bill"},
        {"billing.invoice_read", "read a bill"},
        {"billing.invoice_line_add", "added to a bill"},
        {"billing.invoice_void", "voided a bill"},
        {"billing.payment_add", "took a payment"},
        {"billing.refund", "refunded a payment"},
        {"billing.receipt_print", "printed a receipt"},
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
        {"data_request.read", "read a deletion request"},
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
            std::vector<AccessEntry> out;
            for (auto& e : store::AuditRepository(tx).listForPatient(patientId, beforeId, std::clamp(limit, 1, 500))) {
                std::string what = describeAccess(e.action);
                out.push_back({std::move(e), std::move(what)});
            }
            service::appendSuccess(audit_, tx, actor, attempt);
            return out;
        });
    });
}

}  // namespace hub::rights
