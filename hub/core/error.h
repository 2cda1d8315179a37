#pragma once
// Errors cross layers as one exception type with a code; the HTTP edge maps the
// code to a status once (api/error_mapping), the CLI maps it to a message.
#include <stdexcept>
#include <string>

namespace hub {

enum class ErrorCode {
    InvalidInput,      // 400/422: the request names a bad field
    Unauthenticated,   // 401
    Forbidden,         // 403: role lacks the permission, or CSRF token missing
    NotFound,          // 404
    MethodNotAllowed,  // 405: the path exists, the method does not
    Conflict,          // 409: state does not allow the change
    UnknownReference,  // 422: the body names a patient, doctor or token that does not exist (field names it)
    PayloadTooLarge,   // 413
    UnsupportedMediaType,  // 415: a JSON endpoint sent another Content-Type
    TooManyRequests,   // 429: throttled, retry_after_seconds says when
    Unavailable,       // 503: e.g. database newer than this build
    InsufficientStorage,  // 507: the disk is at its configured floor, or full
    Internal,          // 500: a bug; never caused by client input
};

class Error : public std::runtime_error {
public:
    Error(ErrorCode code, std::string message, std::string field = {})
        : std::runtime_error(std::move(message)), code_(code), field_(std::move(field)) {}

    ErrorCode code() const { return code_; }
    // The request field the error is about ("" when not about one field).
    const std::string& field() const { return field_; }
    int retryAfterSeconds() const { return retryAfterSeconds_; }
    Error& withRetryAfter(int seconds) { retryAfterSeconds_ = seconds; return *this; }

private:
    ErrorCode code_;
    std::string field_;
    int retryAfterSeconds_ = 0;
};

inline Error invalidInput(std::string field, std::string message) {
    return Error(ErrorCode::InvalidInput, std::move(message), std::move(field));
}
// An id in the path that names nothing is NotFound (404); an id in the body
// that names nothing is this (422), naming the field.
inline Error unknownReference(std::string field, std::string message) {
    return Error(ErrorCode::UnknownReference, std::move(message), std::move(field));
}
inline Error notFound(std::string message) { return Error(ErrorCode::NotFound, std::move(message)); }
inline Error conflict(std::string message) { return Error(ErrorCode::Conflict, std::move(message)); }

const char* errorCodeName(ErrorCode code);

}  // namespace hub
