#pragma once
// The single clinic row: who this box belongs to. Its presence means the hub
// has been initialised (clinic-hub init).
#include "hub/core/clock.h"
#include "hub/domain/clinic.h"
#include "hub/store/connection.h"

#include <optional>
#include <string>
#include <vector>

namespace hub::store {

struct ClinicRecord {
    domain::ClinicProfile profile;  // name, timezone, letterhead ...
    std::string boxId;              // random hex, stable for this install
    TimePoint createdAt{};
    TimePoint updatedAt{};
    bool demo = false;
};

// A tag from the clinic-editable list of chronic conditions.
struct ChronicCondition {
    std::string code;  // "diabetes"
    std::string labelEn;
    std::string labelBn;
};

class ClinicRepository {
public:
    explicit ClinicRepository(Connection& c) : c_(c) {}

    std::optional<ClinicRecord> get();
    // Throws Error(Conflict) when the clinic row already exists.
    void create(const ClinicRecord& clinic);
    // Writes every profile field; returns false if the clinic is not initialised.
    bool updateProfile(const domain::ClinicProfile& profile, TimePoint at);
    std::vector<ChronicCondition> chronicConditions();  // in the clinic's order

private:
    Connection& c_;
};

}  // namespace hub::store
