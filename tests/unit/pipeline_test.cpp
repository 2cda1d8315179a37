// The request pipeline over a plain loopback HTTP server with a fake gate: the
// order of checks and the error conventions, independent of TLS and storage.
#include "hub/api/openapi.h"
#include "hub/api/request_pipeline.h"
#include "hub/core/error.h"
#include "hub/net/http_server.h"
#include "hub/net/plain_transport.h"
#include "hub/net/transport.h"

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include "support/catch.h"

#include <atomic>
#include <cstdio>

#include <unistd.h>

using namespace hub::api;
using hub::domain::Operation;
using hub::domain::Role;

namespace {

class FakeGate final : public RequestGate {
public:
    Caller authenticate(const std::string& token) override {
        if (token == "admin-token") return {1, "admin", "Admin", Role::Admin, 11};
        if (token == "nurse-token") return {2, "nurse", "Nurse", Role::Nurse, 12};
        throw hub::Error(hub::ErrorCode::Unauthenticated, "session expired");
    }
    void checkCsrf(const std::string&, const std::string& header) override {
        if (header != "csrf-ok") throw hub::Error(hub::ErrorCode::Forbidden, "missing or wrong X-CSRF-Token");
    }
    void recordDenied(const Caller&, const Route&, const std::string&) override { ++denied; }
    std::atomic<int> denied{0};
};

std::vector<Route> testRoutes(std::atomic<int>& handlerCalls) {
    Route list = staffRoute("GET", "/api/v1/staff", Operation::ListStaff, "list");
    list.queryParameters = {{"limit", withRange(integer(), 1, 100), false}};
    list.handler = [&](ApiRequest& r) {
        ++handlerCalls;
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("limit", r.queryValue("limit").value_or("none"));
        return ApiResponse::ok(o);
    };
    Route create = staffRoute("POST", "/api/v1/staff", Operation::CreateStaff, "create");
    create.requestBody = object({required("username", string())});
    create.successStatus = 201;
    create.handler = [&](ApiRequest& r) {
        ++handlerCalls;
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("username", r.body->getValue<std::string>("username"));
        return ApiResponse::created(o);
    };
    Route me = staffRoute("GET", "/api/v1/auth/me", Operation::Whoami, "me");
    me.handler = [&](ApiRequest& r) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("username", r.staff().username);
        return ApiResponse::ok(o);
    };
    Route boom = publicRoute("GET", "/boom", "boom", "throws");
    boom.handler = [](ApiRequest&) -> ApiResponse { throw std::runtime_error("bug"); };
    // A stream that says one thing and ends, taken over like the stream hub would.
    Route stream = publicRoute("GET", "/stream", "stream", "a short event stream");
    stream.rawContentType = Route::eventStreamContentType;
    stream.handler = [](ApiRequest&) {
        return ApiResponse::eventStream([](hub::net::DetachedConnection connection, std::string head) {
            const std::string bytes = head + "data: hello\n\n";
            (void)connection.transport->write(bytes.data(), bytes.size());
        });  // the connection closes as it goes out of scope
    };
    return {list, create, me, boom, stream};
}

