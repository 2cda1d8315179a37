// Retention as the job runner runs it: the run looks at the runner's cancel
// token between records, so a shutdown in the middle of a night's
// anonymisation does not wait for the whole pass; what it did stays done and
// is reported, and the next run finishes the rest.
#include "queue_test_support.h"

#include "hub/jobs/job_run.h"
#include "hub/rights/retention_job.h"
#include "hub/rights/retention_service.h"
#include "hub/store/job_repository.h"
#include "hub/store/rights_repository.h"

#include "support/catch.h"

#include <atomic>

using namespace hub;
using namespace hub::testing;

namespace {

// Patients registered in 1970 with no visit since: due under any policy.
struct RetentionFixture : QueueFixture {
    rights::RetentionService retention{*db, clock, audit};
    std::vector<long long> patients;

    RetentionFixture() {
        for (int i = 0; i < 5; ++i) patients.push_back(addPatient());
        rights::RetentionPolicyChange change;
        change.autoAnonymiseAfterYears = std::optional<int>(10);
        retention.updateRetentionPolicy(actor(adminMember), change);
    }
    long long stillDue() {
        return static_cast<long long>(db->read([&](store::Connection& c) {
            return store::RetentionRepository(c).dueForAnonymisation(clock.now() - std::chrono::hours(24 * 365 * 10), 1000);
        }).size());
    }
    std::vector<store::RetentionRunRow> runs() {
        return db->read([](store::Connection& c) { return store::RetentionRepository(c).runs(10); });
    }
};

}  // namespace

TEST_CASE("a cancelled retention run stops before the next record, records what it did, and the next run finishes",
          "[rights][retention]") {
    RetentionFixture f;
    REQUIRE(f.stillDue() == 5);

    std::atomic<bool> cancel = true;  // the shutdown came before the first record
    const auto stopped = f.retention.runRetention(&cancel, 2);
    CHECK(stopped.ran);
    CHECK(stopped.cancelled);
    CHECK(stopped.run.anonymised == 0);
    CHECK(f.stillDue() == 5);
    // The cut-short run is on record, saying so.
    REQUIRE(f.runs().size() == 1);
    CHECK(f.runs().front().detail.find("stopped at shutdown") != std::string::npos);
    CHECK(f.lastAudit().action == "retention.run");
    CHECK(f.lastAudit().detail.find("cancelled") != std::string::npos);

    cancel = false;
    const auto finished = f.retention.runRetention(&cancel, 2);
    CHECK_FALSE(finished.cancelled);
    CHECK(finished.run.anonymised == 5);
    CHECK(f.stillDue() == 0);
    CHECK(f.runs().front().detail.find("stopped") == std::string::npos);
}

TEST_CASE("the retention job hands the runner's cancel token to the run and is recorded as cancelled",
          "[rights][retention][jobs]") {
    RetentionFixture f;
    std::optional<rights::RetentionReport> report;
    const auto job = rights::retentionJob(f.retention, &report);
    jobs::CancelToken shutdown;
    shutdown.cancel();
    const std::string text = jobs::runRecorded(jobs::JobEnvironment{*f.db, f.clock, f.dir.path()}, job, shutdown);
    REQUIRE(report);
    CHECK(report->cancelled);
    CHECK(report->run.anonymised == 0);  // nothing was touched once the hub was stopping
    CHECK(f.stillDue() == 5);
    CHECK(text.find("stopped at shutdown") != std::string::npos);
    const auto record = f.db->read([](store::Connection& c) { return store::JobRepository(c).find("retention"); });
    REQUIRE(record);
    CHECK(record->outcome == "cancelled");
    CHECK(record->consecutiveFailures == 0);
}
