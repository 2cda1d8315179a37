#pragma once
// Each doctor's named prescription templates ("Adult fever", "HTN follow-up").
// The items are stored as JSON text that the service writes and reads; the
// store does not look inside.
#include "hub/core/clock.h"
#include "hub/store/connection.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hub::store {

struct PrescriptionTemplateRecord {
    long long id = 0;
    long long doctorId = 0;
    std::string name;
    std::string itemsJson;
    TimePoint createdAt{};
};

class PrescriptionTemplateRepository {
public:
    explicit PrescriptionTemplateRepository(Connection& c) : c_(c) {}

    // Returns the new id. Throws Error(Conflict, field "name") when the doctor
    // already has a template of that name.
    long long insert(long long doctorId, std::string_view name, std::string_view itemsJson, TimePoint at);
    std::vector<PrescriptionTemplateRecord> listByDoctor(long long doctorId);  // by name
    // Every doctor's, by doctor then name (the admin's view).
    std::vector<PrescriptionTemplateRecord> listAll();
    std::optional<PrescriptionTemplateRecord> find(long long id);
    bool remove(long long id);  // false when there is no such id

private:
    Connection& c_;
};

}  // namespace hub::store
