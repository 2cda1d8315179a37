#include "hub/api/routes/job_routes.h"

#include "hub/api/routes/session_gate.h"

namespace hub::api {
namespace {

Schema jobSchema() {
    return object({
        required("name", string("the job's stable name, e.g. sync, retention, certificate-renewal")),
        required("description", string()),
        required("schedule", string("in the clinic's timezone: \"daily HH:MM-HH:MM\", \"every N s\" or \"on demand\"")),
        required("running", boolean("a run is in progress (in the hub or from the command line)")),
        optional("last_started_at", withFormat(string(), "date-time")),
        optional("last_finished_at", withFormat(string("absent while running or when the run was interrupted"), "date-time")),
        optional("last_outcome", enumeration(std::vector<std::string>{jobs::kRunning, jobs::kSucceeded, jobs::kFailed,
                                                                      jobs::kCancelled, jobs::kInterrupted},
                                             "interrupted: the process running it stopped mid-run")),
        optional("last_detail", string("what the last run did (its report), or why it failed")),
        optional("last_success_at", withFormat(string(), "date-time")),
        required("consecutive_failures", integer()),
        optional("next_run_at", withFormat(string("absent for an on-demand job or while running"), "date-time")),
    });
}

Poco::JSON::Object::Ptr jobJson(const jobs::JobView& v) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("name", v.name);
    o->set("description", v.description);
    o->set("schedule", v.schedule);
    o->set("running", v.running);
    o->set("consecutive_failures", v.last ? v.last->consecutiveFailures : 0);
    if (v.last) {
        o->set("last_started_at", formatRfc3339(v.last->startedAt));
        if (v.last->finishedAt) o->set("last_finished_at", formatRfc3339(*v.last->finishedAt));
        o->set("last_outcome", v.last->outcome);
        o->set("last_detail", v.last->detail);
        if (v.last->lastSuccessAt) o->set("last_success_at", formatRfc3339(*v.last->lastSuccessAt));
    }
    if (v.nextRun) o->set("next_run_at", formatRfc3339(*v.nextRun));
    return o;
}

}  // namespace

std::vector<Route> jobRoutes(jobs::JobAdmin& admin) {
    Route list = staffRoute("GET", "/api/v1/jobs", domain::Operation::ListJobs,
                            "The hub's background jobs (certificate renewal, the midnight roll, upkeep, the nightly "
                            "sync, retention): each one's schedule, its last run's start, end, outcome and report "
                            "or error, and its next run");
    list.tag = "jobs";
    list.responseBody = object({required("jobs", arrayOf(jobSchema()))});
    list.handler = [&admin](ApiRequest& r) {
        Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
        for (const auto& v : admin.list(actorFor(r))) items->add(jobJson(v));
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
        body->set("jobs", items);
        return ApiResponse::ok(body);
    };
    return {std::move(list)};
}

}  // namespace hub::api
