#include "hub/api/router.h"

#include "hub/core/error.h"

#include <set>
#include <stdexcept>

namespace hub::api {

std::vector<std::string> splitPath(std::string_view path) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < path.size()) {
        while (i < path.size() && path[i] == '/') ++i;
        const std::size_t start = i;
        while (i < path.size() && path[i] != '/') ++i;
        if (i > start) out.emplace_back(path.substr(start, i - start));
    }
    return out;
}

namespace {
bool isParameter(const std::string& segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}
}  // namespace

Router::Router(std::vector<Route> routes) : routes_(std::move(routes)) {
    std::set<std::string> seen;
    for (const auto& r : routes_) {
        if (!seen.insert(r.method + " " + r.path).second)
            throw std::logic_error("duplicate route " + r.method + " " + r.path);
        if (!seen.insert("op:" + r.operationId).second)
            throw std::logic_error("duplicate operationId " + r.operationId);
        if ((r.access == Access::Staff) != r.operation.has_value())
            throw std::logic_error("route " + r.operationId + " must name an operation exactly when staff-only");
        // A session cookie must never travel over plain HTTP.
        if (r.plainHttp && r.access == Access::Staff)
            throw std::logic_error("route " + r.operationId + " is staff-only and cannot be served over plain HTTP");
        compiled_.push_back({splitPath(r.path)});
    }
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
    const auto segments = splitPath(path);
    std::string allowed;
    for (std::size_t i = 0; i < routes_.size(); ++i) {
        const auto& pattern = compiled_[i].segments;
        if (pattern.size() != segments.size()) continue;
        Match m;
        bool same = true;
        for (std::size_t k = 0; k < pattern.size() && same; ++k) {
            if (isParameter(pattern[k]))
                m.pathParams[pattern[k].substr(1, pattern[k].size() - 2)] = segments[k];
            else
                same = pattern[k] == segments[k];
        }
        if (!same) continue;
        if (routes_[i].method == method) {
            m.route = &routes_[i];
            return m;
        }
        allowed += (allowed.empty() ? "" : ", ") + routes_[i].method;
    }
    if (!allowed.empty()) throw Error(ErrorCode::MethodNotAllowed, allowed);
    throw notFound("no such endpoint: " + std::string(path));
}

}  // namespace hub::api
