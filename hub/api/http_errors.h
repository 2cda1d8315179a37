#pragma once
// The one place where error codes become HTTP statuses and JSON error bodies:
// {"error": {"code": "...", "message": "...", "field": "..."}}.
#include "hub/core/error.h"

#include <Poco/Net/HTTPServerResponse.h>

#include <string>

namespace hub::api {

int httpStatus(ErrorCode code);

// Serialises the error body; message text is for people, code is for programs.
std::string errorBody(ErrorCode code, const std::string& message, const std::string& field = {});

}  // namespace hub::api
