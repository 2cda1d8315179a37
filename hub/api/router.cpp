#include "hub/api/router.h"

#include "hub/core/error.h"

#include <algorithm>
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

// "/a/{x}/c" and "/a/{y}/c" match the same paths: their shape is "a/{}/c".
std::string shapeOf(const std::vector<std::string>& segments) {
    std::string shape;
    for (const auto& s : segments) shape += (isParameter(s) ? std::string("{}") : s) + "/";
    return shape;
}

// Whether pattern a is more specific than b, both matching the same path:
// at the first segment where one is a literal and the other a parameter, the
// literal wins. Elsewhere both are literals (equal, since both match) or both
// parameters.
bool moreSpecific(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    for (std::size_t k = 0; k < a.size(); ++k) {
        const bool pa = isParameter(a[k]), pb = isParameter(b[k]);
        if (pa != pb) return !pa;
    }
    return false;
}

bool matches(const std::vector<std::string>& pattern, const std::vector<std::string>& segments) {
    if (pattern.size() != segments.size()) return false;
    for (std::size_t k = 0; k < pattern.size(); ++k)
        if (!isParameter(pattern[k]) && pattern[k] != segments[k]) return false;
    return true;
}

}  // namespace

Router::Router(std::vector<Route> routes) : routes_(std::move(routes)) {
    std::set<std::string> seen;
    std::map<std::string, std::string> pathOfShape;
    for (std::size_t i = 0; i < routes_.size(); ++i) {
        const Route& r = routes_[i];
        if (!seen.insert(r.method + " " + r.path).second)
            throw std::logic_error("duplicate route " + r.method + " " + r.path);
        if (!seen.insert("op:" + r.operationId).second)
            throw std::logic_error("duplicate operationId " + r.operationId);
        if ((r.access == Access::Staff) != r.operation.has_value())
            throw std::logic_error("route " + r.operationId + " must name an operation exactly when staff-only");
        // A session cookie must never travel over plain HTTP.
        if (r.plainHttp && r.access == Access::Staff)
            throw std::logic_error("route " + r.operationId + " is staff-only and cannot be served over plain HTTP");

        auto segments = splitPath(r.path);
        const auto [known, added] = pathOfShape.emplace(shapeOf(segments), r.path);
        if (!added && known->second != r.path)
            throw std::logic_error("routes " + known->second + " and " + r.path +
                                   " match the same paths: give the parameter one name");
        auto pattern = std::find_if(patterns_.begin(), patterns_.end(), [&](const Pattern& p) { return p.path == r.path; });
        if (pattern == patterns_.end()) pattern = patterns_.insert(patterns_.end(), Pattern{r.path, std::move(segments), {}});
        pattern->routes.push_back(i);
    }
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
    const auto segments = splitPath(path);
    const Pattern* best = nullptr;
    for (const auto& p : patterns_)
        if (matches(p.segments, segments) && (!best || moreSpecific(p.segments, best->segments))) best = &p;
    if (!best) throw notFound("no such endpoint: " + std::string(path));

    std::string allowed;
    for (const std::size_t i : best->routes) {
        if (routes_[i].method == method) {
            Match m;
            m.route = &routes_[i];
            for (std::size_t k = 0; k < segments.size(); ++k)
                if (isParameter(best->segments[k]))
                    m.pathParams[best->segments[k].substr(1, best->segments[k].size() - 2)] = segments[k];
            return m;
        }
        allowed += (allowed.empty() ? "" : ", ") + routes_[i].method;
    }
    throw Error(ErrorCode::MethodNotAllowed, allowed);
}

}  // namespace hub::api
