#include "hub/core/error.h"

namespace hub {

const char* errorCodeName(ErrorCode code) {
    switch (code) {
        case ErrorCode::InvalidInput: return "invalid_input";
        case ErrorCode::Unauthenticated: return "unauthenticated";
        case ErrorCode::Forbidden: return "forbidden";
        case ErrorCode::NotFound: return "not_found";
        case ErrorCode::MethodNotAllowed: return "method_not_allowed";
        case ErrorCode::Conflict: return "conflict";
        case ErrorCode::UnknownReference: return "unknown_reference";
        case ErrorCode::PayloadTooLarge: return "payload_too_large";
        case ErrorCode::UnsupportedMediaType: return "unsupported_media_type";
        case ErrorCode::TooManyRequests: return "too_many_requests";
        case ErrorCode::Unavailable: return "unavailable";
        case ErrorCode::InsufficientStorage: return "insufficient_storage";
        case ErrorCode::Internal: return "internal";
    }
    return "internal";
}

}  // namespace hub
