#include "hub/api/request_pipeline.h"

#include "hub/api/http_errors.h"
#include "hub/api/security_headers.h"
#include "hub/core/log.h"

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <sstream>

namespace hub::api {

namespace {

constexpr const char* jsonContentType = "application/json; charset=utf-8";

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

// "application/json; charset=utf-8" -> "application/json"
std::string mediaType(const std::string& contentType) {
    return Poco::toLower(Poco::trim(contentType.substr(0, contentType.find(';'))));
}

// A JSON endpoint takes JSON only: an HTML form on another site can send
// text/plain or a urlencoded body without a preflight, but never this.
void requireJson(const Route& route, const net::HttpRequest& request) {
    const bool hasType = request.has(Poco::Net::HTTPMessage::CONTENT_TYPE);
    if (!hasType && (request.body.empty() || !route.changesState())) return;
    if (!hasType || mediaType(request.getContentType()) != "application/json")
        throw Error(ErrorCode::UnsupportedMediaType, "the request body must be sent as Content-Type: application/json",
                    "Content-Type");
}

// A browser says where a request comes from. Another site's page may make a
// staff member's browser send a request here (a form, an image, fetch); it
// must never change anything, whatever cookies ride along.
void refuseCrossSite(const Route& route, const net::HttpRequest& request) {
    if (!route.changesState()) return;
    if (Poco::icompare(request.get("Sec-Fetch-Site", ""), "cross-site") == 0)
        throw Error(ErrorCode::Forbidden, "a page on another site may not change anything on the hub", "Origin");
    const std::string origin = request.get("Origin", "");
    if (origin.empty()) return;  // not a browser (curl, the CLI) or a same-origin GET-like request
    const std::string own = std::string(request.secure() ? "https://" : "http://") + request.getHost();
    if (Poco::icompare(origin, own) != 0)
        throw Error(ErrorCode::Forbidden, "a page on " + origin + " may not change anything on the hub", "Origin");
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

void send(net::HttpResponse& response, int status, const std::string& contentType, std::string body) {
    response.setStatusCode(status);
    if (status == 204 || status == 304) return;  // neither carries a body (304: the client's copy is current)
    response.setContentType(contentType);
    response.body = std::move(body);
}

// A bug, never the client's fault: the log gets the details under an incident
// id, the client only the id (an exception's text may name a file, a column,
// a value). The log names the route's template ("/t/{code}"), never the path
// itself: a path may hold a tracking code or a display key, a query a phone.
std::string reportIncident(Random& random, const net::HttpRequest& request, const Route* route,
                           const std::string& what) {
    const std::string incident = random.token(6);
    log::error("api", "incident " + incident + ": " + request.getMethod() + " " +
                          (route ? route->path : std::string("(no route)")) + ": " + what);
    return "internal error (incident " + incident + "); the hub's log has the details";
}

}  // namespace

std::string sessionTokenFrom(const net::HttpRequest& request) {
    Poco::Net::NameValueCollection cookies;
    request.getCookies(cookies);
    return cookies.get(sessionCookieName, "");
}

RequestPipeline::RequestPipeline(const Router& router, RequestGate& gate, Random& random)
    : router_(router), gate_(gate), random_(random) {}

ApiResponse RequestPipeline::dispatch(net::HttpRequest& request, const Route*& matched) const {
    Poco::URI uri;
    try {
        uri = Poco::URI(request.getURI());
    } catch (const Poco::SyntaxException&) {
        throw invalidInput("path", "the request target is not a valid URI");
    }
    const auto match = router_.match(request.getMethod(), uri.getPath());
    const Route& route = *match.route;
    matched = &route;
    refuseCrossSite(route, request);

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
    requireJson(route, request);
    api.query = validatedQuery(route, uri);
    api.body = parseBody(route, request.body);
    return route.handler(api);
}

void RequestPipeline::handle(net::HttpRequest& request, net::HttpResponse& response) const {
    addSecurityHeaders(response);
    const Route* route = nullptr;
    try {
        ApiResponse out = dispatch(request, route);
        if (out.stream) {
            // A streaming answer (Server-Sent Events): the server sends this head
            // and hands the connection to the stream's owner.
            response.setStatusCode(200);
            response.setContentType(std::string(Route::eventStreamContentType) + "; charset=utf-8");
            response.set("Cache-Control", "no-store");
            for (const auto& [name, value] : out.headers) response.set(name, value);
            response.takeover = std::move(out.stream);
            return;
        }
        // A route may override a default header (e.g. Cache-Control for static assets).
        for (const auto& [name, value] : out.headers) response.set(name, value);
        if (!out.contentType.empty()) {
            send(response, out.status, out.contentType, std::move(out.raw));
        } else {
            std::ostringstream body;
            if (!out.json.isEmpty()) Poco::JSON::Stringifier::condense(out.json, body);
            send(response, out.status, jsonContentType, body.str());
        }
    } catch (const Error& e) {
        if (e.code() == ErrorCode::MethodNotAllowed) {
            response.set("Allow", e.what());
            send(response, 405, jsonContentType, errorBody(e.code(), std::string("allowed methods: ") + e.what()));
            return;
        }
        if (e.retryAfterSeconds() > 0) response.set("Retry-After", std::to_string(e.retryAfterSeconds()));
        if (e.code() == ErrorCode::Internal) {
            send(response, 500, jsonContentType, errorBody(e.code(), reportIncident(random_, request, route, e.what())));
            return;
        }
        send(response, httpStatus(e.code()), jsonContentType, errorBody(e.code(), e.what(), e.field()));
    } catch (const std::exception& e) {
        send(response, 500, jsonContentType, errorBody(ErrorCode::Internal, reportIncident(random_, request, route, e.what())));
    }
}

void refuseRequest(int status, const std::string& message, net::HttpResponse& response) {
    addSecurityHeaders(response);
    const char* code = status == 413   ? errorCodeName(ErrorCode::PayloadTooLarge)
                       : status == 431 ? "request_head_too_large"
                       : status == 500 ? errorCodeName(ErrorCode::Internal)
                       : status >= 500 ? "not_supported"
                                       : errorCodeName(ErrorCode::InvalidInput);
    send(response, status, jsonContentType, errorBody(std::string(code), message, status == 413 ? "body" : ""));
}

}  // namespace hub::api
