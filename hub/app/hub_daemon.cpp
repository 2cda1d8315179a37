#include "hub/app/hub_daemon.h"

#include "hub/api/openapi.h"
#include "hub/api/redirect_handler.h"
#include "hub/api/request_pipeline.h"
#include "hub/api/routes/announcement_routes.h"
#include "hub/api/routes/audit_routes.h"
#include "hub/api/routes/auth_routes.h"
#include "hub/api/routes/billing_routes.h"
#include "hub/api/routes/clinic_routes.h"
#include "hub/api/routes/display_page_routes.h"
#include "hub/api/routes/display_routes.h"
#include "hub/api/routes/patient_routes.h"
#include "hub/api/routes/rights_routes.h"
#include "hub/api/routes/queue_event_routes.h"
#include "hub/api/routes/queue_routes.h"
#include "hub/api/routes/visit_routes.h"
#include "hub/api/routes/formulary_routes.h"
#include "hub/api/routes/dashboard_routes.h"
#include "hub/api/routes/staff_routes.h"
#include "hub/api/routes/system_routes.h"
#include "hub/api/routes/web_routes.h"
#include "hub/api/routes/welcome_routes.h"
#include "hub/api/routes/session_gate.h"
#include "hub/api/routes/slip_routes.h"
#include "hub/api/routes/sync_routes.h"
#include "hub/api/routes/job_routes.h"
#include "discovery/advertiser.h"
#include "hub/app/kiosk_listener.h"
#include "hub/audit/audit_trail.h"
#include "hub/audit/keyed_hash.h"
#include "hub/auth/bootstrap.h"
#include "hub/auth/staff_service.h"
#include "hub/core/error.h"
#include "hub/core/log.h"
#include "hub/display/display_service.h"
#include "hub/display/queue_feed.h"
#include "hub/events/event_journal.h"
#include "hub/events/stream_hub.h"
#include "hub/onboarding/hub_addresses.h"
#include "hub/speech/announcement_service.h"
#include "hub/store/database.h"
#include "hub/store/data_dir_lock.h"
#include "hub/store/disk_space.h"
#include "hub/jobs/job_admin.h"
#include "hub/jobs/job_runner.h"
#include "hub/rights/retention_job.h"
#include "hub/sync/sync_job.h"
#include "hub/sync/sync_admin.h"
#include "hub/tls/certificate_authority.h"
#include "hub/tls/digest.h"
#include "hub/net/http_server.h"
#include "hub/net/plain_transport.h"
#include "hub/tls/tls_server_context.h"
#include "hub/tls/tls_server_session.h"
#include "hub/web/web_root.h"

#include <Poco/JSON/Stringifier.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <mutex>
#include <thread>
#include <sstream>

namespace hub::app {

namespace fs = std::filesystem;

// Members are declared in construction order; destruction runs in reverse, so
// the servers stop before the services and the database they use go away.
struct HubDaemon::Parts {
    // Held while the daemon runs, released last: a restore refuses to replace
    // the database under it (hub/store/data_dir_lock.h).
    std::optional<store::DataDirLock> dataLock;
    std::unique_ptr<store::DiskSpace> disk;  // the database's space guard: outlives it
    std::unique_ptr<store::Database> db;
    std::unique_ptr<auth::PasswordHasher> hasher;
    std::unique_ptr<auth::LoginThrottle> throttle;
    std::unique_ptr<auth::SessionService> sessions;
    std::unique_ptr<audit::AuditLog> audit;
    std::unique_ptr<auth::StaffService> staff;
    std::unique_ptr<audit::AuditTrail> trail;
    std::unique_ptr<api::SessionGate> gate;
    // Live streams: the journal and the one thread that owns every SSE connection.
    std::unique_ptr<events::EventJournal> journal;
    std::unique_ptr<events::StreamHub> streams;
    std::unique_ptr<display::QueueFeed> feed;
    std::unique_ptr<opd::ClinicService> clinic;
    std::unique_ptr<opd::PatientService> patients;
    std::unique_ptr<billing::BillingService> billing;  // before the queue: its check-in hook
    std::unique_ptr<opd::QueueService> queue;
    std::unique_ptr<opd::VisitService> visits;
    std::unique_ptr<opd::FormularyService> formulary;  // the admin's formulary and templates
    std::unique_ptr<rights::PatientRights> rights;  // consent, deletion requests, retention, exports
    std::unique_ptr<opd::DashboardService> dashboard;
    std::unique_ptr<display::DisplayService> displays;
    std::unique_ptr<speech::Announcer> announcer;
    std::unique_ptr<speech::AnnouncementService> announcements;
    std::unique_ptr<slip::TrackingService> tracking;
    std::unique_ptr<slip::SlipService> slips;
    std::unique_ptr<billing::ReceiptPrinter> receipts;  // on the slips' printer
    // Background work (hub/jobs): the runner's threads, never the watchdog's;
    // stop() cancels the runs in progress. The nightly sync is its "sync" job.
    std::unique_ptr<jobs::JobRunner> jobs;
    std::unique_ptr<jobs::JobAdmin> jobAdmin;
    std::unique_ptr<sync::SyncService> sync;
    std::unique_ptr<sync::SyncAdmin> syncAdmin;

