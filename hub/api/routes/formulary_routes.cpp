#include "hub/api/routes/formulary_routes.h"

#include "hub/api/routes/json_mapping.h"
#include "hub/api/routes/session_gate.h"
#include "hub/api/routes/visit_routes.h"
#include "hub/opd/visit_json.h"

#include <Poco/JSON/Array.h>

namespace hub::api {
namespace {

std::vector<Property> drugProperties(bool create) {
    const std::size_t max = opd::maxDrugFieldBytes;
    auto name = withLength(string("brand or generic as prescribed"), 1, max);
    return {
        create ? required("name", name) : optional("name", name),
        optional("generic_name", withLength(string(), 0, max)),
        optional("strength", withLength(string("e.g. 500 mg"), 0, max)),
        optional("form", withLength(string("e.g. tablet"), 0, max)),
    };
}

opd::DrugChange drugChangeFrom(const Poco::JSON::Object::Ptr& b) {
    return {optionalField<std::string>(b, "name"), optionalField<std::string>(b, "generic_name"),
            optionalField<std::string>(b, "strength"), optionalField<std::string>(b, "form")};
}

Route formularyRoute(std::string method, std::string path, domain::Operation op, std::string summary) {
    Route r = staffRoute(std::move(method), std::move(path), op, std::move(summary));
    r.tag = "visits";
    return r;
}

}  // namespace

std::vector<Route> formularyRoutes(opd::FormularyService& formulary) {
    std::vector<Route> routes;

    Route create = formularyRoute("POST", "/api/v1/drugs", domain::Operation::CreateDrug,
                                  "Add a drug (a brand, a strength, a form) to the clinic's formulary");
    create.requestBody = object(drugProperties(true));
    create.successStatus = 201;
    create.responseBody = drugSchema();
    create.errorStatuses = {409};
    create.handler = [&formulary](ApiRequest& r) {
        return ApiResponse::created(drugJson(formulary.createDrug(actorFor(r), drugChangeFrom(r.body))));
    };
    routes.push_back(std::move(create));

    Route update = formularyRoute("PATCH", "/api/v1/drugs/{id}", domain::Operation::UpdateDrug,
                                  "Correct a formulary entry; absent fields stay as they are. Prescriptions already "
                                  "written keep the text they were written with");
    update.requestBody = object(drugProperties(false));
    update.responseBody = drugSchema();
    update.errorStatuses = {404, 409};
    update.handler = [&formulary](ApiRequest& r) {
        return ApiResponse::ok(
            drugJson(formulary.updateDrug(actorFor(r), parseId(r.path("id"), "id"), drugChangeFrom(r.body))));
    };
    routes.push_back(std::move(update));

    Route remove = formularyRoute("DELETE", "/api/v1/drugs/{id}", domain::Operation::DeleteDrug,
                                  "Take a drug off the formulary (auto-complete stops offering it; prescriptions "
                                  "already written are unchanged)");
    remove.successStatus = 204;
    remove.errorStatuses = {404};
    remove.handler = [&formulary](ApiRequest& r) {
        formulary.deleteDrug(actorFor(r), parseId(r.path("id"), "id"));
        return ApiResponse::noContent();
    };
    routes.push_back(std::move(remove));

    Route templates = formularyRoute("GET", "/api/v1/clinic/prescription-templates",
                                     domain::Operation::ListClinicPrescriptionTemplates,
                                     "Every doctor's prescription templates, by doctor and name");
    templates.responseBody = object({required("templates", arrayOf(object({
                                                             required("id", string()),
                                                             required("doctor_id", string()),
                                                             required("doctor_name", string()),
                                                             required("name", string()),
                                                             required("items", arrayOf(prescriptionItemSchema())),
                                                             required("created_at", withFormat(string(), "date-time")),
                                                         })))});
    templates.handler = [&formulary](ApiRequest& r) {
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        for (const auto& t : formulary.listTemplates(actorFor(r))) {
            Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
            o->set("id", idString(t.id));
            o->set("doctor_id", idString(t.doctorId));
            o->set("doctor_name", t.doctorName);
            o->set("name", t.name);
            o->set("items", opd::prescriptionJson(t.items));
            o->set("created_at", formatRfc3339(t.createdAt));
            list->add(o);
        }
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
        body->set("templates", list);
        return ApiResponse::ok(body);
    };
    routes.push_back(std::move(templates));

    Route removeTemplate = formularyRoute("DELETE", "/api/v1/prescription-templates/{id}",
                                          domain::Operation::DeletePrescriptionTemplate,
                                          "Remove a prescription template: a doctor their own, an admin any");
    removeTemplate.successStatus = 204;
    removeTemplate.errorStatuses = {404};
    removeTemplate.handler = [&formulary](ApiRequest& r) {
        formulary.deleteTemplate(actorFor(r), parseId(r.path("id"), "id"));
        return ApiResponse::noContent();
    };
    routes.push_back(std::move(removeTemplate));
    return routes;
}

}  // namespace hub::api
