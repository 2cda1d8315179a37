#pragma once
// Finds the route for a method and path. An unknown path is NotFound; a known
// path with another method is MethodNotAllowed (the caller adds an Allow header).
#include "hub/api/route.h"

#include <string_view>

namespace hub::api {

class Router {
public:
    explicit Router(std::vector<Route> routes);  // throws std::logic_error on a duplicate

    struct Match {
        const Route* route = nullptr;
        std::map<std::string, std::string> pathParams;
    };

    // Throws hub::Error(NotFound) or hub::Error(MethodNotAllowed) whose message
    // lists the allowed methods ("GET, POST").
    Match match(std::string_view method, std::string_view path) const;

    const std::vector<Route>& routes() const { return routes_; }

private:
    struct Compiled {
        std::vector<std::string> segments;  // "{id}" marks a parameter
    };
    std::vector<Route> routes_;
    std::vector<Compiled> compiled_;
};

std::vector<std::string> splitPath(std::string_view path);

}  // namespace hub::api
