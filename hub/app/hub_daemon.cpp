#include "hub/app/hub_daemon.h"

#include "hub/api/openapi.h"
#include "hub/api/redirect_handler.h"
#include "hub/api/request_pipeline.h"
#include "hub/api/routes/announcement_routes.h"
#include "hub/api/routes/audit_routes.h"
#include "hub/api/routes/auth_routes.h"
#include "hub/api/routes/clinic_routes.h"
#include "hub/api/routes/display_page_routes.h"
#include "hub/api/routes/display_routes.h"
#include "hub/api/routes/patient_routes.h"
#include "hub/api/routes/queue_event_routes.h"
#include "hub/api/routes/queue_routes.h"
#include "hub/api/routes/visit_routes.h"
#include "hub/api/routes/staff_routes.h"
#include "hub/api/routes/system_routes.h"
#include "hub/api/routes/welcome_routes.h"
#include "hub/api/routes/session_gate.h"
#include "hub/api/routes/slip_routes.h"
#include "hub/api/routes/sync_routes.h"
#include "discovery/advertiser.h"
#include "hub/app/kiosk_listener.h"
#include "hub/audit/audit_trail.h"
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
#include "hub/sync/background_sync.h"
#include "hub/sync/sync_admin.h"
#include "hub/tls/certificate_authority.h"
#include "hub/tls/digest.h"
#include "hub/tls/tls_server_context.h"
#include "hub/tls/tls_server_socket.h"

#include <Poco/JSON/Stringifier.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>

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
    std::unique_ptr<store::Database> db;
    auth::PasswordHasher hasher;
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
    std::unique_ptr<opd::QueueService> queue;
    std::unique_ptr<opd::VisitService> visits;
    std::unique_ptr<display::DisplayService> displays;
    std::unique_ptr<speech::Announcer> announcer;
    std::unique_ptr<speech::AnnouncementService> announcements;
    std::unique_ptr<slip::TrackingService> tracking;
    std::unique_ptr<slip::SlipService> slips;
    // The nightly sync: upkeep starts runs off the watchdog thread; stop() cancels one.
    std::unique_ptr<sync::SyncService> sync;
    std::unique_ptr<sync::BackgroundSync> syncRunner;
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

    std::unique_ptr<Poco::ThreadPool> workers;
    std::unique_ptr<Poco::Net::HTTPServer> https;
    std::unique_ptr<Poco::ThreadPool> redirectWorkers;
    std::unique_ptr<Poco::Net::HTTPServer> redirect;
    std::unique_ptr<KioskListener> kiosk;
    std::string status;

    // Last, so it stops first: its callbacks use the certificate authority.
    std::unique_ptr<discovery::Advertiser> advertiser;
};

HubDaemon::HubDaemon(HubConfig config, const Clock& clock) : config_(std::move(config)), clock_(clock) {}

HubDaemon::~HubDaemon() { stop(); }

namespace {

// How long requests in flight may take to finish once shutdown begins.
constexpr std::chrono::seconds shutdownGrace{3};
// Open streams (TVs, staff screens, patients' phones), each one descriptor: well
// inside the usual 1,024-descriptor limit beside the workers' connections.
constexpr std::size_t maxStreams = 500;

Poco::JSON::Object::Ptr databaseState(store::Database& db) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    try {
        o->set("schema_version", db.schemaVersion());
        o->set("status", "ok");
    } catch (const std::exception& e) {
        o->set("status", "error");
        o->set("message", std::string(e.what()));
    }
    return o;
}

// A listening socket that refuses a port another process already serves
// (POCO's ServerSocket(address) would set SO_REUSEPORT and share it).
Poco::Net::ServerSocket exclusiveListener(const Poco::Net::SocketAddress& address, int backlog) {
    Poco::Net::ServerSocket socket;
    socket.bind(address, true, false);
    socket.listen(backlog);
    return socket;
}

std::string listenUrl(const std::string& scheme, const std::string& address, int port) {
    const bool v6 = address.find(':') != std::string::npos;
    return scheme + "://" + (v6 ? "[" + address + "]" : address) + ":" + std::to_string(port);
}