    std::unique_ptr<tls::CertificateAuthority> ca;
    std::shared_ptr<tls::TlsServerContextHolder> tlsContexts;
    bool ownCertificate = true;  // false when the admin supplied one
    std::string rootPem;
    std::string rootFingerprintHex;
    // The server certificate is renewed by the main loop's upkeep and, when Avahi
    // renames the box, from the advertiser's thread.
    std::mutex certificateMutex;
    std::string hostname;  // the box's name on the LAN (<hostname>.local); Avahi may rename it

    std::unique_ptr<api::SystemInfo> systemInfo;
    std::string openApiDocument;
    std::unique_ptr<api::Router> router;
    std::unique_ptr<api::RequestPipeline> pipeline;
    std::unique_ptr<api::RedirectHandler> redirect;
    std::unique_ptr<KioskListener> kiosk;
    // Every listener's connections; after the handlers above, so it stops first.
    std::unique_ptr<net::HttpServer> server;
    std::string status;

    // Last, so it stops first: its callbacks use the certificate authority.
    std::unique_ptr<discovery::Advertiser> advertiser;
};

HubDaemon::HubDaemon(HubConfig config, const Clock& clock, Random& random)
    : config_(std::move(config)), clock_(clock), random_(random) {}

HubDaemon::~HubDaemon() { stop(); }

namespace {

// How long requests in flight may take to finish once shutdown begins.
constexpr std::chrono::seconds shutdownGrace{3};

// /healthz: failing when the database does not answer or the disk is at its
// floor, degraded when the disk is below its warning level.
// Failing: the database does not answer, or the disk is full. Degraded: the
// disk is low, or the cloud sync has missed three nights (the hub serves, but
// someone should look).
api::Health hubHealth(store::Database& db, const store::DiskSpace& disk, bool syncOverdue) {
    try {
        db.schemaVersion();
    } catch (const std::exception& e) {
        log::debug("hub", std::string("health check: the database does not answer: ") + e.what());
        return api::Health::Failing;
    }
    switch (disk.state()) {
        case store::DiskState::Full: return api::Health::Failing;
        case store::DiskState::Low: return api::Health::Degraded;
        case store::DiskState::Ok: return syncOverdue ? api::Health::Degraded : api::Health::Ok;
    }
    return api::Health::Failing;
}

net::ServerOptions serverOptions(const HubConfig& config) {
    net::ServerOptions o;
    o.workers = config.workerThreads;
    const std::size_t descriptors = net::raiseDescriptorLimit();
    o.maxConnections = config.maxConnections != 0
                           ? config.maxConnections
                           : net::connectionBudget(net::physicalMemoryBytes(), descriptors);
    o.handshakeTimeout = config.handshakeTimeout;
    o.idleTimeout = config.keepAliveTimeout;
    o.headTimeout = config.requestHeadTimeout;
    o.bodyTimeout = config.requestHeadTimeout;
    o.minBodyBytesPerSecond = config.minBodyBytesPerSecond;
    log::info("http", "holding at most " + std::to_string(o.maxConnections) + " connections (" +
                          std::to_string(descriptors) + " descriptors)");
    return o;
}

std::string listenUrl(const std::string& scheme, const std::string& address, int port) {
    const bool v6 = address.find(':') != std::string::npos;
    return scheme + "://" + (v6 ? "[" + address + "]" : address) + ":" + std::to_string(port);
}

// The onboarding routes over the root CA and the box's current names and addresses.
std::vector<api::Route> welcomeRoutes(const HubConfig& config, const tls::CertificateAuthority& ca,
                                      const web::WebRoot& web, std::function<std::string()> hostname) {
    return api::welcomeRoutes(api::WelcomeInfo{ca.rootPem(), ca.rootDer(), ca.rootFingerprintSha256(),
                                               [config, hostname] {
                                                   onboarding::HubAddresses hub;
                                                   hub.hostname = hostname();
                                                   hub.addresses = onboarding::reachableAddresses(
                                                       config.listenAddress, tls::detectServerNames().addresses);
                                                   hub.httpsPort = config.httpsPort;
                                                   hub.httpPort = config.httpPort;
                                                   return hub;
                                               },
                                               web.url("welcome", "welcome.css")});
}

}  // namespace

void HubDaemon::start() {
    auto p = std::make_unique<Parts>();
    const fs::path dataDir = config_.dataDir;

    // Before the database is opened (and migrated): a restore may be replacing it right now.
    if (fs::is_directory(dataDir)) {
        p->dataLock = store::DataDirLock::shareForDaemon(dataDir);
        if (!p->dataLock)
            throw Error(ErrorCode::Conflict, "a restore ('clinic-hub restore' or 'clinic-hub restore-snapshot') is "
                                             "replacing the database in " + config_.dataDir +
                                             "; start clinic-hubd again when it has finished");
    }
    p->db = store::Database::open(store::databaseFile(dataDir));
    if (!auth::isInitialized(*p->db))
        throw Error(ErrorCode::Unavailable, "no clinic in " + config_.dataDir + ": run 'clinic-hub init --data-dir " +
                                                config_.dataDir + "' first");
    // Abuse limits (docs/security.md): the disk's floors, argon2id's memory, patient search.
    constexpr std::uint64_t mib = 1024 * 1024;
    p->disk = std::make_unique<store::DiskSpace>(store::filesystemFreeSpace(dataDir),
                                                 store::DiskFloors{config_.diskWarningMiB * mib, config_.diskFloorMiB * mib});
    p->db->setSpaceGuard(p->disk.get());
    if (const auto line = p->disk->noteChange()) log::warning("store", *line);
    auth::HashingLimits hashing;
    if (config_.passwordHashConcurrency != 0) hashing.concurrency = config_.passwordHashConcurrency;
    hashing.maxWait = std::chrono::duration_cast<std::chrono::milliseconds>(config_.passwordHashWait);
    p->hasher = std::make_unique<auth::PasswordHasher>(auth::owaspArgon2Params, hashing);
    opd::SearchPolicy search;
    search.perSession = RateLimit{static_cast<double>(config_.searchBurst), config_.searchesPerMinute / 60.0};
    search.queryHasher = audit::KeyedHasher::loadOrCreate(dataDir);

    auth::SessionPolicy policy;
    policy.idle = std::chrono::duration_cast<Seconds>(config_.sessionIdle);
    policy.absolute = std::chrono::duration_cast<Seconds>(config_.sessionAbsolute);
    p->throttle = std::make_unique<auth::LoginThrottle>(clock_);
    p->sessions = std::make_unique<auth::SessionService>(*p->db, clock_, random_, policy);
    p->audit = std::make_unique<audit::AuditLog>(clock_);
    p->staff = std::make_unique<auth::StaffService>(*p->db, clock_, *p->hasher, *p->throttle, *p->sessions, *p->audit);
    // A reader of the trail sees the failed sign-ins held back for batching too.
    p->trail = std::make_unique<audit::AuditTrail>(*p->db, *p->audit,
                                                   [staff = p->staff.get()] { staff->flushSignInAudit(); });
    p->gate = std::make_unique<api::SessionGate>(*p->sessions, *p->db, *p->audit);
    p->journal = std::make_unique<events::EventJournal>(events::EventJournal::defaultCapacity,
                                                       events::randomFirstId(random_));
    p->streams = std::make_unique<events::StreamHub>(
        *p->journal,
        events::StreamHubOptions{config_.maxStreams, config_.streamsPerAddress, config_.streamsPerSession});
    p->feed = std::make_unique<display::QueueFeed>(*p->db, clock_, *p->journal);
    p->feed->noticeDayTurn();  // notes today, so the first upkeep after midnight sees the turn
    p->clinic = std::make_unique<opd::ClinicService>(*p->db, clock_, *p->audit);
    p->patients = std::make_unique<opd::PatientService>(*p->db, clock_, *p->audit, std::move(search));
    p->billing = std::make_unique<billing::BillingService>(*p->db, clock_, *p->audit);
    p->queue = std::make_unique<opd::QueueService>(*p->db, clock_, *p->audit, p->feed.get());
    p->queue->setCheckInHook(p->billing.get());  // check-in opens the consultation invoice
    p->visits = std::make_unique<opd::VisitService>(*p->db, clock_, *p->audit);
    p->formulary = std::make_unique<opd::FormularyService>(*p->db, *p->audit);
    p->rights = std::make_unique<rights::PatientRights>(*p->db, clock_, *p->audit);
    p->dashboard = std::make_unique<opd::DashboardService>(*p->db, clock_);
    p->displays = std::make_unique<display::DisplayService>(*p->db, clock_, random_, *p->audit, *p->feed);
    p->announcer = speech::loadAnnouncer(config_.voiceDir.empty() ? dataDir / "voices" : fs::path(config_.voiceDir),
                                         config_.defaultVoiceDir.empty() ? speech::defaultVoiceDirectory()
                                                                         : fs::path(config_.defaultVoiceDir));
    p->announcements = std::make_unique<speech::AnnouncementService>(
        *p->announcer, [displays = p->displays.get()](const std::string& key) { return displays->settingsForKey(key).languages; });
    p->tracking = std::make_unique<slip::TrackingService>(*p->db, clock_, *p->queue);
    p->slips = std::make_unique<slip::SlipService>(
        *p->db, random_, *p->audit, *p->queue, [parts = p.get(), https = config_.httpsPort, http = config_.httpPort] {
            std::lock_guard lock(parts->certificateMutex);  // Avahi may rename the box
            return slip::HubNames{parts->hostname, https, http};
        },
        slip::PrinterSettings{config_.printerAddress,
                              config_.printerPaperMm == 58 ? slip::PaperWidth::Mm58 : slip::PaperWidth::Mm80});

    p->receipts = std::make_unique<billing::ReceiptPrinter>(*p->db, *p->audit, *p->billing, *p->slips);

    const auto clinicTimezone = [clinic = p->clinic.get()] { return clinic->profile().timezone; };
    p->jobs = std::make_unique<jobs::JobRunner>(jobs::JobEnvironment{*p->db, clock_, dataDir}, clinicTimezone);
    p->jobAdmin = std::make_unique<jobs::JobAdmin>(*p->jobs);
    p->sync = std::make_unique<sync::SyncService>(dataDir, clock_, random_, clinicTimezone);
    p->syncAdmin = std::make_unique<sync::SyncAdmin>(*p->sync, *p->jobs, *p->db, *p->audit);

    // Certificates: the hub's own CA unless the admin configured a certificate.
    p->ca = std::make_unique<tls::CertificateAuthority>(dataDir / "tls", clock_);
    p->ca->ensureRoot(config_.hostname);
    p->rootPem = p->ca->rootPem();
    p->rootFingerprintHex = tls::sha256Hex(p->ca->rootDer());
    p->hostname = config_.hostname;
    fs::path certificate = p->ca->serverCertificatePath(), key = p->ca->serverKeyPath();
    if (!config_.tlsCertificate.empty()) {
        p->ownCertificate = false;
        certificate = config_.tlsCertificate;
        key = config_.tlsPrivateKey;
        tls::validateCertificateAndKey(certificate, key);
    } else {
        auto names = tls::detectServerNames();
        names.hostname = config_.hostname;
        names.crlHttpPort = config_.httpPort;
        if (p->ca->ensureServerCertificate(names)) log::info("tls", "issued a server certificate for " + names.hostname);
    }
    p->tlsContexts = std::make_shared<tls::TlsServerContextHolder>(
        tls::TlsServerContext::fromFiles(certificate, key));

    // Every browser asset, read once from the web root (hub/web).
    const auto webRoot = std::make_shared<const web::WebRoot>(
        web::WebRoot::load(config_.webRoot.empty() ? web::defaultWebRoot() : fs::path(config_.webRoot)));
    log::info("web", "serving the web apps from " + webRoot->root().string());

    // The routing table: every route, its permission and its schema, declared once.
    p->systemInfo = std::make_unique<api::SystemInfo>(api::SystemInfo{
        clock_, clock_.now(), [parts = p.get()] { return parts->rootPem; },
        [parts = p.get()] {
            std::lock_guard lock(parts->certificateMutex);  // the CA is shared with the renewal thread
            return parts->ca->crlDer();
        },
        [parts = p.get()] { return hubHealth(*parts->db, *parts->disk, parts->sync->syncOverdue()); }});
    std::vector<api::Route> routes = api::systemRoutes(*p->systemInfo);
    for (auto&& group : {api::authRoutes(*p->staff, *p->sessions, policy.absolute), api::staffRoutes(*p->staff),
                         api::auditRoutes(*p->trail), api::clinicRoutes(*p->clinic),
                         api::patientRoutes(*p->patients), api::queueRoutes(*p->queue), api::visitRoutes(*p->visits),
                         api::formularyRoutes(*p->formulary),
                         api::rightsRoutes(*p->rights),
                         api::dashboardRoutes(*p->dashboard),
                         api::queueEventRoutes(*p->journal, *p->streams, *p->sessions),
                         api::displayRoutes(*p->displays, *p->journal, *p->streams),
                         api::prescriptionAssetRoutes(), api::announcementRoutes(*p->announcements),
                         api::slipRoutes(*p->slips), api::trackingRoutes(*p->tracking),
                         api::syncRoutes(*p->syncAdmin), api::jobRoutes(*p->jobAdmin),
                         api::billingRoutes(*p->billing, *p->receipts),
                         api::displayPageRoutes(webRoot), api::webRoutes(webRoot),
                         welcomeRoutes(config_, *p->ca, *webRoot, [parts = p.get()] {
                             std::lock_guard lock(parts->certificateMutex);  // Avahi may rename the box
                             return parts->hostname;
                         })})
        routes.insert(routes.end(), group.begin(), group.end());
    routes.push_back(api::openApiRoute([parts = p.get()] { return parts->openApiDocument; }));
    std::ostringstream document;
    Poco::JSON::Stringifier::stringify(api::buildOpenApiDocument(routes, CLINIC_HUB_VERSION), document);
    p->openApiDocument = document.str();
    p->router = std::make_unique<api::Router>(std::move(routes));
    p->pipeline = std::make_unique<api::RequestPipeline>(*p->router, *p->gate, random_);

    // One connection server for every listener: a worker serves a request,
    // never a connection (docs/architecture.md, "Threads").
    p->server = std::make_unique<net::HttpServer>(serverOptions(config_));
    net::RequestLimits limits;
    limits.maxBodyBytes = config_.maxBodyBytes;
    net::ListenerOptions https;
    https.name = "https";
    https.address = Poco::Net::SocketAddress(config_.listenAddress, config_.httpsPort);
    https.handler = [pipeline = p->pipeline.get()](net::HttpRequest& rq, net::HttpResponse& rs) { pipeline->handle(rq, rs); };
    https.refusal = api::refuseRequest;
    https.connectionsPerAddress = config_.connectionsPerAddress;
    https.requestLimits = limits;
    if (config_.devPlainHttp) {
        log::warning("http", "--dev-plain-http: serving the API WITHOUT TLS; never do this in a clinic");
        https.name = "http (dev)";
        https.transport = [](int fd) { return std::make_unique<net::PlainTransport>(fd); };
    } else {
        https.transport = [contexts = p->tlsContexts](int fd) {
            return std::make_unique<tls::ServerSession>(fd, contexts->current());
        };
    }
    p->server->listen(https);
    if (config_.httpPort != 0) {
        p->redirect = std::make_unique<api::RedirectHandler>(config_.hostname + ".local", config_.httpsPort, *p->router,
                                                             *p->pipeline);
        net::ListenerOptions plain = https;
        plain.name = "http";
        plain.address = Poco::Net::SocketAddress(config_.listenAddress, config_.httpPort);
        plain.transport = [](int fd) { return std::make_unique<net::PlainTransport>(fd); };
        plain.handler = [redirect = p->redirect.get()](net::HttpRequest& rq, net::HttpResponse& rs) { redirect->handle(rq, rs); };
        plain.connectionsPerAddress = config_.plainConnectionsPerAddress;
        p->server->listen(plain);
        log::info("http", "serving the welcome page on " + listenUrl("http", config_.listenAddress, config_.httpPort) +
                              " and redirecting the rest to HTTPS");
    }
    if (config_.kioskPort != 0) {
        p->kiosk = std::make_unique<KioskListener>(p->router->routes(), *p->gate, random_, *p->server, config_.kioskPort,
                                                  limits);
        log::info("kiosk", "serving the waiting-room display on " + p->kiosk->url() + "/display/<key> (loopback only)");
    }
    p->streams->start();
    if (config_.mdns)
        startAdvertising(*p);
    else
        log::info("mdns", "not advertising on the network (mdns = no): staff reach the hub by its address");
    // Every listener is bound before any answers: once /healthz does (what the
    // readiness tests and monitors wait for), the welcome page is reachable too.
    p->server->start();
    // Last: nothing after this may throw, so no job runs on a half-built hub.
    registerJobs(*p);
    p->jobs->start();
    p->status = "serving " + listenUrl(config_.devPlainHttp ? "http" : "https", config_.listenAddress, config_.httpsPort);
    log::info("http", p->status);
    parts_ = std::move(p);
}

// Every background job of the hub, in one place (docs/architecture.md, "Where
// to add things"). Each runs on the runner's threads; a job that throws is
// recorded as failed and its schedule tries again, and the clinic keeps being served.
void HubDaemon::registerJobs(Parts& p) {
    using namespace std::chrono_literals;
    using jobs::Schedule;
    // Checked often: a DHCP lease may move the box to another address at any time.
    if (p.ownCertificate)
        p.jobs->add({"certificate-renewal",
                     "re-issues the server certificate when the box's names or addresses change or expiry nears",
                     [] { return Schedule::every(5min); },
                     [this, &p](const jobs::CancelToken&) -> std::string {
                         std::lock_guard lock(p.certificateMutex);
                         return renewServerCertificate(p) ? "re-issued (addresses or expiry changed)" : "still valid";
                     }});
    // The clinic day turns at midnight in the clinic's timezone: screens reset
    // their boards. The window's length covers a box that was busy or off at
    // midnight (start-up notes the day as well).
    p.jobs->add({"midnight-roll", "starts the new clinic day on the staff screens and waiting-room displays",
                 [] { return Schedule::daily({0, 6 * 60}); },
                 [&p](const jobs::CancelToken&) -> std::string {
                     p.feed->noticeDayTurn();
                     return "";
                 }});
    p.jobs->add({"session-purge", "deletes expired and idle sign-in sessions",
                 [] { return Schedule::every(10min); },
                 [&p](const jobs::CancelToken&) -> std::string {
                     return std::to_string(p.sessions->purgeExpired()) + " sessions ended";
                 }});
    // Every minute: failed sign-ins are written to the trail per ended minute.
    p.jobs->add({"sign-in-upkeep", "writes the ended minutes of failed sign-ins to the audit trail, lifts expired lock-outs",
                 [] { return Schedule::every(1min); },
                 [&p](const jobs::CancelToken&) -> std::string {
                     p.staff->upkeep();
                     return "";
                 }});
    p.jobs->add({"disk-check", "logs the data disk's free space when its state changes",
                 [] { return Schedule::every(1min); },
                 [&p](const jobs::CancelToken&) -> std::string {
                     if (const auto line = p.disk->noteChange())
                         p.disk->state() == store::DiskState::Ok ? log::info("store", *line) : log::warning("store", *line);
                     return std::string(store::diskStateName(p.disk->state()));
                 }});
    p.jobs->add(rights::retentionJob(p.rights->retention));
    p.jobs->add(sync::syncJob(*p.sync));
}

void HubDaemon::maintain() {
    if (parts_) parts_->jobs->nudge();
}

void HubDaemon::stop() {
    if (!parts_) return;
    Parts& p = *parts_;
    // Screens see the close at once and reconnect to the next hub; then the
    // server stops accepting, closes idle connections, lets requests in flight
    // finish for a moment and cuts whatever is still open (a client stalled
    // mid-request must not hold the shutdown hostage: systemd would SIGKILL us
    // mid-write).
    if (p.streams) p.streams->stop();
    if (p.jobs) p.jobs->stop();  // runs in progress are cancelled (a sync gives up between objects and resumes next time)
    if (p.server) p.server->stop(shutdownGrace);
    parts_.reset();
    log::info("hub", "stopped");
}

bool HubDaemon::renewServerCertificate(Parts& p) {
    auto names = tls::detectServerNames();
    names.hostname = p.hostname;
    names.crlHttpPort = config_.httpPort;
    if (!p.ca->ensureServerCertificate(names)) return false;
    p.tlsContexts->replace(tls::TlsServerContext::fromFiles(p.ca->serverCertificatePath(), p.ca->serverKeyPath()));
    return true;
}

discovery::Advertisement HubDaemon::advertisement(const Parts& p, const std::string& clinicName) const {
    return discovery::hubAdvertisement(clinicName, config_.mdnsServiceName, config_.httpsPort, CLINIC_HUB_VERSION,
                                       p.rootFingerprintHex);
}

void HubDaemon::startAdvertising(Parts& p) {
    if (config_.devPlainHttp) {
        log::info("mdns", "not advertising: --dev-plain-http serves no HTTPS to advertise");
        return;
    }
    try {
        discovery::AdvertiserEvents events;
        events.hostName = [this, &p](const std::string& label) { followHostName(p, label); };
        p.advertiser = std::make_unique<discovery::Advertiser>(advertisement(p, p.clinic->profile().name), events);
        p.clinic->onProfileChanged([this, &p](const domain::ClinicProfile& profile) {
            p.advertiser->update(advertisement(p, profile.name));
        });
    } catch (const std::exception& e) {
        // The hub serves by IP address without it; never fail the start for mDNS.
        log::warning("mdns", std::string("cannot advertise the hub on the network: ") + e.what());
    }
}

void HubDaemon::followHostName(Parts& p, const std::string& label) {
    std::lock_guard lock(p.certificateMutex);
    if (label == p.hostname) return;
    log::warning("mdns", "the box is on the network as " + label + ".local, not " + p.hostname +
                             ".local (another device may use that name; see INSTALL.md, 'The hub's name')");
    p.hostname = label;
    if (!p.ownCertificate) return;
    try {
        if (renewServerCertificate(p)) log::info("tls", "re-issued the server certificate for " + label + ".local");
    } catch (const std::exception& e) {
        log::error("tls", "cannot re-issue the server certificate for " + label + ".local: " + e.what());
    }
}

std::string HubDaemon::statusLine() const { return parts_ ? parts_->status : "stopped"; }

}  // namespace hub::app
