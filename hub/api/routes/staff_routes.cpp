#include "hub/api/routes/staff_routes.h"

#include "hub/api/routes/json_mapping.h"
#include "hub/api/routes/session_gate.h"

#include <Poco/JSON/Array.h>

namespace hub::api {

std::vector<Route> staffRoutes(auth::StaffService& staff) {
    std::vector<Route> routes;
    const Schema roleSchema = enumeration({"admin", "doctor", "receptionist", "nurse", "cashier"});

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
        required("role", roleSchema),
        required("password", withFormat(string("at least 10 characters"), "password")),
    });
    create.successStatus = 201;
    create.responseBody = staffSchema();
    create.errorStatuses = {409};
    create.handler = [&staff](ApiRequest& r) {
        auth::NewStaffRequest request{r.body->getValue<std::string>("username"),
                                      r.body->getValue<std::string>("display_name"),
                                      r.body->getValue<std::string>("role"), r.body->getValue<std::string>("password")};
        return ApiResponse::created(staffJson(staff.createStaff(actorFor(r), request)));
    };
    routes.push_back(std::move(create));

    Route update = staffRoute("PATCH", "/api/v1/staff/{id}", domain::Operation::UpdateStaff,
                              "Change a staff account: name, role, disabled, or reset the password");
    update.tag = "staff";
    update.requestBody = object({
        optional("display_name", string()),
        optional("role", roleSchema),
        optional("disabled", boolean("true ends the member's sessions")),
        optional("password", withFormat(string("a new password; ends the member's sessions"), "password")),
    });
    update.responseBody = staffSchema();
    update.errorStatuses = {404, 409};
    update.handler = [&staff](ApiRequest& r) {
        auth::StaffUpdate change;
        change.displayName = optionalField<std::string>(r.body, "display_name");
        change.role = optionalField<std::string>(r.body, "role");
        change.disabled = optionalField<bool>(r.body, "disabled");
        change.password = optionalField<std::string>(r.body, "password");
        return ApiResponse::ok(staffJson(staff.updateStaff(actorFor(r), parseId(r.path("id"), "id"), change)));
    };
    routes.push_back(std::move(update));
    return routes;
}

}  // namespace hub::api
