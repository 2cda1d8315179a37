// The job runner in the real daemon: listJobs shows every registered job with
// its last run (the interval jobs run at start), only to admins, and
// `clinic-hub status`, another process, prints the same runs from the database;
// `clinic-hub sync now` runs the same sync job under the same lock.
#include "test_support.h"

#include <Poco/JSON/Array.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <thread>

using namespace hub::it;

namespace {

// listJobs' jobs by name, once every job that runs at start has a finished run.
std::map<std::string, Poco::JSON::Object::Ptr> jobsOnceStarted(HubClient& admin) {
    std::map<std::string, Poco::JSON::Object::Ptr> jobs;
    for (int attempt = 0; attempt < 100; ++attempt) {
        const auto r = admin.get("/api/v1/jobs");
        INFO(r.describe());
        REQUIRE(r.status == 200);
        jobs.clear();
        const auto list = r.json->getArray("jobs");
        for (std::size_t i = 0; i < list->size(); ++i) {
            const auto job = list->getObject(static_cast<unsigned>(i));
            jobs[job->getValue<std::string>("name")] = job;
        }
        bool settled = true;
        for (const char* name : {"certificate-renewal", "session-purge", "sign-in-upkeep", "disk-check"})
            settled = settled && jobs.count(name) && jobs[name]->has("last_finished_at");
        if (settled) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the daemon's runner, on its own clock
    }
    return jobs;
}

}  // namespace

TEST_CASE("listJobs shows the registered jobs with their last runs, to admins only", "[integration][jobs]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto admin = signedIn(hub, "admin");
    const auto jobs = jobsOnceStarted(*admin);
    for (const char* name : {"certificate-renewal", "midnight-roll", "session-purge", "sign-in-upkeep", "disk-check",
                             "retention", "sync"}) {
        INFO(name);
        REQUIRE(jobs.count(name) == 1);
        const auto& job = jobs.at(name);
        CHECK_FALSE(job->getValue<std::string>("description").empty());
        CHECK_FALSE(job->getValue<std::string>("schedule").empty());
    }
    // Interval jobs ran at start: start, end, outcome and report are there.
    const auto purge = jobs.at("session-purge");
    CHECK(purge->getValue<std::string>("schedule") == "every 600 s");
    CHECK(purge->getValue<std::string>("last_outcome") == "succeeded");
    CHECK(purge->getValue<std::string>("last_detail").find("sessions ended") != std::string::npos);
    CHECK(purge->has("last_started_at"));
    CHECK(purge->has("last_success_at"));
    CHECK(purge->getValue<int>("consecutive_failures") == 0);
    CHECK(purge->has("next_run_at"));
    const auto disk = jobs.at("disk-check")->getValue<std::string>("last_detail");
    CHECK((disk == "ok" || disk == "low" || disk == "full"));  // the state of this machine's disk
    CHECK(jobs.at("retention")->getValue<std::string>("schedule") == "daily 00:30-04:00");
    // Sync is not set up on this box: its job runs only when asked.
    CHECK(jobs.at("sync")->getValue<std::string>("schedule") == "on demand");
    CHECK_FALSE(jobs.at("sync")->has("next_run_at"));

    auto reception = signedIn(hub, "reception");
    const auto refused = reception->get("/api/v1/jobs");
    CHECK(refused.status == 403);
    checkErrorShape(refused);

    // clinic-hub status reads the same runs from the database while the daemon serves.
    const auto status = dir.cli({"status"});
    INFO(status.describe());
    std::string purgeLine;
    for (const auto& line : lines(status.out))
        if (line.find("session-purge:") != std::string::npos) purgeLine = line;
    CHECK(status.out.find("jobs:") != std::string::npos);
    CHECK(purgeLine.find("succeeded, started ") != std::string::npos);
    CHECK(purgeLine.find("sessions ended") != std::string::npos);
    CHECK(status.out.find("disk-check: succeeded") != std::string::npos);
}

TEST_CASE("the admin's sync run when sync is not set up is a clear 409, and the job stays idle",
          "[integration][jobs]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto admin = signedIn(hub, "admin");
    const auto r = admin->request("POST", "/api/v1/sync/run");
    INFO(r.describe());
    CHECK(r.status == 409);
    checkErrorShape(r);
    const auto jobs = jobsOnceStarted(*admin);
    REQUIRE(jobs.count("sync") == 1);
    CHECK_FALSE(jobs.at("sync")->getValue<bool>("running"));
    CHECK_FALSE(jobs.at("sync")->has("last_started_at"));
}

TEST_CASE("clinic-hub sync now is the daemon's sync job: it waits for no one and never overlaps a run",
          "[integration][jobs]") {
    HubDataDir dir;
    HubProcess hub(dir);
    // Another run (the daemon's nightly one, or a second `sync now`) holds the job's lock.
    const auto lockFile = dir.dataDir() / "jobs" / "sync.lock";
    std::filesystem::create_directories(lockFile.parent_path());
    const int fd = ::open(lockFile.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    REQUIRE(fd >= 0);
    REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
    const auto busy = dir.cli({"sync", "now"});
    INFO(busy.describe());
    CHECK(busy.status.exitedWith(1));
    CHECK(busy.err.find("already running") != std::string::npos);
    auto admin = signedIn(hub, "admin");
    const auto during = jobsOnceStarted(*admin);
    CHECK(during.at("sync")->getValue<bool>("running"));
    ::close(fd);

    // Free again: the CLI's run happens (and fails: sync is not set up here),
    // recorded where the daemon's listJobs shows it.
    const auto run = dir.cli({"sync", "now"});
    INFO(run.describe());
    CHECK(run.status.exitedWith(1));
    CHECK(run.err.find("not set up") != std::string::npos);
    const auto after = jobsOnceStarted(*admin);
    const auto sync = after.at("sync");
    CHECK_FALSE(sync->getValue<bool>("running"));
    CHECK(sync->getValue<std::string>("last_outcome") == "failed");
    CHECK(sync->getValue<std::string>("last_detail").find("not set up") != std::string::npos);
    CHECK(sync->getValue<int>("consecutive_failures") == 1);
}
