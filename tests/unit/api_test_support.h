#pragma once
// What every in-process API test needs: the real request pipeline over a set of
// routes, served on 127.0.0.1 by the hub's connection server, behind a fake gate that maps
// session tokens to callers; a client that sends a request and keeps the reply.
#include "hub/api/gate.h"
#include "hub/api/request_pipeline.h"
#include "hub/api/router.h"
#include "hub/api/schema.h"
#include "hub/core/error.h"
#include "hub/net/http_server.h"
#include "hub/net/plain_transport.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include "support/catch.h"

#include <atomic>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace hub::testing {

// Session token -> caller; the CSRF header must be csrfToken.
class FakeGate final : public api::RequestGate {
public:
    static constexpr const char* csrfToken = "csrf-ok";
    std::map<std::string, api::Caller> callers;
    std::atomic<int> denied{0};

    api::Caller authenticate(const std::string& token) override {
        const auto it = callers.find(token);
        if (it == callers.end()) throw Error(ErrorCode::Unauthenticated, "session expired");
        return it->second;
    }
    void checkCsrf(const std::string&, const std::string& header) override {
        if (header != csrfToken) throw Error(ErrorCode::Forbidden, "missing or wrong X-CSRF-Token");
    }
    void recordDenied(const api::Caller&, const api::Route&, const std::string&) override { ++denied; }
};

struct HttpReply {
    int status = 0;
    std::string body;
    Poco::Net::HTTPResponse headers;

    Poco::Dynamic::Var parsed() const { return Poco::JSON::Parser().parse(body); }
    Poco::JSON::Object::Ptr json() const { return parsed().extract<Poco::JSON::Object::Ptr>(); }
    std::string get(const std::string& name) const { return json()->getValue<std::string>(name); }
    std::string errorField() const { return json()->getObject("error")->optValue<std::string>("field", ""); }
    std::string errorCode() const { return json()->getObject("error")->getValue<std::string>("code"); }
    std::string errorMessage() const { return json()->getObject("error")->getValue<std::string>("message"); }
};

// The pipeline over `routes`, listening on an ephemeral loopback port until destroyed.
class LoopbackApi {
public:
    LoopbackApi(std::vector<api::Route> routes, api::RequestGate& gate, net::RequestLimits limits = {})
        : routes_(std::move(routes)), router_(routes_), pipeline_(router_, gate), http_(serverOptions()) {
        net::ListenerOptions listener;
        listener.name = "test";
        listener.address = Poco::Net::SocketAddress("127.0.0.1", 0);
        listener.transport = [](int fd) { return std::make_unique<net::PlainTransport>(fd); };
        listener.handler = [this](net::HttpRequest& rq, net::HttpResponse& rs) { pipeline_.handle(rq, rs); };
        listener.refusal = api::refuseRequest;
        listener.requestLimits = limits;
        address_ = http_.listen(listener);
        http_.start();
    }
    ~LoopbackApi() { http_.stop(std::chrono::milliseconds(0)); }
    LoopbackApi(const LoopbackApi&) = delete;
    LoopbackApi& operator=(const LoopbackApi&) = delete;

    // sessionToken "" sends no cookie. Every request carries the right CSRF header.
    HttpReply send(const std::string& method, const std::string& uri, const std::string& sessionToken,
                   const std::string& body = {}) {
        Poco::Net::HTTPClientSession session("127.0.0.1", address_.port());
        Poco::Net::HTTPRequest req(method, uri, Poco::Net::HTTPMessage::HTTP_1_1);
        if (!sessionToken.empty()) {
            Poco::Net::NameValueCollection cookies;
            cookies.add(api::sessionCookieName, sessionToken);
            req.setCookies(cookies);
        }
        req.set(api::csrfHeaderName, FakeGate::csrfToken);
        if (!body.empty()) req.setContentType("application/json");
        req.setContentLength(static_cast<std::streamsize>(body.size()));
        session.sendRequest(req) << body;
        HttpReply reply;
        Poco::StreamCopier::copyToString(session.receiveResponse(reply.headers), reply.body);
        reply.status = reply.headers.getStatus();
        return reply;
    }

    const std::vector<api::Route>& routes() const { return routes_; }
    const api::Router& router() const { return router_; }
    const api::Route& route(const std::string& operationId) const {
        for (const auto& r : routes_)
            if (r.operationId == operationId) return r;
        throw std::logic_error("no route " + operationId);
    }
    // A successful reply must match the response schema its route declares.
    void checkShape(const std::string& operationId, const HttpReply& reply) const {
        INFO(operationId << ": " << reply.body);
        const api::Route& r = route(operationId);
        REQUIRE(r.responseBody);
        CHECK_NOTHROW(api::validate(*r.responseBody, reply.parsed()));
    }

    std::uint16_t port() const { return address_.port(); }

private:
    static net::ServerOptions serverOptions() {
        net::ServerOptions o;
        o.workers = 4;
        return o;
    }

    std::vector<api::Route> routes_;
    api::Router router_;
    api::RequestPipeline pipeline_;
    net::HttpServer http_;
    Poco::Net::SocketAddress address_;
};

}  // namespace hub::testing
