#pragma once
// The admin's side of prescribing (issue 17's admin screen): the clinic's drug
// formulary that doctors auto-complete from, and every doctor's prescription
// templates, which an admin may tidy away. No patient data: changes are
// audited as any admin change is; reads are not.
#include "hub/audit/audit_log.h"
#include "hub/auth/actor.h"
#include "hub/core/clock.h"
#include "hub/domain/visit.h"
#include "hub/store/database.h"
#include "hub/store/drug_repository.h"

#include <optional>
#include <string>
#include <vector>

namespace hub::opd {

// A change to a formulary entry: absent fields stay as they are.
struct DrugChange {
    std::optional<std::string> name;
    std::optional<std::string> genericName;
    std::optional<std::string> strength;
    std::optional<std::string> form;
};

struct ClinicTemplate {
    long long id = 0;
    long long doctorId = 0;
    std::string doctorName;  // English name from the doctor's profile
    std::string name;
    std::vector<domain::PrescriptionItem> items;
    TimePoint createdAt{};
};

inline constexpr std::size_t maxDrugFieldBytes = 100;

class FormularyService {
public:
    FormularyService(store::Database& db, audit::AuditLog& audit) : db_(db), audit_(audit) {}

    // Fields are trimmed; name is required, each field at most
    // maxDrugFieldBytes (InvalidInput naming "name", "generic_name",
    // "strength" or "form"). Conflict (field "name") when the same name,
    // strength and form is already listed.
    store::Drug createDrug(const auth::ActorContext& actor, const DrugChange& drug);
    store::Drug updateDrug(const auth::ActorContext& actor, long long id, const DrugChange& change);
    void deleteDrug(const auth::ActorContext& actor, long long id);

    std::vector<ClinicTemplate> listTemplates(const auth::ActorContext& actor);
    // A doctor removes only their own (Forbidden otherwise); an admin any.
    void deleteTemplate(const auth::ActorContext& actor, long long id);

private:
    store::Database& db_;
    audit::AuditLog& audit_;
};

}  // namespace hub::opd
