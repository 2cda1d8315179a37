#include "hub/cli/command.h"
#include "hub/cli/commands.h"
#include "hub/core/clock.h"
#include "hub/store/audit_repository.h"
#include "hub/store/clinic_repository.h"
#include "hub/store/disk_space.h"
#include "hub/store/staff_repository.h"
#include "hub/tls/certificate_authority.h"
#include "hub/tls/tls_client_context.h"
#include "hub/tls/tls_stream_socket.h"

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>

#include <filesystem>
#include <iostream>

namespace hub::cli {

namespace {

// Asks the running daemon on this box for /healthz over TLS, trusting only the
// hub's own root. Returns the status line to show: "ok, version ..., up N s",
// "degraded, ...", "failing, ..." or "not answering (...)".
std::string probeDaemon(const HubConfig& config, const std::string& rootPem) {
    try {
        auto trust = tls::TlsClientContext::fromPem(rootPem);
        const std::string address = config.listenAddress == "0.0.0.0" || config.listenAddress == "::"
                                        ? "127.0.0.1" : config.listenAddress;
        auto socket = tls::connectTls(trust, Poco::Net::SocketAddress(address, config.httpsPort), "localhost",
                                      Poco::Timespan(3, 0));
        Poco::Net::HTTPClientSession session(socket);
        Poco::Net::HTTPRequest request("GET", "/healthz", Poco::Net::HTTPMessage::HTTP_1_1);
        request.setHost("localhost");
        session.sendRequest(request);
        Poco::Net::HTTPResponse response;
        // 200 for ok and degraded, 503 for failing: the body says which either way.
        auto body = Poco::JSON::Parser().parse(session.receiveResponse(response)).extract<Poco::JSON::Object::Ptr>();
        const std::string status = body->getValue<std::string>("status");
        std::string line = status + ", version " + body->getValue<std::string>("version") + ", up " +
                           std::to_string(body->getValue<long long>("uptime_seconds")) + " s";
        if (status == "degraded") line += " (see the service's log: e.g. the disk is nearly full)";
        if (status == "failing") line += " (see the service's log: the database or the disk)";
        return line;
    } catch (const std::exception& e) {
        return std::string("not answering (") + e.what() + ")";
    }
}

}  // namespace

int statusCommand(const Args& args) {
    Command cmd{"status", "Show the clinic, its database, certificates and whether clinic-hubd is answering.",
                boost::program_options::options_description("Status"), true};
    const auto vm = parseCommand(cmd, args);
    if (!vm) return 0;
    const HubConfig config = hubConfig(*vm);
    auto db = openDatabase(config.dataDir);
    const auto clinic = db->read([](store::Connection& c) { return store::ClinicRepository(c).get(); });
    const auto staff = db->read([](store::Connection& c) { return store::StaffRepository(c).list(); });
    const auto tail = db->read([](store::Connection& c) { return store::AuditRepository(c).tail(); });
    long long active = 0;
    for (const auto& s : staff) active += s.member.disabled ? 0 : 1;

    std::cout << "data directory:  " << config.dataDir << "\n"
              << "clinic:          " << (clinic ? clinic->profile.name + (clinic->demo ? " (DEMO)" : "") : "(not initialised)")
              << "\n"
              << "database:        schema " << db->schemaVersion() << " of " << store::Database::latestSchemaVersion()
              << ", integrity " << db->integrityCheck() << "\n"
              << "staff:           " << active << " active, " << staff.size() - static_cast<std::size_t>(active)
              << " disabled\n"
              << "audit trail:     " << tail.lastId << " events\n";

    SystemClock clock;
    tls::CertificateAuthority ca(std::filesystem::path(config.dataDir) / "tls", clock);
    std::string rootPem;
    try {
        if (!std::filesystem::exists(ca.rootCertificatePath())) throw std::runtime_error("not created yet");
        ca.ensureRoot(config.hostname);  // loads it; creates nothing since it exists
        rootPem = ca.rootPem();
        std::cout << "root CA:         SHA-256 " << ca.rootFingerprintSha256() << "\n";
        if (const auto until = ca.serverNotAfter())
            std::cout << "server cert:     valid until " << formatRfc3339(*until) << "\n";
    } catch (const std::exception& e) {
        std::cout << "root CA:         unreadable (" << e.what() << ")\n";
    }
    const store::DiskSpace disk(store::filesystemFreeSpace(config.dataDir),
                                {config.diskWarningMiB * 1024 * 1024, config.diskFloorMiB * 1024 * 1024});
    if (const auto free = disk.freeBytes())
        std::cout << "disk:            " << *free / (1024 * 1024) << " MiB free (" << store::diskStateName(disk.state())
                  << "; warning below " << config.diskWarningMiB << " MiB, patient data refused at "
                  << config.diskFloorMiB << " MiB)\n";
    const std::string daemon = rootPem.empty() ? "unknown" : probeDaemon(config, rootPem);
    std::cout << "clinic-hubd:     " << daemon << "\n";
    // Degraded still serves: the line above says what needs attention.
    return daemon.rfind("ok", 0) == 0 || daemon.rfind("degraded", 0) == 0 ? 0 : 1;
}

}  // namespace hub::cli
