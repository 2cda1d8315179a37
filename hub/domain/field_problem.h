#pragma once
#include <string>

namespace hub::domain {

// A validation failure about one field, for the caller to report by name.
struct FieldProblem {
    std::string field;    // "vitals.pulse", "doctor.token_prefix"
    std::string message;  // "must be between 20 and 250"
};

}  // namespace hub::domain
