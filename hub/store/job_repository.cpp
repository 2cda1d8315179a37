#include "hub/store/job_repository.h"

namespace hub::store {
namespace {

#define JOB_COLUMNS "name, started_at, finished_at, outcome, detail, last_success_at, consecutive_failures"

JobRunRecord readJob(SQLite::Statement& q) {
    JobRunRecord r;
    r.name = q.getColumn(0).getString();
    r.startedAt = fromUnixSeconds(q.getColumn(1).getInt64());
    if (!q.getColumn(2).isNull()) r.finishedAt = fromUnixSeconds(q.getColumn(2).getInt64());
    r.outcome = q.getColumn(3).getString();
    r.detail = q.getColumn(4).getString();
    if (!q.getColumn(5).isNull()) r.lastSuccessAt = fromUnixSeconds(q.getColumn(5).getInt64());
    r.consecutiveFailures = q.getColumn(6).getInt();
    return r;
}

int64_t seconds(TimePoint t) { return static_cast<int64_t>(toUnixSeconds(t)); }

}  // namespace

void JobRepository::started(std::string_view name, TimePoint at) {
    auto q = c_.prepare(
        "INSERT INTO job_runs (name, started_at, finished_at, outcome, detail) VALUES (?1, ?2, NULL, 'running', '') "
        "ON CONFLICT (name) DO UPDATE SET started_at = excluded.started_at, finished_at = NULL, "
        "outcome = 'running', detail = ''");
    q->bind(1, std::string(name));
    q->bind(2, seconds(at));
    q->exec();
}

void JobRepository::finished(std::string_view name, TimePoint at, std::string_view outcome, std::string_view detail) {
    auto q = c_.prepare(
        "UPDATE job_runs SET finished_at = ?2, outcome = ?3, detail = ?4, "
        "last_success_at = CASE WHEN ?3 = 'succeeded' THEN ?2 ELSE last_success_at END, "
        "consecutive_failures = CASE ?3 WHEN 'succeeded' THEN 0 WHEN 'failed' THEN consecutive_failures + 1 "
        "ELSE consecutive_failures END "
        "WHERE name = ?1");
    q->bind(1, std::string(name));
    q->bind(2, seconds(at));
    q->bind(3, std::string(outcome));
    q->bind(4, std::string(detail));
    q->exec();
}

void JobRepository::clear() { c_.prepare("DELETE FROM job_runs")->exec(); }

std::optional<JobRunRecord> JobRepository::find(std::string_view name) {
    auto q = c_.prepare("SELECT " JOB_COLUMNS " FROM job_runs WHERE name = ?1");
    q->bind(1, std::string(name));
    if (!q->executeStep()) return std::nullopt;
    return readJob(*q);
}

std::vector<JobRunRecord> JobRepository::list() {
    auto q = c_.prepare("SELECT " JOB_COLUMNS " FROM job_runs ORDER BY name");
    std::vector<JobRunRecord> out;
    while (q->executeStep()) out.push_back(readJob(*q));
    return out;
}

}  // namespace hub::store
