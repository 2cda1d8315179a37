#pragma once
// The clinic's retention policy and the automatic anonymisation it drives.
//
// Two numbers the admin sets: the minimum keep period (a deletion request is
// refused until that many years after the last visit; 0, the default: none)
// and automatic anonymisation that many years after the last visit (default
// off), plus whether an anonymisation clears free-text notes. runRetention is
// the nightly job's entry point (the job runner of issue 15 calls it once a
// night as its "retention" job, retention_job.h; `clinic-hub retention run`
// runs the same job by hand): it anonymises every due
// record that has no open obligation, in batches, and keeps a report.
// Audit events are never removed: the chain must stay verifiable.
#include "hub/audit/audit_log.h"
#include "hub/auth/actor.h"
#include "hub/core/clock.h"
#include "hub/store/database.h"
#include "hub/store/rights_repository.h"

#include <atomic>
#include <optional>

namespace hub::rights {

struct RetentionPolicyChange {
    std::optional<int> minimumKeepYears;                       // 0..100 ("minimum_keep_years")
    std::optional<std::optional<int>> autoAnonymiseAfterYears;  // holding nullopt: off; 1..100
    std::optional<bool> clearNotes;
};

struct RetentionReport {
    store::RetentionRunRow run;
    bool ran = false;        // false: automatic anonymisation is off
    bool cancelled = false;  // stopped short at shutdown; the next run carries on
};

class RetentionService {
public:
    RetentionService(store::Database& db, const Clock& clock, audit::AuditLog& audit)
        : db_(db), clock_(clock), audit_(audit) {}

    store::RetentionPolicyRow getRetentionPolicy(const auth::ActorContext& actor);
    // InvalidInput names the field; the automatic period may not be shorter
    // than the minimum keep period.
    store::RetentionPolicyRow updateRetentionPolicy(const auth::ActorContext& actor,
                                                    const RetentionPolicyChange& change);

    // The nightly job. Audited as the system ("retention" actor); at most
    // batchSize records per transaction so the front desk's writes interleave.
    // cancel, when set, is looked at before each record (the job runner's
    // token at shutdown): the run commits what it did, records itself as
    // cancelled and returns; the records it did not reach stay due.
    RetentionReport runRetention(const std::atomic<bool>* cancel = nullptr, int batchSize = 100);

private:
    store::Database& db_;
    const Clock& clock_;
    audit::AuditLog& audit_;
};

}  // namespace hub::rights
