#pragma once
// Synthetic patients for demo clinics and benchmarks: realistic names (Bangla
// script and English names common in Bangladesh and India), valid BD and IN
// mobile numbers, ages 0-90, conditions, consents and languages. Deterministic
// for a seed, so a benchmark or a demo is reproducible. Never real people.
#include "hub/core/clock.h"
#include "hub/domain/patient.h"
#include "hub/store/database.h"

#include <cstddef>
#include <cstdint>
#include <random>

namespace hub::opd {

class SyntheticPatients {
public:
    explicit SyntheticPatients(std::uint64_t seed) : rng_(seed) {}

    // The next patient (id and mrn unset); ages are counted back from today.
    // Chronic-condition codes are from domain::defaultChronicConditions().
    domain::Patient next(const domain::Date& today);

private:
    std::size_t pick(std::size_t n);
    bool chance(int percent);
    std::string mobile(bool india);

    std::mt19937_64 rng_;
};

// Inserts count generated patients straight through the repository, in
// transactions of batchSize, registered in today's year. No audit events: for
// demo data and benchmarks only. Returns the number inserted.
std::size_t insertSyntheticPatients(store::Database& db, SyntheticPatients& generator, std::size_t count,
                                    const domain::Date& today, TimePoint at, std::size_t batchSize = 5000);

}  // namespace hub::opd
