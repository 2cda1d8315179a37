#pragma once
// What can go wrong in a sync, a verify or a restore, in words a technician
// can act on. Each is a hub::Error, so the API and the CLI report it like any
// other; problem() lets callers (status, tests, the retry rule) tell them apart.
#include "hub/core/error.h"

#include <string>

namespace hub::sync {

enum class SyncProblem {
    NotConfigured,    // no `clinic-hub sync init` on this data directory
    Busy,             // another run holds the lock
    Unreachable,      // DNS, TCP, TLS or a timeout: worth retrying later
    Refused,          // the store refused the credentials or the request (4xx)
    StoreFailed,      // the store answered 5xx or something unreadable
    MissingObject,    // an object a restore point needs is not in the bucket
    DamagedObject,    // an object fails authentication or does not parse
    WrongPassphrase,  // the recovery passphrase does not unwrap the data key
    TakenOver,        // another box restored from this cloud copy and owns it now
    Conflict,         // the bucket holds something else (another clinic, a newer format)
    Cancelled,        // the hub is shutting down
};

class SyncError : public Error {
public:
    SyncError(SyncProblem problem, std::string message, std::string object = {})
        : Error(codeFor(problem), std::move(message)), problem_(problem), object_(std::move(object)) {}

    SyncProblem problem() const { return problem_; }
    // The object's name in the bucket, for MissingObject and DamagedObject.
    const std::string& object() const { return object_; }
    // Whether the nightly window should try again later (network trouble).
    bool transient() const {
        return problem_ == SyncProblem::Unreachable || problem_ == SyncProblem::StoreFailed ||
               problem_ == SyncProblem::Busy;
    }

private:
    static ErrorCode codeFor(SyncProblem p) {
        switch (p) {
            case SyncProblem::NotConfigured:
            case SyncProblem::Busy:
            case SyncProblem::TakenOver:
            case SyncProblem::Conflict: return ErrorCode::Conflict;
            case SyncProblem::WrongPassphrase: return ErrorCode::InvalidInput;
            default: return ErrorCode::Unavailable;
        }
    }

    SyncProblem problem_;
    std::string object_;
};

}  // namespace hub::sync
