#include "hub/cli/daemon_probe.h"

#include "hub/core/error.h"
#include "hub/tls/tls_client_context.h"
#include "hub/tls/tls_stream_socket.h"

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/StreamSocket.h>

namespace hub::cli {
namespace {

std::string localAddress(const HubConfig& config) {
    return config.listenAddress == "0.0.0.0" || config.listenAddress == "::" ? "127.0.0.1" : config.listenAddress;
}

}  // namespace

std::string probeDaemon(const HubConfig& config, const std::string& rootPem) {
    try {
        auto trust = tls::TlsClientContext::fromPem(rootPem);
        const std::string address = localAddress(config);
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

bool portAnswers(const HubConfig& config, int port) {
    try {
        Poco::Net::StreamSocket socket;
        socket.connect(Poco::Net::SocketAddress(localAddress(config), static_cast<Poco::UInt16>(port)),
                       Poco::Timespan(2, 0));
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

store::DataDirLock lockOutDaemon(const std::filesystem::path& dataDir, const std::string& command) {
    auto lock = store::DataDirLock::takeForRestore(dataDir);
    if (!lock)
        throw Error(ErrorCode::Conflict,
                    "clinic-hubd is running on " + dataDir.string() +
                        " (or another restore is): replacing the database under it would corrupt it. Stop it first "
                        "with 'sudo systemctl stop clinic-hubd', then run 'clinic-hub " + command + "' again");
    return std::move(*lock);
}

}  // namespace hub::cli
