#pragma once
// Years of a clinic's OPD for demos and benchmarks (`clinic-hub demo-data
// --years N`, bench/sync-bench): each day about a hundred patients seen, a
// third of them new, each with a token, vitals, a finalized visit with
// complaints, ICD-10 diagnoses and a realistic prescription, and the audit
// events the real services would have written (a valid hash chain).
// Written straight through the repositories, one transaction per day, so ten
// clinic-years take minutes, not hours. Deterministic for a seed. Never for a
// real clinic: it invents patients.
#include "hub/core/clock.h"
#include "hub/domain/patient.h"
#include "hub/opd/synthetic_patients.h"
#include "hub/store/database.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace hub::opd {

struct HistoryDoctor {
    long long staffId = 0;
    std::string username;
    std::string tokenPrefix;  // "A"
};

struct HistoryOptions {
    domain::Date firstDay;      // the first clinic day to fill
    int days = 1;
    int visitsPerDay = 100;     // averaged; each day varies by +-20 %
    int newPatientPercent = 30;
    std::string timezone = "Asia/Dhaka";
    std::vector<HistoryDoctor> doctors;  // at least one
    long long receptionId = 0;
    std::string receptionUsername = "reception";
    long long nurseId = 0;
    std::string nurseUsername = "nurse";
    std::uint64_t seed = 1;
    std::function<void(int day)> progress;  // after each day
};

struct HistoryTotals {
    long long patients = 0;  // new registrations
    long long visits = 0;
    long long prescriptionItems = 0;
    long long auditEvents = 0;
};

// REQUIRES: the clinic is initialised and the doctors exist. Patients already
// in the database come back for follow-ups.
HistoryTotals insertSyntheticHistory(store::Database& db, SyntheticPatients& patients, const HistoryOptions& options);

}  // namespace hub::opd
