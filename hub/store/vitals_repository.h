#pragma once
// Vitals recorded for a patient, usually against the token they are waiting on.
#include "hub/core/clock.h"
#include "hub/domain/visit.h"
#include "hub/store/connection.h"

#include <optional>

namespace hub::store {

struct VitalsRecord {
    long long id = 0;
    long long patientId = 0;
    std::optional<long long> tokenId;
    TimePoint recordedAt{};
    std::optional<long long> recordedBy;  // staff id
    domain::Vitals vitals;
};

class VitalsRepository {
public:
    explicit VitalsRepository(Connection& c) : c_(c) {}

    // Stores record (its id is ignored) and returns the new id.
    long long insert(const VitalsRecord& record);
    std::optional<VitalsRecord> find(long long id);
    // The most recent vitals recorded against tokenId (ties: the later row).
    std::optional<VitalsRecord> latestForToken(long long tokenId);
    // The patient's most recent vitals, whatever they were recorded against.
    std::optional<VitalsRecord> latestForPatient(long long patientId);

private:
    Connection& c_;
};

// The eight readings of a vitals row, from column `first` on in table order
// (bp_systolic … blood_glucose_mmol_l), for queries that join vitals.
domain::Vitals readVitalsColumns(SQLite::Statement& q, int first);

}  // namespace hub::store
