#pragma once
// The one place where error codes become HTTP statuses and JSON error bodies:
// {"error": {"code": "...", "message": "...", "field": "..."}}.
#include "hub/core/error.h"

#include <string>

namespace hub::api {

int httpStatus(ErrorCode code);

// Serialises the error body; message text is for people, code is for programs.
std::string errorBody(ErrorCode code, const std::string& message, const std::string& field = {});
// For what only HTTP knows ("request_head_too_large"): the same shape.
std::string errorBody(const std::string& code, const std::string& message, const std::string& field = {});

}  // namespace hub::api
