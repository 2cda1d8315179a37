#include "hub/api/routes/clinic_routes.h"

#include "hub/api/routes/json_mapping.h"
#include "hub/api/routes/session_gate.h"
#include "hub/domain/patient.h"

#include <Poco/JSON/Array.h>

namespace hub::api {
namespace {

std::vector<Property> clinicProperties(bool allRequired) {
    auto field = [allRequired](std::string name, Schema s) {
        return allRequired ? required(std::move(name), std::move(s)) : optional(std::move(name), std::move(s));
    };
    return {
        field("name", withLength(string(), 1, 100)),
        field("name_bn", withLength(string(), 0, 200)),
        field("address", withLength(string(), 0, 300)),
        field("phone", withLength(string(), 0, 40)),
        field("email", withLength(string(), 0, 100)),
        field("timezone", withLength(string("IANA timezone; the clinic day turns at its midnight"), 1, 64)),
        field("country", enumeration(domain::countryNames, "whose local phone formats reception types")),
        field("languages", withLength(arrayOf(enumeration(domain::languageNames)), 1, 3)),
        field("letterhead_tagline", withLength(string(), 0, 200)),
        field("letterhead_footer", withLength(string(), 0, 300)),
        field("registration_number", withLength(string(), 0, 60)),
        field("token_numbering", enumeration(domain::tokenNumberingNames)),
    };
}

Schema clinicSchema() {
    auto props = clinicProperties(true);
    props.push_back(required("demo", boolean("a demo clinic with synthetic data")));
    props.push_back(required("chronic_conditions", arrayOf(object({
                                                       required("code", string()),
                                                       required("label_en", string()),
                                                       required("label_bn", string()),
                                                   }))));
    return object(std::move(props));
}

Poco::JSON::Object::Ptr clinicJson(const opd::ClinicView& v) {
    const auto& p = v.profile;
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("name", p.name);
    o->set("name_bn", p.nameBn);
    o->set("address", p.address);
    o->set("phone", p.phone);
    o->set("email", p.email);
    o->set("timezone", p.timezone);
    o->set("country", p.country);
    Poco::JSON::Array::Ptr languages = new Poco::JSON::Array;
    for (const auto l : p.languages) languages->add(std::string(domain::languageName(l)));
    o->set("languages", languages);
    o->set("letterhead_tagline", p.letterheadTagline);
    o->set("letterhead_footer", p.letterheadFooter);
    o->set("registration_number", p.registrationNumber);
    o->set("token_numbering", std::string(domain::tokenNumberingName(p.tokenNumbering)));
    o->set("demo", v.demo);
    Poco::JSON::Array::Ptr conditions = new Poco::JSON::Array;
    for (const auto& c : v.chronicConditions) {
        Poco::JSON::Object::Ptr item = new Poco::JSON::Object;
        item->set("code", c.code);
        item->set("label_en", c.labelEn);
        item->set("label_bn", c.labelBn);
        conditions->add(item);
    }
    o->set("chronic_conditions", conditions);
    return o;
}

}  // namespace

std::vector<Route> clinicRoutes(opd::ClinicService& clinic) {
    std::vector<Route> routes;

    Route get = staffRoute("GET", "/api/v1/clinic", domain::Operation::GetClinic,
                           "The clinic's profile, letterhead and chronic-condition list");
    get.tag = "clinic";
    get.responseBody = clinicSchema();
    get.handler = [&clinic](ApiRequest& r) { return ApiResponse::ok(clinicJson(clinic.getClinic(actorFor(r)))); };
    routes.push_back(std::move(get));

    Route update = staffRoute("PATCH", "/api/v1/clinic", domain::Operation::UpdateClinic,
                              "Change the clinic's profile; absent fields stay as they are");
    update.tag = "clinic";
    update.requestBody = object(clinicProperties(false));
    update.responseBody = clinicSchema();
    update.handler = [&clinic](ApiRequest& r) {
        const auto& b = r.body;
        opd::ClinicUpdate u;
        u.name = optionalField<std::string>(b, "name");
        u.nameBn = optionalField<std::string>(b, "name_bn");
        u.address = optionalField<std::string>(b, "address");
        u.phone = optionalField<std::string>(b, "phone");
        u.email = optionalField<std::string>(b, "email");
        u.timezone = optionalField<std::string>(b, "timezone");
        u.country = optionalField<std::string>(b, "country");
        if (b->has("languages")) {
            std::vector<domain::Language> languages;
            for (const auto& l : *b->getArray("languages"))
                languages.push_back(parseNamed(l.toString(), domain::parseLanguage, "languages"));
            u.languages = std::move(languages);
        }
        u.letterheadTagline = optionalField<std::string>(b, "letterhead_tagline");
        u.letterheadFooter = optionalField<std::string>(b, "letterhead_footer");
        u.registrationNumber = optionalField<std::string>(b, "registration_number");
        u.tokenNumbering = optionalField<std::string>(b, "token_numbering");
        return ApiResponse::ok(clinicJson(clinic.updateClinic(actorFor(r), u)));
    };
    routes.push_back(std::move(update));

    Route doctors = staffRoute("GET", "/api/v1/doctors", domain::Operation::ListDoctors,
                               "Doctors with their rooms, token prefixes and fees");
    doctors.tag = "clinic";
    doctors.responseBody = object({required("doctors", arrayOf(doctorSchema()))});
    doctors.handler = [&clinic](ApiRequest& r) {
        Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
        for (const auto& d : clinic.listDoctors(actorFor(r))) items->add(doctorJson(d));
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
        body->set("doctors", items);
        return ApiResponse::ok(body);
    };
    routes.push_back(std::move(doctors));
    return routes;
}

}  // namespace hub::api
