#pragma once
// The last run of each background job (table job_runs, one row per job). The
// job runner writes it; `clinic-hub status` and listJobs read it.
#include "hub/core/clock.h"
#include "hub/store/connection.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hub::store {

struct JobRunRecord {
    std::string name;
    TimePoint startedAt{};
    std::optional<TimePoint> finishedAt;  // none while running, or when the process running it died
    std::string outcome;                  // "running", "succeeded", "failed", "cancelled"
    std::string detail;                   // a success's report, a failure's error
    std::optional<TimePoint> lastSuccessAt;
    int consecutiveFailures = 0;
};

class JobRepository {
public:
    explicit JobRepository(Connection& c) : c_(c) {}

    // Marks the job running from `at`; keeps its last success and failure count.
    void started(std::string_view name, TimePoint at);
    // Ends the run begun by started(): a success resets the failure count, a
    // failure adds one, a cancelled run leaves it as it was.
    void finished(std::string_view name, TimePoint at, std::string_view outcome, std::string_view detail);

    // Forgets every run: a box restored from the cloud has run nothing yet
    // (the copy holds the old box's runs, the sync's own as "running").
    void clear();

    std::optional<JobRunRecord> find(std::string_view name);
    std::vector<JobRunRecord> list();  // by name

private:
    Connection& c_;
};

}  // namespace hub::store
