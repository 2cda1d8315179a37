#include "hub/api/routes/json_mapping.h"

#include "hub/core/error.h"

#include <charconv>

namespace hub::api {

std::string idString(long long id) { return std::to_string(id); }

long long parseId(const std::string& text, const std::string& field) {
    long long id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size() || id <= 0)
        throw invalidInput(field, field + " must be an id like \"42\"");
    return id;
}

Schema staffSchema() {
    return object({
        required("id", string()),
        required("username", string()),
        required("display_name", string()),
        required("role", enumeration({"admin", "doctor", "receptionist", "nurse", "cashier"})),
        required("disabled", boolean()),
        required("created_at", withFormat(string(), "date-time")),
    });
}

Poco::JSON::Object::Ptr staffJson(const domain::StaffMember& s) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", idString(s.id));
    o->set("username", s.username);
    o->set("display_name", s.displayName);
    o->set("role", std::string(domain::roleName(s.role)));
    o->set("disabled", s.disabled);
    o->set("created_at", formatRfc3339(s.createdAt));
    return o;
}

}  // namespace hub::api
