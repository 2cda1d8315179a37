#include "hub/api/request_pipeline.h"

#include "hub/api/http_errors.h"
#include "hub/api/security_headers.h"
#include "hub/core/log.h"

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/NumberParser.h>
#include <Poco/URI.h>

#include <sstream>

namespace hub::api {

namespace {

class PipelineHandler final : public Poco::Net::HTTPRequestHandler {
public:
    explicit PipelineHandler(const RequestPipeline& pipeline) : pipeline_(pipeline) {}
    void handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp) override {
        pipeline_.handle(req, resp);
    }

private:
    const RequestPipeline& pipeline_;
};

std::map<std::string, std::string> validatedQuery(const Route& route, const Poco::URI& uri) {
    std::map<std::string, std::string> out;
    for (const auto& [name, value] : uri.getQueryParameters()) {
        const QueryParameter* declared = nullptr;
        for (const auto& q : route.queryParameters)
            if (q.name == name) declared = &q;
        if (!declared) throw invalidInput(name, "query parameter " + name + " is not known");
        if (out.count(name)) throw invalidInput(name, "query parameter " + name + " is given twice");
        if (declared->schema.kind == Schema::Kind::Integer) {
            Poco::Int64 n = 0;
            if (!Poco::NumberParser::tryParse64(value, n))
                throw invalidInput(name, "query parameter " + name + " must be an integer");
            validate(declared->schema, Poco::Dynamic::Var(n), name);
        } else {
            validate(declared->schema, Poco::Dynamic::Var(value), name);
        }
        out[name] = value;
    }
    for (const auto& q : route.queryParameters)
        if (q.required && !out.count(q.name))
            throw invalidInput(q.name, "query parameter " + q.name + " is required");
    return out;
}

Poco::JSON::Object::Ptr parseBody(const Route& route, const std::string& raw) {
    if (!route.requestBody) {
        if (!raw.empty()) throw invalidInput("body", "this endpoint takes no request body");
        return nullptr;
    }
    if (raw.empty()) throw invalidInput("body", "a JSON request body is required");
    Poco::Dynamic::Var parsed;
    try {
        Poco::JSON::Parser parser;
        parsed = parser.parse(raw);
    } catch (const Poco::Exception& e) {
        throw invalidInput("body", "the request body is not valid JSON: " + e.message());
    }
    // Every request schema is an object; naming "body" keeps error.field set for `[1]` or `"x"` too.
    if (parsed.type() != typeid(Poco::JSON::Object::Ptr))
        throw invalidInput("body", "the request body must be a JSON object");
    validate(*route.requestBody, parsed);
    return parsed.extract<Poco::JSON::Object::Ptr>();
}

void send(Poco::Net::HTTPServerResponse& resp, int status, const std::string& contentType, const std::string& body) {
    resp.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    if (status == 204 || status == 304) {  // neither carries a body (304: the client's copy is current)
        resp.setContentLength(0);
        resp.send();
        return;
    }
    resp.setContentType(contentType);
    resp.setContentLength(static_cast<std::streamsize>(body.size()));
    resp.sendBuffer(body.data(), body.size());
}

// A streaming answer (Server-Sent Events): the head is written into the
// stream's first bytes rather than sent here, and the connection is detached
// from this worker, which goes back to the pool at once. Without a
// Content-Length the body lasts until the connection closes.
void startStream(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                 const ApiResponse& out) {
    auto* serverRequest = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&request);
    if (serverRequest == nullptr) throw Error(ErrorCode::Internal, "a stream needs a connection it can detach");
    response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_OK);
    response.setContentType(std::string(Route::eventStreamContentType) + "; charset=utf-8");
    response.set("Cache-Control", "no-store");
    for (const auto& [name, value] : out.headers) response.set(name, value);
    response.setKeepAlive(false);
    std::ostringstream head;
    response.write(head);
    out.stream(serverRequest->detachSocket(), head.str());
}

}  // namespace

// The path part of the request target, for routing and logs (never the query:
// it may carry a phone number someone searched for).
static std::string pathOf(const std::string& target) { return target.substr(0, target.find('?')); }

std::string sessionTokenFrom(const Poco::Net::HTTPServerRequest& request) {
    Poco::Net::NameValueCollection cookies;
    request.getCookies(cookies);
    return cookies.get(sessionCookieName, "");
}

RequestPipeline::RequestPipeline(const Router& router, RequestGate& gate, PipelineOptions options)
    : router_(router), gate_(gate), options_(options) {}

