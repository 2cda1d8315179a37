#include "hub/api/routes/sync_routes.h"

#include "hub/api/routes/json_mapping.h"
#include "hub/api/routes/session_gate.h"

namespace hub::api {
namespace {

std::vector<Property> settingsProperties(bool request) {
    auto field = [request](std::string name, Schema s) {
        return request ? optional(std::move(name), std::move(s)) : required(std::move(name), std::move(s));
    };
    std::vector<Property> props = {
        field("endpoint", withLength(string("https://host[:port] of the S3-compatible store"), 1, 300)),
        field("bucket", withLength(string(), 3, 63)),
        field("prefix", withLength(string("inside the bucket, e.g. clinics/shanti/"), 0, 200)),
        field("region", withLength(string(), 1, 64)),
        field("path_style", boolean("bucket in the path (MinIO, Ceph) instead of the host name")),
        field("ca_file", withLength(string("a CA file on the hub to trust instead of the system's; empty = system"), 0, 500)),
        field("access_key_id", withLength(string(), 1, 200)),
        field("window", withLength(string("the nightly window in clinic time, HH:MM-HH:MM"), 11, 11)),
        field("retention_daily", withRange(integer("restore points kept, one per day"), 0, 366)),
        field("retention_weekly", withRange(integer("one per week"), 0, 520)),
        field("retention_monthly", withRange(integer("one per month"), 0, 1200)),
        field("full_every_days", withRange(integer("a full copy at least this often"), 1, 365)),
        field("bandwidth_limit_kib_per_second", withRange(integer("0 = no limit (for metered links)"), 0, 10000000)),
    };
    if (request)
        props.push_back(optional("secret_key", withFormat(withLength(string("write-only"), 1, 200), "password")));
    else
        props.push_back(required("secret_key_set", boolean("the secret key itself is never sent back")));
    return props;
}

Poco::JSON::Object::Ptr settingsJson(const sync::SyncSettings& s) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("endpoint", s.target.endpoint);
    o->set("bucket", s.target.bucket);
    o->set("prefix", s.target.prefix);
    o->set("region", s.target.region);
    o->set("path_style", s.target.pathStyle);
    o->set("ca_file", s.target.caFile);
    o->set("access_key_id", s.target.credentials.accessKeyId);
    o->set("window", sync::windowText(s.window));
    o->set("retention_daily", s.retention.daily);
    o->set("retention_weekly", s.retention.weekly);
    o->set("retention_monthly", s.retention.monthly);
    o->set("full_every_days", s.fullEveryDays);
    o->set("bandwidth_limit_kib_per_second", static_cast<long long>(s.target.bandwidthLimitBytesPerSecond / 1024));
    o->set("secret_key_set", !s.target.credentials.secretKey.empty());
    return o;
}

Schema statusSchema() {
    return object({
        required("configured", boolean()),
        required("running", boolean("a run is in progress (from the hub or the command line)")),
        optional("last_attempt_at", withFormat(string(), "date-time")),
        optional("last_success_at", withFormat(string(), "date-time")),
        optional("last_restore_point", integer()),
        optional("last_full", boolean("the last restore point was a full copy")),
        optional("last_bytes_uploaded", integer()),
        optional("last_objects_uploaded", integer()),
        optional("last_duration_ms", integer()),
        optional("last_error", string("why the last run failed; absent after a success")),
        optional("last_error_at", withFormat(string(), "date-time")),
        required("consecutive_failures", integer()),
        optional("next_run_at", withFormat(string(), "date-time")),
        required("missed_nights", integer()),
        required("overdue", boolean("3 or more nights without a restore point")),
    });
}

Poco::JSON::Object::Ptr statusJson(const sync::StatusView& v) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    const auto& s = v.status;
    o->set("configured", v.configured);
    o->set("running", v.running);
    if (s.lastAttemptAt) o->set("last_attempt_at", formatRfc3339(*s.lastAttemptAt));
    if (s.lastSuccess) {
        o->set("last_success_at", formatRfc3339(s.lastSuccess->finishedAt));
        o->set("last_restore_point", s.lastSuccess->sequence);
        o->set("last_full", s.lastSuccess->full);
        o->set("last_bytes_uploaded", s.lastSuccess->bytesUploaded);
        o->set("last_objects_uploaded", s.lastSuccess->objectsUploaded);
        o->set("last_duration_ms", static_cast<long long>(s.lastSuccess->duration.count()));
    }
    if (!s.lastError.empty()) o->set("last_error", s.lastError);
    if (s.lastFailureAt && !s.lastError.empty()) o->set("last_error_at", formatRfc3339(*s.lastFailureAt));
    o->set("consecutive_failures", s.consecutiveFailures);
    if (v.nextRun) o->set("next_run_at", formatRfc3339(*v.nextRun));
    o->set("missed_nights", v.missedNights);
    o->set("overdue", v.overdue);
    return o;
}

