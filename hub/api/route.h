#pragma once
// A route is data: method, path, operationId, who may call it, its request and
// response schemas, and the handler. The router, the permission check and the
// OpenAPI document are all generated from the one routing table.
#include "hub/api/schema.h"
#include "hub/domain/language.h"
#include "hub/domain/permissions.h"

#include "hub/net/http_message.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hub::api {

// Who is calling: the signed-in staff member behind the session cookie.
struct Caller {
    long long staffId = 0;
    std::string username;
    std::string displayName;
    domain::Role role = domain::Role::Receptionist;
    long long sessionId = 0;
    domain::Language language = domain::Language::English;  // of the member's screens
};

struct ApiRequest {
    const net::HttpRequest& http;
    std::map<std::string, std::string> pathParams;
    std::map<std::string, std::string> query;  // only declared parameters, validated
    Poco::JSON::Object::Ptr body;               // validated against the route's request schema
    std::optional<Caller> caller;               // set for staff routes
    std::string clientAddress;
    std::string sessionToken;                   // the raw cookie value, for logout

    const Caller& staff() const { return *caller; }
    const std::string& path(const std::string& name) const { return pathParams.at(name); }
    std::optional<std::string> queryValue(const std::string& name) const;
};

// Takes over the connection of a streaming answer: the connection, detached
// from the server, and the response head (status line and headers) that must
// be its first bytes. Whoever takes it sends from then on.
using StreamTakeover = net::Takeover;

struct ApiResponse {
    int status = 200;
    Poco::Dynamic::Var json;   // object or array; empty for 204 and raw bodies
    std::string raw;           // non-JSON body (certificates, HTML)
    std::string contentType;   // for raw bodies
    std::vector<std::pair<std::string, std::string>> headers;
    StreamTakeover stream;     // set for a text/event-stream answer (see RequestPipeline)

    static ApiResponse ok(Poco::Dynamic::Var json);
    static ApiResponse created(Poco::Dynamic::Var json);
    static ApiResponse noContent();
    static ApiResponse bytes(std::string contentType, std::string body);
    static ApiResponse eventStream(StreamTakeover takeover);
    ApiResponse& header(std::string name, std::string value);
};

using Handler = std::function<ApiResponse(ApiRequest&)>;

enum class Access {
    Public,  // no session: login, health, the API document, the root certificate
    Staff,   // a valid session whose role may perform the route's operation
};

struct QueryParameter {
    std::string name;
    Schema schema;  // String or Integer
    bool required = false;
};

// A request header the handler reads itself; declared for the OpenAPI document.
struct HeaderParameter {
    std::string name;
    Schema schema;
};

struct Route {
    std::string method;  // GET, POST, PATCH, PUT, DELETE
    std::string path;    // "/api/v1/staff/{id}"
    std::string operationId;
    std::string summary;
    std::string tag;
    Access access = Access::Staff;
    std::optional<domain::Operation> operation;  // set exactly when access == Staff
    std::vector<QueryParameter> queryParameters;
    std::vector<HeaderParameter> headerParameters;  // optional ones, documented only
    std::optional<Schema> requestBody;
    int successStatus = 200;
    std::optional<Schema> responseBody;          // JSON response schema
    std::string rawContentType;                  // set for non-JSON responses ("text/event-stream" for streams)
    std::vector<int> errorStatuses;              // documented 4xx beyond the defaults
    std::map<int, Schema> errorBodies;           // of those, the ones whose body is not the standard error
    // Also served on the plain-HTTP port instead of a redirect: only public pages and
    // files a device needs before it trusts the hub's root (the welcome page, the root).
    bool plainHttp = false;
    Handler handler;

    bool changesState() const { return method != "GET" && method != "HEAD"; }
    bool streams() const { return rawContentType == eventStreamContentType; }

    static constexpr const char* eventStreamContentType = "text/event-stream";
};

// Staff route: the operationId is the permission table's name for the operation,
// so the document and the permission check name the same thing.
Route staffRoute(std::string method, std::string path, domain::Operation op, std::string summary);
Route publicRoute(std::string method, std::string path, std::string operationId, std::string summary);

}  // namespace hub::api
