#include "hub/sync/sync_service.h"

#include "hub/core/log.h"
#include "hub/core/text.h"
#include "hub/sync/sync_error.h"
#include "hub/jobs/job_lock.h"
#include "hub/sync/sync_run.h"
#include "hub/tls/certificate_authority.h"
#include "hub/tls/tls_client_context.h"
#include "hub/tls/tls_error.h"

namespace hub::sync {
namespace {

SyncError notConfigured() {
    return SyncError(SyncProblem::NotConfigured, "cloud sync is not set up on this hub (clinic-hub sync init)");
}

}  // namespace

LocalKeys loadLocalKeys(const SyncPaths& paths) {
    std::string hex = readPrivateFile(paths.dataKey());
    while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r')) hex.pop_back();
    const auto raw = hexDecode(hex);
    if (!raw) throw Error(ErrorCode::Unavailable, paths.dataKey().string() + " does not hold a data key");
    return {DataKey::fromBytes(*raw), readPrivateFile(paths.wrappedKey())};
}

void saveLocalKeys(const SyncPaths& paths, const DataKey& key, const std::string& wrapped) {
    writePrivateFile(paths.dataKey(), hexEncode(key.bytes()) + "\n");
    writePrivateFile(paths.wrappedKey(), wrapped);
}

SyncService::SyncService(std::filesystem::path dataDir, const Clock& clock, Random& random,
                         std::function<std::string()> clinicTimezone)
    : paths_{std::move(dataDir)}, clock_(clock), random_(random), clinicTimezone_(std::move(clinicTimezone)) {}

bool SyncService::configured() const { return std::filesystem::exists(paths_.settings()); }

SyncSettings SyncService::settings() const {
    auto s = loadSettings(paths_);
    if (!s) throw notConfigured();
    return *s;
}

RunReport SyncService::runOnce(const std::atomic<bool>* cancel) {
    const SyncSettings s = settings();

    SyncStatus status = loadStatus(paths_);
    status.lastAttemptAt = clock_.now();
    try {
        const LocalKeys keys = loadLocalKeys(paths_);
        if (!std::filesystem::exists(paths_.tlsDir() / "ca.crt"))
            throw Error(ErrorCode::Unavailable, "the hub's root certificate is missing: start clinic-hubd once first");
        tls::CertificateAuthority ca(paths_.tlsDir(), clock_);
        ca.ensureRoot();
        S3Client client(s.target, clock_, cancel);
        const RunContext context{paths_, s, client, keys.key, keys.wrapped, clock_, random_,
                                 [&ca](std::string_view message) { return ca.signWithRoot(message); }, cancel};
        const RunReport report = runSync(context);
        status.lastSuccess = report;
        status.lastError.clear();
        status.consecutiveFailures = 0;
        saveStatus(paths_, status);
        log::info("sync", "restore point " + std::to_string(report.sequence) + " committed (" +
                              (report.full ? "full copy, " : "changes, ") + std::to_string(report.bytesUploaded) +
                              " bytes in " + std::to_string(report.objectsUploaded) + " objects)");
        return report;
    } catch (const std::exception& e) {
        const auto* syncError = dynamic_cast<const SyncError*>(&e);
        const auto* tlsError = dynamic_cast<const tls::TlsError*>(&e);
        status.lastError = tlsError ? tlsError->displayText() : e.what();
        status.lastFailureAt = clock_.now();
        if (!syncError || syncError->problem() != SyncProblem::Cancelled) ++status.consecutiveFailures;
        saveStatus(paths_, status);
        log::warning("sync", "sync run failed: " + status.lastError);
        throw;
    }
}

SyncSettings SyncService::updateSettings(const SettingsChange& c) {
    SyncSettings s = settings();
    auto& t = s.target;
    if (c.endpoint) t.endpoint = *c.endpoint;
    if (c.bucket) t.bucket = *c.bucket;
    if (c.prefix) t.prefix = *c.prefix;
    if (c.region) t.region = *c.region;
    if (c.pathStyle) t.pathStyle = *c.pathStyle;
    if (c.caFile) t.caFile = *c.caFile;
    if (c.accessKeyId) t.credentials.accessKeyId = *c.accessKeyId;
    if (c.secretKey) t.credentials.secretKey = *c.secretKey;
    if (c.bandwidthLimitKiBps) {
        if (*c.bandwidthLimitKiBps < 0 || *c.bandwidthLimitKiBps > 10'000'000)
            throw invalidInput("bandwidth_limit_kib_per_second", "the bandwidth limit must be 0 (none) to 10000000 KiB/s");
        t.bandwidthLimitBytesPerSecond = static_cast<std::uint64_t>(*c.bandwidthLimitKiBps) * 1024;
    }
    if (c.window) s.window = parseWindow(*c.window, "window");
    if (c.retentionDaily) s.retention.daily = *c.retentionDaily;
    if (c.retentionWeekly) s.retention.weekly = *c.retentionWeekly;
    if (c.retentionMonthly) s.retention.monthly = *c.retentionMonthly;
    if (c.fullEveryDays) s.fullEveryDays = *c.fullEveryDays;
    checkSettings(s);
    if (c.caFile && !t.caFile.empty()) {
        try {
            (void)tls::TlsClientContext::fromFile(t.caFile);
        } catch (const tls::TlsError& e) {
            throw invalidInput("ca_file", "the CA file cannot be used: " + e.displayText());
        }
    }
    saveSettings(paths_, s);
    return s;
}

SyncSchedule SyncService::schedule(const SyncSettings& s) const { return SyncSchedule(s.window, clinicTimezone_()); }

StatusView SyncService::status() const {
    StatusView v;
    v.configured = configured();
    v.status = loadStatus(paths_);
    if (!v.configured) return v;
    v.running = jobs::jobLockHeld(jobs::jobLockFile(paths_.dataDir, "sync"));
    const auto sched = schedule(settings());
    const TimePoint now = clock_.now();
    v.nextRun = sched.nextRun(now, v.status);
    v.missedNights = sched.missedNights(now, v.status);
    v.overdue = v.missedNights >= SyncSchedule::kOverdueNights;
    return v;
}

bool SyncService::syncOverdue() const {
    try {
        return configured() && status().overdue;
    } catch (const std::exception& e) {
        log::warning("sync", std::string("cannot read the sync status: ") + e.what());
        return true;  // a sync that cannot even say how it is doing needs looking at
    }
}

std::optional<SyncWindow> SyncService::window() const {
    const auto s = loadSettings(paths_);
    if (!s) return std::nullopt;
    return s->window;
}

}  // namespace hub::sync