Route syncRoute(std::string method, std::string path, domain::Operation op, std::string summary) {
    Route r = staffRoute(std::move(method), std::move(path), op, std::move(summary));
    r.tag = "sync";
    r.errorStatuses = {409};
    return r;
}

}  // namespace

std::vector<Route> syncRoutes(sync::SyncAdmin& admin) {
    std::vector<Route> routes;

    Route get = syncRoute("GET", "/api/v1/sync/settings", domain::Operation::GetSyncSettings,
                          "Where the encrypted nightly sync sends the clinic's records, and when (409 until "
                          "'clinic-hub sync init' has set it up)");
    get.responseBody = object(settingsProperties(false));
    get.handler = [&admin](ApiRequest& r) { return ApiResponse::ok(settingsJson(admin.settings(actorFor(r)))); };
    routes.push_back(std::move(get));

    Route update = syncRoute("PATCH", "/api/v1/sync/settings", domain::Operation::UpdateSyncSettings,
                             "Change the sync's target, window, retention or bandwidth limit; absent fields stay as "
                             "they are. A new bucket or prefix starts a new history there with a full copy");
    update.requestBody = object(settingsProperties(true));
    update.responseBody = object(settingsProperties(false));
    update.handler = [&admin](ApiRequest& r) {
        const auto& b = r.body;
        sync::SettingsChange c;
        c.endpoint = optionalField<std::string>(b, "endpoint");
        c.bucket = optionalField<std::string>(b, "bucket");
        c.prefix = optionalField<std::string>(b, "prefix");
        c.region = optionalField<std::string>(b, "region");
        c.pathStyle = optionalField<bool>(b, "path_style");
        c.caFile = optionalField<std::string>(b, "ca_file");
        c.accessKeyId = optionalField<std::string>(b, "access_key_id");
        c.secretKey = optionalField<std::string>(b, "secret_key");
        c.window = optionalField<std::string>(b, "window");
        c.retentionDaily = optionalField<int>(b, "retention_daily");
        c.retentionWeekly = optionalField<int>(b, "retention_weekly");
        c.retentionMonthly = optionalField<int>(b, "retention_monthly");
        c.fullEveryDays = optionalField<int>(b, "full_every_days");
        c.bandwidthLimitKiBps = optionalField<long long>(b, "bandwidth_limit_kib_per_second");
        return ApiResponse::ok(settingsJson(admin.updateSettings(actorFor(r), c)));
    };
    routes.push_back(std::move(update));

    Route status = syncRoute("GET", "/api/v1/sync/status", domain::Operation::GetSyncStatus,
                             "The last success (bytes, objects, duration), the last error, the next run and how "
                             "many nights were missed");
    status.responseBody = statusSchema();
    status.errorStatuses = {};
    status.handler = [&admin](ApiRequest& r) { return ApiResponse::ok(statusJson(admin.status(actorFor(r)))); };
    routes.push_back(std::move(status));

    Route now = syncRoute("POST", "/api/v1/sync/run", domain::Operation::SyncNow,
                          "Start a sync run now, in the background (202); follow it with getSyncStatus. 409 when "
                          "one is already running or sync is not set up");
    now.successStatus = 202;
    now.responseBody = statusSchema();
    now.handler = [&admin](ApiRequest& r) {
        ApiResponse response = ApiResponse::ok(statusJson(admin.runNow(actorFor(r))));
        response.status = 202;
        return response;
    };
    routes.push_back(std::move(now));
    return routes;
}

}  // namespace hub::api