// The onboarding routes over the root CA and the box's current names and addresses.
std::vector<api::Route> welcomeRoutes(const HubConfig& config, const tls::CertificateAuthority& ca,
                                      std::function<std::string()> hostname) {
    return api::welcomeRoutes(api::WelcomeInfo{ca.rootPem(), ca.rootDer(), ca.rootFingerprintSha256(), [config,
                                                                                                        hostname] {
        onboarding::HubAddresses hub;
        hub.hostname = hostname();
        hub.addresses = onboarding::reachableAddresses(config.listenAddress, tls::detectServerNames().addresses);
        hub.httpsPort = config.httpsPort;
        hub.httpPort = config.httpPort;
        return hub;
    }});
}

}  // namespace

void HubDaemon::start() {
    auto p = std::make_unique<Parts>();
    const fs::path dataDir = config_.dataDir;

    p->db = store::Database::open(dataDir / "clinic-hub.db");
    if (!auth::isInitialized(*p->db))
        throw Error(ErrorCode::Unavailable, "no clinic in " + config_.dataDir + ": run 'clinic-hub init --data-dir " +
                                                config_.dataDir + "' first");

    auth::SessionPolicy policy;
    policy.idle = std::chrono::duration_cast<Seconds>(config_.sessionIdle);
    policy.absolute = std::chrono::duration_cast<Seconds>(config_.sessionAbsolute);
    p->throttle = std::make_unique<auth::LoginThrottle>(clock_);
    p->sessions = std::make_unique<auth::SessionService>(*p->db, clock_, policy);
    p->audit = std::make_unique<audit::AuditLog>(clock_);
    p->staff = std::make_unique<auth::StaffService>(*p->db, clock_, p->hasher, *p->throttle, *p->sessions, *p->audit);
    p->trail = std::make_unique<audit::AuditTrail>(*p->db, *p->audit);
    p->gate = std::make_unique<api::SessionGate>(*p->sessions, *p->db, *p->audit);
    p->journal = std::make_unique<events::EventJournal>();
    p->streams = std::make_unique<events::StreamHub>(*p->journal, events::StreamHubOptions{maxStreams});
    p->feed = std::make_unique<display::QueueFeed>(*p->db, clock_, *p->journal);
    p->feed->noticeDayTurn();  // notes today, so the first upkeep after midnight sees the turn
    p->clinic = std::make_unique<opd::ClinicService>(*p->db, clock_, *p->audit);
    p->patients = std::make_unique<opd::PatientService>(*p->db, clock_, *p->audit);
    p->queue = std::make_unique<opd::QueueService>(*p->db, clock_, *p->audit, p->feed.get());
    p->visits = std::make_unique<opd::VisitService>(*p->db, clock_, *p->audit);
    p->displays = std::make_unique<display::DisplayService>(*p->db, clock_, *p->audit, *p->feed);
    p->announcer = speech::loadAnnouncer(config_.voiceDir.empty() ? dataDir / "voices" : fs::path(config_.voiceDir),
                                         config_.defaultVoiceDir.empty() ? speech::defaultVoiceDirectory()
                                                                         : fs::path(config_.defaultVoiceDir));
    p->announcements = std::make_unique<speech::AnnouncementService>(
        *p->announcer, [displays = p->displays.get()](const std::string& key) { return displays->settingsForKey(key).languages; });
    p->tracking = std::make_unique<slip::TrackingService>(*p->db, clock_, *p->queue);
    p->slips = std::make_unique<slip::SlipService>(
        *p->db, *p->audit, *p->queue, [parts = p.get(), https = config_.httpsPort, http = config_.httpPort] {
            std::lock_guard lock(parts->certificateMutex);  // Avahi may rename the box
            return slip::HubNames{parts->hostname, https, http};
        },
        slip::PrinterSettings{config_.printerAddress,
                              config_.printerPaperMm == 58 ? slip::PaperWidth::Mm58 : slip::PaperWidth::Mm80});

    p->sync = std::make_unique<sync::SyncService>(dataDir, clock_, [clinic = p->clinic.get()] { return clinic->profile().timezone; });
    p->syncRunner = std::make_unique<sync::BackgroundSync>(*p->sync);
    p->syncAdmin = std::make_unique<sync::SyncAdmin>(*p->sync, *p->syncRunner, *p->db, *p->audit);

    // Certificates: the hub's own CA unless the admin configured a certificate.
    p->ca = std::make_unique<tls::CertificateAuthority>(dataDir / "tls", clock_);
    p->ca->ensureRoot(config_.hostname);
    p->rootPem = p->ca->rootPem();
    p->rootFingerprintHex = tls::sha256Hex(p->ca->rootDer());
    p->hostname = config_.hostname;
    tls::TlsServerOptions tlsOptions;
    tlsOptions.handshakeTimeout = Poco::Timespan(config_.handshakeTimeout.count(), 0);
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
        tls::TlsServerContext::fromFiles(certificate, key, tlsOptions));

    // The routing table: every route, its permission and its schema, declared once.
    p->systemInfo = std::make_unique<api::SystemInfo>(api::SystemInfo{
        clock_, clock_.now(), [parts = p.get()] { return parts->rootPem; },
        [parts = p.get()] {
            std::lock_guard lock(parts->certificateMutex);  // the CA is shared with the renewal thread
            return parts->ca->crlDer();
        },
        [db = p->db.get()] { return databaseState(*db); },
        [sync = p->sync.get()] { return sync->syncOverdue(); }});
    std::vector<api::Route> routes = api::systemRoutes(*p->systemInfo);
    for (auto&& group : {api::authRoutes(*p->staff, *p->sessions, policy.absolute), api::staffRoutes(*p->staff),
                         api::auditRoutes(*p->trail), api::clinicRoutes(*p->clinic),
                         api::patientRoutes(*p->patients), api::queueRoutes(*p->queue), api::visitRoutes(*p->visits),
                         api::queueEventRoutes(*p->journal, *p->streams, *p->sessions),
                         api::displayRoutes(*p->displays, *p->journal, *p->streams),
                         api::prescriptionAssetRoutes(), api::announcementRoutes(*p->announcements),
                         api::slipRoutes(*p->slips), api::trackingRoutes(*p->tracking),
                         api::syncRoutes(*p->syncAdmin),
                         api::displayPageRoutes(),  // after getChime: /display/assets/{file} would match it
                         welcomeRoutes(config_, *p->ca, [parts = p.get()] {
                             std::lock_guard lock(parts->certificateMutex);  // Avahi may rename the box
                             return parts->hostname;
                         })})
        routes.insert(routes.end(), group.begin(), group.end());
    routes.push_back(api::openApiRoute([parts = p.get()] { return parts->openApiDocument; }));
    std::ostringstream document;
    Poco::JSON::Stringifier::stringify(api::buildOpenApiDocument(routes, CLINIC_HUB_VERSION), document);
    p->openApiDocument = document.str();
    p->router = std::make_unique<api::Router>(std::move(routes));
    p->pipeline = std::make_unique<api::RequestPipeline>(*p->router, *p->gate, api::PipelineOptions{config_.maxBodyBytes});

    // HTTPS: a keep-alive connection holds one worker while open, so the pool is
    // sized by configuration rather than grown without bound.
    auto params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(config_.workerThreads);
    params->setMaxQueued(1024);
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(config_.keepAliveTimeout.count(), 0));
    params->setTimeout(Poco::Timespan(30, 0));
    params->setServerName("clinic-hub");
    p->workers = std::make_unique<Poco::ThreadPool>(2, config_.workerThreads, 60, 512 * 1024);
    const Poco::Net::SocketAddress httpsAddress(config_.listenAddress, config_.httpsPort);
    if (config_.devPlainHttp) {
        log::warning("http", "--dev-plain-http: serving the API WITHOUT TLS; never do this in a clinic");
        p->https = std::make_unique<Poco::Net::HTTPServer>(new api::PipelineHandlerFactory(*p->pipeline), *p->workers,
                                                           exclusiveListener(httpsAddress, 256), params);
    } else {
        p->https = std::make_unique<Poco::Net::HTTPServer>(new api::PipelineHandlerFactory(*p->pipeline), *p->workers,
                                                           tls::TlsServerSocket(p->tlsContexts, httpsAddress, 256),
                                                           params);
    }
    // The plain-HTTP listener is up before HTTPS answers: once /healthz does (the
    // readiness tests and monitors wait for), the welcome page is reachable too.
    if (config_.httpPort != 0) {
        auto redirectParams = new Poco::Net::HTTPServerParams;
        redirectParams->setMaxThreads(4);
        redirectParams->setKeepAlive(false);
        redirectParams->setTimeout(Poco::Timespan(10, 0));
        p->redirectWorkers = std::make_unique<Poco::ThreadPool>(1, 4, 60, 256 * 1024);
        p->redirect = std::make_unique<Poco::Net::HTTPServer>(
            new api::RedirectHandlerFactory(config_.hostname + ".local", config_.httpsPort, *p->router, *p->pipeline),
            *p->redirectWorkers, exclusiveListener(Poco::Net::SocketAddress(config_.listenAddress, config_.httpPort), 64),
            redirectParams);
        p->redirect->start();
        log::info("http", "serving the welcome page on " + listenUrl("http", config_.listenAddress, config_.httpPort) +
                              " and redirecting the rest to HTTPS");
    }
    p->streams->start();
    if (config_.mdns)
        startAdvertising(*p);
    else
        log::info("mdns", "not advertising on the network (mdns = no): staff reach the hub by its address");
    p->https->start();
    p->status = "serving " + listenUrl(config_.devPlainHttp ? "http" : "https", config_.listenAddress, config_.httpsPort);
    log::info("http", p->status);

    if (config_.kioskPort != 0) {
        p->kiosk = std::make_unique<KioskListener>(p->router->routes(), *p->gate, config_.kioskPort,
                                                   api::PipelineOptions{config_.maxBodyBytes});
        log::info("kiosk", "serving the waiting-room display on " + p->kiosk->url() + "/display/<key> (loopback only)");
    }
    parts_ = std::move(p);
}

