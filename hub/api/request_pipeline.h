#pragma once
// Every API request takes the same path, in this order: match the route,
// refuse a browser request from another site that would change something,
// authenticate, check the role's permission and the CSRF token, check the
// body's media type, validate query and body against the route's schemas,
// call the handler, map errors to JSON. Handlers therefore only ever see
// valid input from a caller who is allowed to make the call.
//
// The connection server (hub/net) has already read the whole request within
// the listener's limits (413 for an oversized body).
#include "hub/api/gate.h"
#include "hub/api/router.h"
#include "hub/core/random.h"
#include "hub/net/http_message.h"

#include <string>

namespace hub::api {

class RequestPipeline {
public:
    // random names incidents (internal errors) in the answer and the log.
    RequestPipeline(const Router& router, RequestGate& gate, Random& random);

    void handle(net::HttpRequest& request, net::HttpResponse& response) const;

private:
    ApiResponse dispatch(net::HttpRequest& request, const Route*& matched) const;

    const Router& router_;
    RequestGate& gate_;
    Random& random_;
};

// The answer to a request the connection server refuses before any route sees
// it (malformed head, oversized body): the API's JSON error with its headers.
void refuseRequest(int status, const std::string& message, net::HttpResponse& response);

// The session token from the Cookie header ("" when absent).
std::string sessionTokenFrom(const net::HttpRequest& request);

}  // namespace hub::api
