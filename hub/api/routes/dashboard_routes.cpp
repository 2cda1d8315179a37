#include "hub/api/routes/dashboard_routes.h"

#include "hub/api/routes/json_mapping.h"
#include "hub/api/routes/session_gate.h"

#include <Poco/JSON/Array.h>

namespace hub::api {

std::vector<Route> dashboardRoutes(opd::DashboardService& dashboard) {
    Route route = staffRoute("GET", "/api/v1/dashboard", domain::Operation::GetDashboard,
                             "Today's counts per doctor (waiting, in consultation, seen, average wait) and the "
                             "patients of each of the last 30 clinic days; counts only, no patient is named");
    route.tag = "clinic";
    route.responseBody = object({
        required("clinic_day", withFormat(string("today in the clinic's timezone"), "date")),
        required("doctors", arrayOf(object({
                                required("doctor_id", string()),
                                required("name", string()),
                                required("waiting", integer("waiting or called, not yet seen")),
                                required("in_consultation", integer()),
                                required("seen", integer()),
                                required("average_wait_minutes", integer("check-in to call, over today's called tokens")),
                            }))),
        required("patients_per_day", arrayOf(object({
                                         required("date", withFormat(string(), "date")),
                                         required("patients", integer("distinct patients not cancelled")),
                                     }))),
    });
    route.handler = [&dashboard](ApiRequest& r) {
        const opd::Dashboard d = dashboard.dashboard(actorFor(r));
        Poco::JSON::Array::Ptr doctors = new Poco::JSON::Array;
        for (const auto& row : d.doctors) {
            Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
            o->set("doctor_id", idString(row.doctorId));
            o->set("name", row.name);
            o->set("waiting", row.waiting);
            o->set("in_consultation", row.inConsultation);
            o->set("seen", row.seen);
            o->set("average_wait_minutes", row.averageWaitMinutes);
            doctors->add(o);
        }
        Poco::JSON::Array::Ptr days = new Poco::JSON::Array;
        for (const auto& [date, patients] : d.patientsPerDay) {
            Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
            o->set("date", date);
            o->set("patients", patients);
            days->add(o);
        }
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
        body->set("clinic_day", d.clinicDay);
        body->set("doctors", doctors);
        body->set("patients_per_day", days);
        return ApiResponse::ok(body);
    };
    return {route};
}

}  // namespace hub::api
