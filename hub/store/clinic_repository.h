#pragma once
// The single clinic row: who this box belongs to. Its presence means the hub
// has been initialised (clinic-hub init).
#include "hub/core/clock.h"
#include "hub/store/connection.h"

#include <optional>
#include <string>

namespace hub::store {

struct ClinicRecord {
    std::string name;
    std::string timezone = "Asia/Dhaka";  // IANA name
    std::string boxId;                    // random hex, stable for this install
    TimePoint createdAt{};
    bool demo = false;
};

class ClinicRepository {
public:
    explicit ClinicRepository(Connection& c) : c_(c) {}

    std::optional<ClinicRecord> get();
    // Throws Error(Conflict) when the clinic row already exists.
    void create(const ClinicRecord& clinic);

private:
    Connection& c_;
};

}  // namespace hub::store
