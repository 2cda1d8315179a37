#include "hub/sync/sync_status.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

namespace hub::sync {

SyncStatus loadStatus(const SyncPaths& paths) {
    SyncStatus s;
    if (!std::filesystem::exists(paths.status())) return s;
    try {
        Poco::JSON::Parser parser;
        const auto o = parser.parse(readPrivateFile(paths.status())).extract<Poco::JSON::Object::Ptr>();
        s.configuredAt = fromUnixSeconds(o->getValue<long long>("configured_at"));
        if (o->has("last_attempt_at")) s.lastAttemptAt = fromUnixSeconds(o->getValue<long long>("last_attempt_at"));
        if (o->has("last_failure_at")) s.lastFailureAt = fromUnixSeconds(o->getValue<long long>("last_failure_at"));
        s.lastError = o->optValue<std::string>("last_error", "");
        s.consecutiveFailures = o->optValue<int>("consecutive_failures", 0);
        if (const auto r = o->getObject("last_success")) {
            RunReport run;
            run.sequence = r->getValue<std::uint64_t>("sequence");
            run.full = r->getValue<bool>("full");
            run.bytesUploaded = r->getValue<std::uint64_t>("bytes_uploaded");
            run.objectsUploaded = r->getValue<std::uint64_t>("objects_uploaded");
            run.plainBytes = r->optValue<std::uint64_t>("plain_bytes", 0);
            run.duration = std::chrono::milliseconds(r->getValue<long long>("duration_ms"));
            run.finishedAt = fromUnixSeconds(r->getValue<long long>("finished_at"));
            run.objectsPruned = r->optValue<std::uint64_t>("objects_pruned", 0);
            run.warning = r->optValue<std::string>("warning", "");
            s.lastSuccess = run;
        }
    } catch (const std::exception&) {
        // A status file cut off by a power loss reads as "nothing known yet";
        // the next run writes a good one.
    }
    return s;
}

void saveStatus(const SyncPaths& paths, const SyncStatus& s) {
    Poco::JSON::Object o;
    o.set("configured_at", toUnixSeconds(s.configuredAt));
    if (s.lastAttemptAt) o.set("last_attempt_at", toUnixSeconds(*s.lastAttemptAt));
    if (s.lastFailureAt) o.set("last_failure_at", toUnixSeconds(*s.lastFailureAt));
    o.set("last_error", s.lastError);
    o.set("consecutive_failures", s.consecutiveFailures);
    if (s.lastSuccess) {
        const RunReport& run = *s.lastSuccess;
        Poco::JSON::Object::Ptr r = new Poco::JSON::Object;
        r->set("sequence", run.sequence);
        r->set("full", run.full);
        r->set("bytes_uploaded", run.bytesUploaded);
        r->set("objects_uploaded", run.objectsUploaded);
        r->set("plain_bytes", run.plainBytes);
        r->set("duration_ms", static_cast<long long>(run.duration.count()));
        r->set("finished_at", toUnixSeconds(run.finishedAt));
        r->set("objects_pruned", run.objectsPruned);
        r->set("warning", run.warning);
        o.set("last_success", r);
    }
    std::ostringstream text;
    o.stringify(text);
    writePrivateFile(paths.status(), text.str());
}

}  // namespace hub::sync