struct Reply {
    int status;
    std::string body;
    Poco::Net::HTTPResponse headers;
    std::string errorField() const {
        auto obj = Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>()->getObject("error");
        return obj->optValue<std::string>("field", "");
    }
    std::string errorCode() const {
        return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>()->getObject("error")->getValue<std::string>("code");
    }
};

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Server {
    std::atomic<int> calls{0};
    FakeGate gate;
    Router router{testRoutes(calls)};
    RequestPipeline pipeline{router, gate};
    hub::net::HttpServer http{hub::net::ServerOptions{}};
    Poco::Net::SocketAddress address;
    Server() {
        hub::net::ListenerOptions listener;
        listener.address = Poco::Net::SocketAddress("127.0.0.1", 0);
        listener.transport = [](int fd) { return std::make_unique<hub::net::PlainTransport>(fd); };
        listener.handler = [this](hub::net::HttpRequest& rq, hub::net::HttpResponse& rs) { pipeline.handle(rq, rs); };
        listener.refusal = refuseRequest;
        listener.requestLimits.maxBodyBytes = 64;
        address = http.listen(listener);
        http.start();
    }
    ~Server() { http.stop(std::chrono::milliseconds(0)); }

    // A JSON body is sent as application/json unless `headers` names a Content-Type.
    Reply send(const std::string& method, const std::string& uri, const std::string& token = {},
               const std::string& body = {}, const std::string& csrf = {}, const Headers& headers = {}) {
        Poco::Net::HTTPClientSession session("127.0.0.1", address.port());
        Poco::Net::HTTPRequest req(method, uri, Poco::Net::HTTPMessage::HTTP_1_1);
        if (!token.empty()) {
            Poco::Net::NameValueCollection cookies;
            cookies.add(sessionCookieName, token);
            req.setCookies(cookies);
        }
        if (!csrf.empty()) req.set(csrfHeaderName, csrf);
        if (!body.empty()) req.setContentType("application/json");
        for (const auto& [name, value] : headers) req.set(name, value);
        req.setContentLength(static_cast<std::streamsize>(body.size()));
        session.sendRequest(req) << body;
        Reply reply{0, {}, {}};
        std::istream& in = session.receiveResponse(reply.headers);
        Poco::StreamCopier::copyToString(in, reply.body);
        reply.status = reply.headers.getStatus();
        return reply;
    }
};

}  // namespace

TEST_CASE("a staff route without a session cookie is 401", "[pipeline]") {
    Server s;
    auto r = s.send("GET", "/api/v1/staff");
    CHECK(r.status == 401);
    CHECK(r.errorCode() == "unauthenticated");
    CHECK(s.send("GET", "/api/v1/staff", "stolen-token").status == 401);
    CHECK(s.calls == 0);
}

TEST_CASE("a role without the permission is 403 and the refusal is recorded", "[pipeline]") {
    Server s;
    auto r = s.send("GET", "/api/v1/staff", "nurse-token");
    CHECK(r.status == 403);
    CHECK(s.gate.denied == 1);
    CHECK(s.calls == 0);
    CHECK(s.send("GET", "/api/v1/auth/me", "nurse-token").status == 200);
}

TEST_CASE("a change without the CSRF header is 403 before the handler runs", "[pipeline]") {
    Server s;
    CHECK(s.send("POST", "/api/v1/staff", "admin-token", R"({"username":"x"})").status == 403);
    CHECK(s.send("POST", "/api/v1/staff", "admin-token", R"({"username":"x"})", "csrf-wrong").status == 403);
    CHECK(s.calls == 0);
    auto ok = s.send("POST", "/api/v1/staff", "admin-token", R"({"username":"x"})", "csrf-ok");
    CHECK(ok.status == 201);
    CHECK(s.calls == 1);
}

TEST_CASE("bad bodies are 400 naming the field, oversize bodies 413", "[pipeline]") {
    Server s;
    auto post = [&](const std::string& body) { return s.send("POST", "/api/v1/staff", "admin-token", body, "csrf-ok"); };
    auto malformed = post("{\"username\":");
    CHECK(malformed.status == 400);
    CHECK(malformed.errorField() == "body");
    auto wrongType = post(R"({"username":5})");
    CHECK(wrongType.status == 400);
    CHECK(wrongType.errorField() == "username");
    auto unknown = post(R"({"username":"a","extra":1})");
    CHECK(unknown.status == 400);
    CHECK(unknown.errorField() == "extra");
    CHECK(post("").status == 400);
    auto big = post(R"({"username":")" + std::string(100, 'x') + "\"}");
    CHECK(big.status == 413);
    CHECK(s.calls == 0);
}

