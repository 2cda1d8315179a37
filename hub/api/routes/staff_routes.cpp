#include "hub/api/routes/staff_routes.h"

#include "hub/api/routes/json_mapping.h"
#include "hub/api/routes/session_gate.h"

#include <Poco/JSON/Array.h>

namespace hub::api {

namespace {

std::optional<auth::DoctorProfileInput> doctorInput(const Poco::JSON::Object::Ptr& body) {
    if (!body->has("doctor")) return std::nullopt;
    const auto d = body->getObject("doctor");
    auth::DoctorProfileInput in;
    in.nameEn = optionalField<std::string>(d, "name_en");
    in.nameBn = optionalField<std::string>(d, "name_bn");
    in.qualifications = optionalField<std::string>(d, "qualifications");
    in.registrationNumber = optionalField<std::string>(d, "registration_number");
    in.specialty = optionalField<std::string>(d, "specialty");
    in.room = optionalField<std::string>(d, "room");
    in.tokenPrefix = optionalField<std::string>(d, "token_prefix");
    in.schedule = optionalField<std::string>(d, "schedule");
    in.consultationFee = optionalField<long long>(d, "consultation_fee");
    return in;
}

}  // namespace

std::vector<Route> staffRoutes(auth::StaffService& staff) {
    std::vector<Route> routes;
    const Schema role = roleSchema();

    Route list = staffRoute("GET", "/api/v1/staff", domain::Operation::ListStaff, "Every staff account");
    list.tag = "staff";
    list.responseBody = object({required("staff", arrayOf(staffSchema()))});
    list.handler = [&staff](ApiRequest& r) {
        Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
        for (const auto& s : staff.listStaff(actorFor(r))) items->add(staffJson(s));
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
        body->set("staff", items);
        return ApiResponse::ok(body);
    };
    routes.push_back(std::move(list));

    Route create = staffRoute("POST", "/api/v1/staff", domain::Operation::CreateStaff, "Add a staff account");
    create.tag = "staff";
    create.requestBody = object({
        required("username", string("3-32 of a-z 0-9 . _ -, starting with a letter")),
        required("display_name", string()),
        required("role", role),
        required("password", withFormat(string("at least 10 characters"), "password")),
        optional("doctor", doctorInputSchema()),
    });
    create.successStatus = 201;
    create.responseBody = staffSchema();
    create.errorStatuses = {409};
    create.handler = [&staff](ApiRequest& r) {
        auth::NewStaffRequest request{r.body->getValue<std::string>("username"),
                                      r.body->getValue<std::string>("display_name"),
                                      r.body->getValue<std::string>("role"), r.body->getValue<std::string>("password"),
                                      doctorInput(r.body)};
        const auto created = staff.createStaff(actorFor(r), request);
        return ApiResponse::created(staffJson(created, staff.doctorProfile(created.id)));
    };
    routes.push_back(std::move(create));

    Route update = staffRoute("PATCH", "/api/v1/staff/{id}", domain::Operation::UpdateStaff,
                              "Change a staff account: name, role, disabled, or reset the password");
    update.tag = "staff";
    update.requestBody = object({
        optional("display_name", string()),
        optional("role", role),
        optional("disabled", boolean("true ends the member's sessions")),
        optional("password", withFormat(string("a new password; ends the member's sessions"), "password")),
        optional("doctor", doctorInputSchema()),
    });
    update.responseBody = staffSchema();
    update.errorStatuses = {404, 409};
    update.handler = [&staff](ApiRequest& r) {
        auth::StaffUpdate change;
        change.displayName = optionalField<std::string>(r.body, "display_name");
        change.role = optionalField<std::string>(r.body, "role");
        change.disabled = optionalField<bool>(r.body, "disabled");
        change.password = optionalField<std::string>(r.body, "password");
        change.doctor = doctorInput(r.body);
        const auto updated = staff.updateStaff(actorFor(r), parseId(r.path("id"), "id"), change);
        return ApiResponse::ok(staffJson(updated, staff.doctorProfile(updated.id)));
    };
    routes.push_back(std::move(update));

    Route unlock = staffRoute("POST", "/api/v1/staff/{id}/unlock", domain::Operation::UnlockAccount,
                              "Lift the account's sign-in lock-out after too many failed sign-ins, so its owner "
                              "can sign in again at once");
    unlock.tag = "staff";
    unlock.responseBody = object({
        required("user", staffSchema()),
        required("was_locked", boolean("false when there was no lock-out to lift (its failures are forgotten)")),
        required("locked_until", nullable(withFormat(string("when the lifted lock-out would have ended"),
                                                     "date-time"))),
    });
    unlock.errorStatuses = {404};
    unlock.handler = [&staff](ApiRequest& r) {
        const auto result = staff.unlockAccount(actorFor(r), parseId(r.path("id"), "id"));
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
        body->set("user", staffJson(result.staff));
        body->set("was_locked", result.wasLocked);
        body->set("locked_until",
                  result.wasLocked ? Poco::Dynamic::Var(formatRfc3339(result.lockedUntil)) : Poco::Dynamic::Var());
        return ApiResponse::ok(body);
    };
    routes.push_back(std::move(unlock));
    return routes;
}

}  // namespace hub::api
