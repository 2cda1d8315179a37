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

Schema roleSchema() {
    std::vector<std::string> names;
    for (const domain::Role r : domain::allRoles) names.emplace_back(domain::roleName(r));
    return enumeration(std::move(names));
}

Schema staffSchema() {
    return object({
        required("id", string()),
        required("username", string()),
        required("display_name", string()),
        required("role", roleSchema()),
        required("disabled", boolean()),
        required("created_at", withFormat(string(), "date-time")),
        optional("doctor", doctorSchema()),
    });
}

namespace {
std::vector<Property> doctorProperties(bool allRequired) {
    auto field = [allRequired](std::string name, Schema s) {
        return allRequired ? required(std::move(name), std::move(s)) : optional(std::move(name), std::move(s));
    };
    return {
        field("name_en", withLength(string("name as printed on prescriptions"), 1, 100)),
        field("name_bn", withLength(string("name in Bangla"), 0, 200)),
        field("qualifications", withLength(string("e.g. MBBS, FCPS (Medicine)"), 0, 200)),
        field("registration_number", withLength(string("BMDC / NMC registration"), 0, 40)),
        field("specialty", withLength(string(), 0, 100)),
        field("room", withLength(string("room label shown on the display and slips"), 0, 40)),
        field("token_prefix", withLength(string("1-3 capital letters; tokens are A-001, A-002 ..."), 1, 3)),
        field("consultation_fee", withRange(integer("whole taka / rupees"), 0, 1000000)),
        field("schedule", withLength(string("e.g. Sat-Thu 17:00-21:00"), 0, 200)),
    };
}
}  // namespace

std::vector<Property> vitalsInputProperties() {
    return {
        optional("bp_systolic", integer("mmHg; with bp_diastolic")),
        optional("bp_diastolic", integer("mmHg; lower than bp_systolic")),
        optional("pulse", integer("beats per minute")),
        optional("temperature_f", number("degrees Fahrenheit")),
        optional("weight_kg", number()),
        optional("height_cm", number()),
        optional("spo2", integer("percent")),
        optional("blood_glucose_mmol_l", number("random blood glucose, mmol/L")),
    };
}

Schema vitalsInputSchema() { return object(vitalsInputProperties()); }

Schema doctorInputSchema() { return object(doctorProperties(false)); }

Schema doctorSchema() {
    auto props = doctorProperties(true);
    props.insert(props.begin(), required("id", string("the doctor's staff id")));
    props.push_back(required("active", boolean("false when the account is disabled")));
    return object(std::move(props));
}

Poco::JSON::Object::Ptr doctorJson(const domain::DoctorProfile& d) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", idString(d.staffId));
    o->set("name_en", d.nameEn);
    o->set("name_bn", d.nameBn);
    o->set("qualifications", d.qualifications);
    o->set("registration_number", d.registrationNumber);
    o->set("specialty", d.specialty);
    o->set("room", d.room);
    o->set("token_prefix", d.tokenPrefix);
    o->set("consultation_fee", d.consultationFee);
    o->set("schedule", d.schedule);
    o->set("active", d.active);
    return o;
}

Poco::JSON::Object::Ptr staffJson(const domain::StaffMember& s, const std::optional<domain::DoctorProfile>& doctor) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", idString(s.id));
    o->set("username", s.username);
    o->set("display_name", s.displayName);
    o->set("role", std::string(domain::roleName(s.role)));
    o->set("disabled", s.disabled);
    o->set("created_at", formatRfc3339(s.createdAt));
    if (doctor) o->set("doctor", doctorJson(*doctor));
    return o;
}

}  // namespace hub::api