TEST_CASE("query parameters are declared, typed and range-checked", "[pipeline]") {
    Server s;
    CHECK(s.send("GET", "/api/v1/staff?limit=5", "admin-token").status == 200);
    CHECK(s.send("GET", "/api/v1/staff?limit=five", "admin-token").errorField() == "limit");
    CHECK(s.send("GET", "/api/v1/staff?limit=500", "admin-token").status == 400);
    CHECK(s.send("GET", "/api/v1/staff?lmit=5", "admin-token").errorField() == "lmit");
}

TEST_CASE("unknown routes are 404 and wrong methods 405 with Allow", "[pipeline]") {
    Server s;
    CHECK(s.send("GET", "/api/v1/nope").status == 404);
    auto r = s.send("DELETE", "/api/v1/staff", "admin-token");
    CHECK(r.status == 405);
    CHECK(r.headers.get("Allow") == "GET, POST");
}

// What the process writes to stderr (the operator log) while it is alive.
class StderrCapture {
public:
    StderrCapture() : file_(std::tmpfile()), saved_(::dup(STDERR_FILENO)) { ::dup2(::fileno(file_), STDERR_FILENO); }
    ~StderrCapture() {
        ::dup2(saved_, STDERR_FILENO);
        ::close(saved_);
        std::fclose(file_);
    }
    std::string text() const {
        std::string out(4096, '\0');
        const auto n = ::pread(::fileno(file_), out.data(), out.size(), 0);
        out.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
        return out;
    }

private:
    std::FILE* file_;
    int saved_;
};

TEST_CASE("a handler bug is a JSON 500, and every response carries the security headers", "[pipeline]") {
    Server s;
    StderrCapture log;
    auto r = s.send("GET", "/boom");
    CHECK(r.status == 500);
    CHECK(r.errorCode() == "internal");
    CHECK(r.body.find("bug") == std::string::npos);  // internals stay in the log
    const std::string message = Poco::JSON::Parser().parse(r.body).extract<Poco::JSON::Object::Ptr>()
                                    ->getObject("error")->getValue<std::string>("message");
    CHECK_THAT(message, Catch::Matches("internal error \\(incident [A-Za-z0-9_-]{8}\\); the hub's log has the details"));
    // The log line carries the same id, and the details.
    const std::string incident = message.substr(message.find("incident "), 17);
    CHECK_THAT(log.text(), Catch::Contains(incident + ": GET /boom: bug"));
    for (const char* h : {"Strict-Transport-Security", "Content-Security-Policy", "X-Content-Type-Options",
                          "Referrer-Policy"})
        CHECK(r.headers.has(h));
    CHECK(r.headers.get("Content-Security-Policy").find("frame-ancestors 'none'") != std::string::npos);
}

TEST_CASE("the OpenAPI document lists every route with its operationId and roles", "[openapi]") {
    std::atomic<int> calls{0};
    const auto routes = testRoutes(calls);
    const auto doc = buildOpenApiDocument(routes, "test");
    const auto paths = doc->getObject("paths");
    for (const auto& route : routes) {
        std::string method = route.method;
        for (auto& c : method) c = static_cast<char>(std::tolower(c));
        REQUIRE(paths->has(route.path));
        const auto op = paths->getObject(route.path)->getObject(method);
        CHECK(op->getValue<std::string>("operationId") == route.operationId);
        CHECK(op->has("responses"));
    }
    const auto list = paths->getObject("/api/v1/staff")->getObject("get");
    CHECK(list->getArray("x-roles")->size() == 1);
    CHECK(paths->getObject("/api/v1/staff")->getObject("post")->has("requestBody"));
}

TEST_CASE("a streaming route's connection is handed over after a 200 text/event-stream head with the security headers",
          "[pipeline]") {
    Server s;
    auto r = s.send("GET", "/stream");
    CHECK(r.status == 200);
    CHECK(r.headers.getContentType() == "text/event-stream; charset=utf-8");
    CHECK(r.headers.get("Cache-Control", "") == "no-store");
    CHECK(r.headers.get("X-Content-Type-Options", "") == "nosniff");
    CHECK(r.headers.has("Content-Security-Policy"));
    CHECK_FALSE(r.headers.getKeepAlive());
    CHECK_FALSE(r.headers.hasContentLength());
    CHECK(r.body == "data: hello\n\n");
    // The worker went back to serving requests.
    CHECK(s.send("GET", "/boom").status == 500);
}

