#include "hub/opd/formulary_service.h"

#include "hub/core/error.h"
#include "hub/domain/permissions.h"
#include "hub/opd/visit_json.h"
#include "hub/service/audited.h"
#include "hub/store/doctor_repository.h"
#include "hub/store/prescription_template_repository.h"

namespace hub::opd {
namespace {

using domain::Operation;

std::string trimmedCopy(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

// Applies change to drug, trimmed and checked, naming the API's field on a problem.
void apply(store::Drug& drug, const DrugChange& change) {
    const auto set = [](std::string& into, const std::optional<std::string>& value, const char* field) {
        if (!value) return;
        std::string v = trimmedCopy(*value);
        if (v.size() > maxDrugFieldBytes)
            throw invalidInput(field, std::string(field) + " must be at most " + std::to_string(maxDrugFieldBytes) +
                                          " bytes");
        into = std::move(v);
    };
    set(drug.name, change.name, "name");
    set(drug.genericName, change.genericName, "generic_name");
    set(drug.strength, change.strength, "strength");
    set(drug.form, change.form, "form");
    if (drug.name.empty()) throw invalidInput("name", "name is required");
}

store::Drug requireDrug(store::DrugRepository& drugs, long long id) {
    auto found = drugs.find(id);
    if (!found) throw notFound("no drug with id " + std::to_string(id));
    return *found;
}

}  // namespace

store::Drug FormularyService::createDrug(const auth::ActorContext& actor, const DrugChange& request) {
    const service::Attempt attempt{Operation::CreateDrug, "drug.create", "drug", ""};
    return service::audited(db_, audit_, actor, attempt, [&] {
        store::Drug drug;
        apply(drug, request);
        return db_.write([&](store::Connection& tx) {
            drug.id = store::DrugRepository(tx).insert(drug);
            service::appendSuccess(audit_, tx, actor, {std::nullopt, attempt.action, attempt.objectType,
                                                       std::to_string(drug.id)},
                                   drug.name);
            return drug;
        });
    });
}

store::Drug FormularyService::updateDrug(const auth::ActorContext& actor, long long id, const DrugChange& change) {
    const service::Attempt attempt{Operation::UpdateDrug, "drug.update", "drug", std::to_string(id)};
    return service::audited(db_, audit_, actor, attempt, [&] {
        return db_.write([&](store::Connection& tx) {
            store::DrugRepository drugs(tx);
            store::Drug drug = requireDrug(drugs, id);
            apply(drug, change);
            drugs.update(drug);
            service::appendSuccess(audit_, tx, actor, attempt, drug.name);
            return drug;
        });
    });
}

void FormularyService::deleteDrug(const auth::ActorContext& actor, long long id) {
    const service::Attempt attempt{Operation::DeleteDrug, "drug.delete", "drug", std::to_string(id)};
    service::audited(db_, audit_, actor, attempt, [&] {
        db_.write([&](store::Connection& tx) {
            store::DrugRepository drugs(tx);
            const store::Drug drug = requireDrug(drugs, id);
            drugs.remove(id);
            service::appendSuccess(audit_, tx, actor, attempt, drug.name);
        });
    });
}

std::vector<ClinicTemplate> FormularyService::listTemplates(const auth::ActorContext& actor) {
    service::requirePermission(actor, Operation::ListClinicPrescriptionTemplates);
    // Drug lists with the doctor's name: not patient data, so no audit event.
    return db_.read([&](store::Connection& c) {
        store::DoctorRepository doctors(c);
        std::vector<ClinicTemplate> all;
        for (auto& t : store::PrescriptionTemplateRepository(c).listAll()) {
            const auto doctor = doctors.find(t.doctorId);
            const auto items = parseJsonText(t.itemsJson).extract<Poco::JSON::Array::Ptr>();
            all.push_back({t.id, t.doctorId, doctor ? doctor->nameEn : std::string(), std::move(t.name),
                           prescriptionFromJson(items, "items"), t.createdAt});
        }
        return all;
    });
}

void FormularyService::deleteTemplate(const auth::ActorContext& actor, long long id) {
    const service::Attempt attempt{Operation::DeletePrescriptionTemplate, "prescription_template.delete",
                                   "prescription_template", std::to_string(id)};
    service::audited(db_, audit_, actor, attempt, [&] {
        db_.write([&](store::Connection& tx) {
            store::PrescriptionTemplateRepository templates(tx);
            const auto found = templates.find(id);
            if (!found) throw notFound("no prescription template with id " + std::to_string(id));
            if (actor.role != domain::Role::Admin && found->doctorId != actor.staffId)
                throw Error(ErrorCode::Forbidden, "a doctor may remove only their own templates");
            templates.remove(id);
            service::appendSuccess(audit_, tx, actor, attempt, found->name);
        });
    });
}

}  // namespace hub::opd