void HubDaemon::maintain() {
    if (!parts_) return;
    Parts& p = *parts_;
    try {
        if (p.ownCertificate) {
            std::lock_guard lock(p.certificateMutex);
            if (renewServerCertificate(p))
                log::info("tls", "re-issued the server certificate (addresses or expiry changed)");
        }
        p.sessions->purgeExpired();
        p.feed->noticeDayTurn();
        p.syncRunner->tick();  // starts the nightly run on its own thread when the window says so
    } catch (const std::exception& e) {
        // Upkeep failing must not take the clinic down: keep serving, say why.
        log::error("hub", std::string("periodic upkeep failed: ") + e.what());
    }
}

void HubDaemon::stop() {
    if (!parts_) return;
    Parts& p = *parts_;
    // Stop accepting and let requests in flight finish, for a moment. Then cut
    // every connection still open: an idle keep-alive, a client that stalled
    // halfway through a request or never finished its handshake must not hold
    // the shutdown hostage (systemd would SIGKILL us mid-write).
    // (Not stopAll(false): POCO's polite stop waits on each connection's lock,
    // which a connection holds while it waits for its next request.)
    if (p.kiosk) p.kiosk->stop();
    if (p.redirect) p.redirect->stop();
    if (p.https) p.https->stop();
    if (p.streams) p.streams->stop();  // screens see the close at once and reconnect to the next hub
    if (p.syncRunner) p.syncRunner->stop();  // a run in progress gives up between objects and resumes next time
    const auto deadline = std::chrono::steady_clock::now() + shutdownGrace;
    while (p.workers && p.workers->used() > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (p.https) p.https->stopAll(true);
    if (p.redirect) p.redirect->stopAll(true);
    if (p.workers) p.workers->joinAll();
    if (p.redirectWorkers) p.redirectWorkers->joinAll();
    parts_.reset();
    log::info("hub", "stopped");
}

bool HubDaemon::renewServerCertificate(Parts& p) {
    auto names = tls::detectServerNames();
    names.hostname = p.hostname;
    names.crlHttpPort = config_.httpPort;
    if (!p.ca->ensureServerCertificate(names)) return false;
    tls::TlsServerOptions options;
    options.handshakeTimeout = Poco::Timespan(config_.handshakeTimeout.count(), 0);
    p.tlsContexts->replace(
        tls::TlsServerContext::fromFiles(p.ca->serverCertificatePath(), p.ca->serverKeyPath(), options));
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
