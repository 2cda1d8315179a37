#pragma once
// Domain values to JSON and back, one function per resource, next to the
// schema that documents the same shape.
#include "hub/api/schema.h"
#include "hub/core/error.h"
#include "hub/domain/clinic.h"
#include "hub/domain/staff.h"

#include <Poco/JSON/Object.h>

#include <string>

namespace hub::api {

// Ids are strings in the API (clients must not do arithmetic on them).
std::string idString(long long id);
// Parses a path or body id; throws InvalidInput naming field for non-ids.
long long parseId(const std::string& text, const std::string& field);

// A staff role, from the domain's roles.
Schema roleSchema();
Schema staffSchema();
Poco::JSON::Object::Ptr staffJson(const domain::StaffMember& staff,
                                  const std::optional<domain::DoctorProfile>& doctor = std::nullopt);

// A doctor's profile: the request form (every field optional) and the full form.
Schema doctorInputSchema();
Schema doctorSchema();
Poco::JSON::Object::Ptr doctorJson(const domain::DoctorProfile& doctor);

// The vital signs a nurse or doctor records, the one request shape for
// recording them on a token and for a visit's "vitals". Types only: the
// plausible ranges are the domain's (domain::checkVitals), with messages that
// say so; opd::vitalsFromJson is the one mapping to domain::Vitals.
std::vector<Property> vitalsInputProperties();
Schema vitalsInputSchema();

// Reads an optional member of a validated body.
template <typename T>
std::optional<T> optionalField(const Poco::JSON::Object::Ptr& body, const std::string& name) {
    if (!body || !body->has(name) || body->isNull(name)) return std::nullopt;
    return body->getValue<T>(name);
}

// A member of a validated body that names one of a domain vocabulary's values
// ("bn", "female"), parsed with the domain's parser. The schema made from the
// same name table has already refused others; InvalidInput naming the field
// if one gets here all the same.
template <typename T>
T parseNamed(const std::string& text, std::optional<T> (*parse)(std::string_view), const std::string& field) {
    if (const auto value = parse(text)) return *value;
    throw Error(ErrorCode::InvalidInput, field + " is not one of its allowed values", field);
}
template <typename T>
std::optional<T> optionalNamed(const Poco::JSON::Object::Ptr& body, const std::string& name,
                               std::optional<T> (*parse)(std::string_view)) {
    const auto text = optionalField<std::string>(body, name);
    if (!text) return std::nullopt;
    return parseNamed(*text, parse, name);
}

}  // namespace hub::api
