#pragma once
// Finds the route for a method and path. An unknown path is NotFound; a known
// path with another method is MethodNotAllowed (the caller adds an Allow header).
//
// The order of the routing table never matters. When several patterns match a
// path, the most specific wins: at the first segment where they differ, a
// literal beats a parameter ("/display/assets/chime.wav" beats
// "/display/assets/{file}", "/api/v1/queue/events" beats "/api/v1/queue/{x}").
// Two patterns that would match exactly the same paths (they differ only in a
// parameter's name) are refused when the router is built.
#include "hub/api/route.h"

#include <string_view>

namespace hub::api {

class Router {
public:
    // Throws std::logic_error on a duplicate route or operationId, on two
    // patterns that match the same paths, and on a staff route without an
    // operation (or served over plain HTTP).
    explicit Router(std::vector<Route> routes);

    struct Match {
        const Route* route = nullptr;
        std::map<std::string, std::string> pathParams;
    };

    // Throws hub::Error(NotFound) or hub::Error(MethodNotAllowed) whose message
    // lists the allowed methods of the best-matching pattern ("GET, POST").
    Match match(std::string_view method, std::string_view path) const;

    const std::vector<Route>& routes() const { return routes_; }

private:
    // One path pattern and the routes (one per method) served on it.
    struct Pattern {
        std::string path;
        std::vector<std::string> segments;  // "{id}" marks a parameter
        std::vector<std::size_t> routes;    // indexes into routes_
    };
    std::vector<Route> routes_;
    std::vector<Pattern> patterns_;
};

std::vector<std::string> splitPath(std::string_view path);

}  // namespace hub::api
