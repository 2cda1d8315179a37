#include "hub/rights/retention_service.h"

#include "hub/domain/patient_rights.h"
#include "hub/opd/clinic_service.h"
#include "hub/service/audited.h"
#include "hub/rights/data_request_service.h"
#include "hub/store/erasure.h"

namespace hub::rights {
namespace {

// The nightly job acts as the system, not as a person.
auth::ActorContext systemActor() {
    auth::ActorContext a;
    a.username = "retention";
    a.role = domain::Role::Admin;
    return a;
}

std::string describe(const store::RetentionPolicyRow& p) {
    return "minimum_keep_years=" + std::to_string(p.minimumKeepYears) + "; auto_anonymise_after_years=" +
           (p.autoAnonymiseAfterYears ? std::to_string(*p.autoAnonymiseAfterYears) : "off") +
           "; clear_notes=" + (p.clearNotes ? "true" : "false");
}

}  // namespace

store::RetentionPolicyRow RetentionService::getRetentionPolicy(const auth::ActorContext& actor) {
    service::requirePermission(actor, domain::Operation::GetRetentionPolicy);
    return db_.read([](store::Connection& c) { return store::RetentionRepository(c).policy(); });
}

store::RetentionPolicyRow RetentionService::updateRetentionPolicy(const auth::ActorContext& actor,
                                                                  const RetentionPolicyChange& change) {
    const service::Attempt attempt{domain::Operation::UpdateRetentionPolicy, "retention.update", "retention_policy",
                                   "1", std::nullopt};
    return service::audited(db_, audit_, actor, attempt, [&] {
        return db_.write([&](store::Connection& tx) {
            store::RetentionRepository repo(tx);
            auto p = repo.policy();
            if (change.minimumKeepYears) {
                if (*change.minimumKeepYears < 0 || *change.minimumKeepYears > 100)
                    throw invalidInput("minimum_keep_years", "minimum_keep_years must be between 0 and 100");
                p.minimumKeepYears = *change.minimumKeepYears;
            }
            if (change.autoAnonymiseAfterYears) {
                const auto& v = *change.autoAnonymiseAfterYears;
                if (v && (*v < 1 || *v > 100))
                    throw invalidInput("auto_anonymise_after_years",
                                       "auto_anonymise_after_years must be between 1 and 100, or null for off");
                p.autoAnonymiseAfterYears = v;
            }
            if (change.clearNotes) p.clearNotes = *change.clearNotes;
            if (p.autoAnonymiseAfterYears && *p.autoAnonymiseAfterYears < p.minimumKeepYears)
                throw invalidInput("auto_anonymise_after_years",
                                   "auto_anonymise_after_years must not be shorter than minimum_keep_years");
            p.updatedAt = clock_.now();
            p.updatedBy = actor.staffId > 0 ? std::optional(actor.staffId) : std::nullopt;
            repo.savePolicy(p);
            service::appendSuccess(audit_, tx, actor, attempt, describe(p));
            return p;
        });
    });
}

RetentionReport RetentionService::runRetention(const std::atomic<bool>* cancel, int batchSize) {
    const auth::ActorContext actor = systemActor();
    const TimePoint now = clock_.now();
    const auto policy = db_.read([](store::Connection& c) { return store::RetentionRepository(c).policy(); });
    RetentionReport report;
    if (!policy.autoAnonymiseAfterYears) return report;
    report.ran = true;
    report.run.ranAt = now;
    report.run.cutoff = now - *policy.autoAnonymiseAfterYears * domain::retentionYear;
    std::string skippedDetail;
    long long afterId = 0;
    const auto cancelled = [&] { return cancel && cancel->load(); };
    for (;;) {
        // Due records in id order; those skipped stay due, so page past them.
        const bool more = db_.write([&](store::Connection& tx) {
            auto due = store::RetentionRepository(tx).dueForAnonymisation(report.run.cutoff, 100000);
            int done = 0;
            for (long long id : due) {
                if (id <= afterId) continue;
                if (done == batchSize) return true;
                // Each record is whole before the check: what is done commits with this batch.
                if (cancelled()) {
                    report.cancelled = true;
                    return false;
                }
                afterId = id;
                ++done;
                const Eligibility e = checkEligibility(tx, id, now);
                if (!e.eligible) {
                    ++report.run.skipped;
                    if (skippedDetail.size() < 900)
                        skippedDetail += "patient " + std::to_string(id) + ": " + e.reasons.front() + "\n";
                    continue;
                }
                store::LedgerEntry entry;
                entry.patientId = id;
                entry.clearNotes = policy.clearNotes;
                entry.executedAt = now;
                const long long ledger = store::eraseInTransaction(tx, entry);
                ++report.run.anonymised;
                service::appendSuccess(audit_, tx, actor,
                                       {std::nullopt, "retention.anonymise", "patient", std::to_string(id), id},
                                       "last visit before the cutoff; ledger=" + std::to_string(ledger));
            }
            return false;
        });
        if (!more) break;
    }
    report.run.detail = report.cancelled ? "stopped at shutdown; the next run carries on\n" + skippedDetail
                                         : skippedDetail;
    db_.write([&](store::Connection& tx) {
        report.run.id = store::RetentionRepository(tx).addRun(report.run);
        service::appendSuccess(audit_, tx, actor,
                               {std::nullopt, "retention.run", "retention_run", std::to_string(report.run.id),
                                std::nullopt},
                               "anonymised=" + std::to_string(report.run.anonymised) +
                                   "; skipped=" + std::to_string(report.run.skipped) +
                                   (report.cancelled ? "; cancelled" : ""));
    });
    if (report.run.anonymised > 0) store::checkpointAfterErasure(db_);
    return report;
}

}  // namespace hub::rights
