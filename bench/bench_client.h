#pragma once
// What the HTTPS benchmarks share: a keep-alive client of a running clinic-hubd
// that trusts the hub's root and signs in like a staff device.
#include "bench_stats.h"
#include "hub/api/gate.h"
#include "hub/tls/tls_client_context.h"
#include "hub/tls/tls_stream_socket.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace bench {

using Clock = std::chrono::steady_clock;

class Client {
public:
    // `from`: the loopback source address, one per simulated device (the hub
    // caps connections per client address).
    Client(hub::tls::TlsClientContext& trust, int port, const std::string& from = "127.0.0.1")
        : session_(connectFrom(trust, port, from)) {
        session_.setKeepAlive(true);
    }

    // Returns the status; body is the response text.
    int send(const std::string& method, const std::string& path, const std::string& body, std::string& out) {
        Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
        req.setHost("localhost");
        req.setKeepAlive(true);
        if (!cookie_.empty()) {
            Poco::Net::NameValueCollection cookies;
            cookies.add(hub::api::sessionCookieName, cookie_);
            req.setCookies(cookies);
            req.set("X-CSRF-Token", csrf_);
        }
        req.setContentType("application/json");
        req.setContentLength(static_cast<std::streamsize>(body.size()));
        session_.sendRequest(req) << body;
        Poco::Net::HTTPResponse resp;
        std::istream& in = session_.receiveResponse(resp);
        out.clear();
        Poco::StreamCopier::copyToString(in, out);
        std::vector<Poco::Net::HTTPCookie> cookies;
        resp.getCookies(cookies);
        for (const auto& c : cookies)
            if (c.getName() == hub::api::sessionCookieName) cookie_ = c.getValue();
        return resp.getStatus();
    }

    void login(const std::string& user, const std::string& password) {
        std::string out;
        const std::string body = R"({"username":")" + user + R"(","password":")" + password + R"("})";
        // Benches sign many clients in to one account at once; the throttle
        // keeps an account's attempts in flight below its failure limit and
        // answers the rest 429 (docs/security.md), so wait and try again as
        // the staff web app does.
        int status = 0;
        for (int attempt = 0; attempt < 100; ++attempt) {
            status = send("POST", "/api/v1/auth/login", body, out);
            if (status != 429) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        if (status != 200) throw std::runtime_error("login as " + user + " failed: " + out);
        csrf_ = Poco::JSON::Parser().parse(out).extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("csrf_token");
    }

private:
    static Poco::Net::StreamSocket connectFrom(hub::tls::TlsClientContext& trust, int port, const std::string& from) {
        auto* impl = new hub::tls::TlsStreamSocketImpl(trust, "localhost", Poco::Timespan(10, 0));
        Poco::Net::StreamSocket socket(impl);  // owns impl from here on
        impl->bind(Poco::Net::SocketAddress(from, 0), true);
        impl->connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)), Poco::Timespan(10, 0));
        return socket;
    }

    Poco::Net::HTTPClientSession session_;
    std::string cookie_, csrf_;
};

inline std::string field(const std::string& json, const std::string& name) {
    return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>()->getValue<std::string>(name);
}

}  // namespace bench
