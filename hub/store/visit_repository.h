#pragma once
// Visits in the database. createDraft is the one entry point shared by the
// queue (a token starting consultation opens a visit) and walk-in visits.
#include "hub/core/clock.h"
#include "hub/store/connection.h"

#include <optional>

namespace hub::store {

struct NewVisitDraft {
    long long patientId = 0;
    long long doctorId = 0;
    std::optional<long long> tokenId;
    std::optional<long long> vitalsId;  // vitals recorded while the patient waited
    TimePoint at{};
};

class VisitRepository {
public:
    explicit VisitRepository(Connection& c) : c_(c) {}

    // Inserts a draft visit and returns its id. Throws Error(Conflict) if the
    // token already has a visit.
    long long createDraft(const NewVisitDraft& draft);
    std::optional<long long> findIdByToken(long long tokenId);

private:
    Connection& c_;
};

}  // namespace hub::store