TEST_CASE("a JSON endpoint refuses any other Content-Type with 415 before the handler runs", "[pipeline]") {
    Server s;
    const std::string body = R"({"username":"x"})";
    for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=a"}) {
        INFO(type);
        auto r = s.send("POST", "/api/v1/staff", "admin-token", body, "csrf-ok", {{"Content-Type", type}});
        CHECK(r.status == 415);
        CHECK(r.errorCode() == "unsupported_media_type");
        CHECK(r.errorField() == "Content-Type");
    }
    // No Content-Type at all with a body is the same: a form's body must never be read as JSON.
    Poco::Net::HTTPClientSession session("127.0.0.1", s.address.port());
    Poco::Net::HTTPRequest bare("POST", "/api/v1/staff", Poco::Net::HTTPMessage::HTTP_1_1);
    Poco::Net::NameValueCollection cookies;
    cookies.add(sessionCookieName, "admin-token");
    bare.setCookies(cookies);
    bare.set(csrfHeaderName, "csrf-ok");
    bare.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(bare) << body;
    Poco::Net::HTTPResponse response;
    session.receiveResponse(response);
    CHECK(response.getStatus() == 415);
    CHECK(s.calls == 0);
    CHECK(s.send("POST", "/api/v1/staff", "admin-token", body, "csrf-ok",
                 {{"Content-Type", "Application/JSON; charset=UTF-8"}}).status == 201);
}

TEST_CASE("a change from a page on another site is refused, whatever its cookie and CSRF header", "[pipeline]") {
    Server s;
    const std::string body = R"({"username":"x"})";
    const std::string own = "http://127.0.0.1:" + std::to_string(s.address.port());
    auto post = [&](const Headers& headers) { return s.send("POST", "/api/v1/staff", "admin-token", body, "csrf-ok", headers); };
    for (const Headers& foreign : {Headers{{"Origin", "https://evil.example"}}, Headers{{"Origin", "null"}},
                                   Headers{{"Origin", own + "0"}}, Headers{{"Sec-Fetch-Site", "cross-site"}},
                                   Headers{{"Origin", own}, {"Sec-Fetch-Site", "cross-site"}}}) {
        auto r = post(foreign);
        CHECK(r.status == 403);
        CHECK(r.errorField() == "Origin");
    }
    CHECK(s.calls == 0);
    CHECK(post({{"Origin", own}, {"Sec-Fetch-Site", "same-origin"}}).status == 201);
    CHECK(post({}).status == 201);  // curl and the CLI send no Origin
    // Reading is not changing: a GET with a foreign Origin is answered (CORS keeps the answer from that page).
    CHECK(s.send("GET", "/api/v1/staff", "admin-token", {}, {}, {{"Origin", "https://evil.example"}}).status == 200);
}

TEST_CASE("requests the server refuses before any route get the API's JSON error and the security headers",
          "[pipeline]") {
    Server s;
    Poco::Net::StreamSocket raw(s.address);
    const std::string bad = "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n";
    raw.sendBytes(bad.data(), static_cast<int>(bad.size()));
    std::string answer;
    char buffer[4096];
    for (int n; (n = raw.receiveBytes(buffer, sizeof buffer)) > 0;) answer.append(buffer, static_cast<std::size_t>(n));
    CHECK(answer.rfind("HTTP/1.1 400 ", 0) == 0);
    CHECK(answer.find("Connection: close") != std::string::npos);
    CHECK(answer.find("Content-Security-Policy") != std::string::npos);
    CHECK(answer.find(R"({"error":{"code":"invalid_input")") != std::string::npos);
}
