#pragma once
#include <Poco/Net/HTTPResponse.h>

namespace hub::api {

// Headers on every response. HSTS is short on purpose: when a box dies and its
// replacement has a new root certificate, staff browsers must still be able to
// reach the onboarding page over plain HTTP within a day.
void addSecurityHeaders(Poco::Net::HTTPResponse& response);

}  // namespace hub::api
