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

private:
    Connection& c_;
};

}  // namespace hub::store
