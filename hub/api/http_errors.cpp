#include "hub/api/http_errors.h"

#include <Poco/JSON/Object.h>

#include <sstream>

namespace hub::api {

int httpStatus(ErrorCode code) {
    switch (code) {
        case ErrorCode::InvalidInput: return 400;
        case ErrorCode::Unauthenticated: return 401;
        case ErrorCode::Forbidden: return 403;
        case ErrorCode::NotFound: return 404;
        case ErrorCode::MethodNotAllowed: return 405;
        case ErrorCode::Conflict: return 409;
        case ErrorCode::UnknownReference: return 422;
        case ErrorCode::PayloadTooLarge: return 413;
        case ErrorCode::UnsupportedMediaType: return 415;
        case ErrorCode::TooManyRequests: return 429;
        case ErrorCode::Unavailable: return 503;
        case ErrorCode::InsufficientStorage: return 507;
        case ErrorCode::Internal: return 500;
    }
    return 500;
}

std::string errorBody(ErrorCode code, const std::string& message, const std::string& field) {
    return errorBody(std::string(errorCodeName(code)), message, field);
}

std::string errorBody(const std::string& code, const std::string& message, const std::string& field) {
    Poco::JSON::Object::Ptr error = new Poco::JSON::Object;
    error->set("code", code);
    error->set("message", message);
    if (!field.empty()) error->set("field", field);
    Poco::JSON::Object root;
    root.set("error", error);
    std::ostringstream out;
    root.stringify(out);
    return out.str();
}

}  // namespace hub::api
