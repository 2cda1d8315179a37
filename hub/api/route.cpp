#include "hub/api/route.h"

namespace hub::api {

std::optional<std::string> ApiRequest::queryValue(const std::string& name) const {
    const auto it = query.find(name);
    if (it == query.end()) return std::nullopt;
    return it->second;
}

ApiResponse ApiResponse::ok(Poco::Dynamic::Var json) {
    ApiResponse r;
    r.json = std::move(json);
    return r;
}

ApiResponse ApiResponse::created(Poco::Dynamic::Var json) {
    ApiResponse r = ok(std::move(json));
    r.status = 201;
    return r;
}

ApiResponse ApiResponse::noContent() {
    ApiResponse r;
    r.status = 204;
    return r;
}

ApiResponse ApiResponse::bytes(std::string contentType, std::string body) {
    ApiResponse r;
    r.contentType = std::move(contentType);
    r.raw = std::move(body);
    return r;
}

ApiResponse ApiResponse::eventStream(StreamTakeover takeover) {
    ApiResponse r;
    r.stream = std::move(takeover);
    return r;
}

ApiResponse& ApiResponse::header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
}

Route staffRoute(std::string method, std::string path, domain::Operation op, std::string summary) {
    Route r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.operationId = std::string(domain::operationName(op));
    r.summary = std::move(summary);
    r.access = Access::Staff;
    r.operation = op;
    return r;
}

Route publicRoute(std::string method, std::string path, std::string operationId, std::string summary) {
    Route r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.operationId = std::move(operationId);
    r.summary = std::move(summary);
    r.access = Access::Public;
    return r;
}

}  // namespace hub::api
