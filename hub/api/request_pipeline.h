#pragma once
// Every API request takes the same path, in this order: match the route, read
// the body within the size limit, authenticate, check the role's permission and
// the CSRF token, validate query and body against the route's schemas, call the
// handler, map errors to JSON. Handlers therefore only ever see valid input from
// a caller who is allowed to make the call.
#include "hub/api/gate.h"
#include "hub/api/router.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include <cstddef>

namespace hub::api {

struct PipelineOptions {
    std::size_t maxBodyBytes = 1 << 20;
};

class RequestPipeline {
public:
    RequestPipeline(const Router& router, RequestGate& gate, PipelineOptions options);

    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) const;

private:
    ApiResponse dispatch(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) const;
    std::string readBody(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) const;

    const Router& router_;
    RequestGate& gate_;
    PipelineOptions options_;
};

class PipelineHandlerFactory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit PipelineHandlerFactory(const RequestPipeline& pipeline) : pipeline_(pipeline) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override;

private:
    const RequestPipeline& pipeline_;
};

// The session token from the Cookie header ("" when absent).
std::string sessionTokenFrom(const Poco::Net::HTTPServerRequest& request);

}  // namespace hub::api