std::string RequestPipeline::readBody(Poco::Net::HTTPServerRequest& request,
                                      Poco::Net::HTTPServerResponse& response) const {
    const auto tooLarge = [&] {
        // The rest of the oversized body is still on the wire: close rather than
        // read it as the next request.
        response.setKeepAlive(false);
        return Error(ErrorCode::PayloadTooLarge,
                     "request body exceeds " + std::to_string(options_.maxBodyBytes) + " bytes", "body");
    };
    if (request.hasContentLength() && request.getContentLength64() > static_cast<Poco::Int64>(options_.maxBodyBytes))
        throw tooLarge();
    std::string body;
    char chunk[8192];
    auto& in = request.stream();
    while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
        body.append(chunk, static_cast<std::size_t>(in.gcount()));
        if (body.size() > options_.maxBodyBytes) throw tooLarge();
    }
    return body;
}

ApiResponse RequestPipeline::dispatch(Poco::Net::HTTPServerRequest& request,
                                      Poco::Net::HTTPServerResponse& response) const {
    Poco::URI uri;
    try {
        uri = Poco::URI(request.getURI());
    } catch (const Poco::SyntaxException&) {
        throw invalidInput("path", "the request target is not a valid URI");
    }
    const auto match = router_.match(request.getMethod(), uri.getPath());
    const Route& route = *match.route;
    const std::string raw = readBody(request, response);

    ApiRequest api{request, match.pathParams, {}, nullptr, std::nullopt, request.clientAddress().host().toString(), {}};
    if (route.access == Access::Staff) {
        api.sessionToken = sessionTokenFrom(request);
        if (api.sessionToken.empty()) throw Error(ErrorCode::Unauthenticated, "sign in first");
        api.caller = gate_.authenticate(api.sessionToken);
        if (!domain::roleMayPerform(api.caller->role, *route.operation)) {
            gate_.recordDenied(*api.caller, route, api.clientAddress);
            throw Error(ErrorCode::Forbidden, "the " + std::string(domain::roleName(api.caller->role)) +
                                                  " role may not " + route.operationId);
        }
        if (route.changesState()) gate_.checkCsrf(api.sessionToken, request.get(csrfHeaderName, ""));
    }
    api.query = validatedQuery(route, uri);
    api.body = parseBody(route, raw);
    return route.handler(api);
}

void RequestPipeline::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) const {
    addSecurityHeaders(response);
    try {
        const ApiResponse out = dispatch(request, response);
        if (out.stream) {
            startStream(request, response, out);
            return;
        }
        // A route may override a default header (e.g. Cache-Control for static assets).
        for (const auto& [name, value] : out.headers) response.set(name, value);
        if (!out.contentType.empty()) {
            send(response, out.status, out.contentType, out.raw);
        } else {
            std::ostringstream body;
            if (!out.json.isEmpty()) Poco::JSON::Stringifier::condense(out.json, body);
            send(response, out.status, "application/json; charset=utf-8", body.str());
        }
        return;
    } catch (const Error& e) {
        if (e.code() == ErrorCode::MethodNotAllowed) {
            response.set("Allow", e.what());
            send(response, 405, "application/json; charset=utf-8",
                 errorBody(e.code(), std::string("allowed methods: ") + e.what()));
            return;
        }
        if (e.retryAfterSeconds() > 0)
            response.set("Retry-After", std::to_string(e.retryAfterSeconds()));
        if (e.code() == ErrorCode::Internal)
            log::error("api", "internal error on " + request.getMethod() + " " + pathOf(request.getURI()) +
                                  ": " + e.what());
        send(response, httpStatus(e.code()), "application/json; charset=utf-8",
             errorBody(e.code(), e.what(), e.field()));
    } catch (const std::exception& e) {
        // A bug, never the client's fault: log it with the route, not the body.
        log::error("api", "unhandled exception on " + request.getMethod() + " " +
                              pathOf(request.getURI()) + ": " + e.what());
        if (!response.sent())
            send(response, 500, "application/json; charset=utf-8",
                 errorBody(ErrorCode::Internal, "internal error; see the hub's log"));
    }
}

Poco::Net::HTTPRequestHandler* PipelineHandlerFactory::createRequestHandler(const Poco::Net::HTTPServerRequest&) {
    return new PipelineHandler(pipeline_);
}

}  // namespace hub::api
