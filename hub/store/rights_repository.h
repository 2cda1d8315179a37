#pragma once
// The tables of migration 9 (0009_patient_rights.sql): the consent ledger, data requests, the
// retention policy and its runs, and the facts an eligibility check needs
// (last activity, open obligations). SQL only; the rules live in hub/rights.
#include "hub/core/clock.h"
#include "hub/store/connection.h"

#include <optional>
#include <string>
#include <vector>

namespace hub::store {

struct ConsentEntry {
    long long id = 0;
    long long patientId = 0;
    std::string purpose;  // domain::consentPurposeName
    bool given = false;
    TimePoint recordedAt{};
    std::optional<long long> recordedBy;
    std::string recordedByUsername;
    std::string method;  // domain::consentMethodName
    std::string textVersion;
};

class ConsentRepository {
public:
    explicit ConsentRepository(Connection& c) : c_(c) {}
    // Appends; the trigger updates patients.consent_sms/_whatsapp for those
    // purposes. REQUIRES: a write transaction.
    long long append(const ConsentEntry& entry);
    // Every entry of the patient, oldest first.
    std::vector<ConsentEntry> history(long long patientId);
    // The newest entry per purpose (purposes never recorded are absent).
    std::vector<ConsentEntry> current(long long patientId);

private:
    Connection& c_;
};

struct DataRequestRow {
    long long id = 0;
    long long patientId = 0;
    std::string kind = "anonymise";
    std::string state;  // domain::dataRequestStateName
    std::string channel;
    std::string note;
    TimePoint requestedAt{};
    std::optional<long long> requestedBy;
    std::optional<TimePoint> checkedAt;
    std::optional<bool> eligible;
    std::string eligibilityDetail;
    std::optional<TimePoint> reviewedAt;
    std::optional<long long> reviewedBy;
    std::string reviewReason;
    std::optional<TimePoint> executedAt;
    std::optional<long long> executedBy;
    std::optional<long long> ledgerId;
};

class DataRequestRepository {
public:
    explicit DataRequestRepository(Connection& c) : c_(c) {}
    long long insert(const DataRequestRow& row);
    // Rewrites every mutable column of row.id. REQUIRES: a write transaction.
    void update(const DataRequestRow& row);
    std::optional<DataRequestRow> find(long long id);
    // Newest first; state and patient filter when given.
    std::vector<DataRequestRow> list(const std::optional<std::string>& state, std::optional<long long> patientId,
                                     int limit);
    // An open (not rejected, not executed) request of the patient, if any.
    std::optional<long long> openRequestOf(long long patientId);

private:
    Connection& c_;
};

struct RetentionPolicyRow {
    int minimumKeepYears = 0;
    std::optional<int> autoAnonymiseAfterYears;
    bool clearNotes = false;
    TimePoint updatedAt{};
    std::optional<long long> updatedBy;
};

struct RetentionRunRow {
    long long id = 0;
    TimePoint ranAt{};
    TimePoint cutoff{};
    long long anonymised = 0;
    long long skipped = 0;
    std::string detail;
};

class RetentionRepository {
public:
    explicit RetentionRepository(Connection& c) : c_(c) {}
    RetentionPolicyRow policy();
    void savePolicy(const RetentionPolicyRow& policy);
    long long addRun(const RetentionRunRow& run);
    std::vector<RetentionRunRow> runs(int limit);

    // The patient's newest visit, else their registration; nullopt for no
    // such patient.
    std::optional<TimePoint> lastActivity(long long patientId);
    // Not yet anonymised patients whose newest activity (visit or
    // registration) is before cutoff, oldest first, at most limit.
    std::vector<long long> dueForAnonymisation(TimePoint cutoff, int limit);
    bool anonymised(long long patientId);

private:
    Connection& c_;
};

// Reasons a patient's record may not be anonymised now, one per obligation
// still open: draft visits, tokens still in a queue. Billing (issue 21) adds
// unpaid bills here: this is the one list every eligibility check reads.
std::vector<std::string> openObligations(Connection& c, long long patientId);

}  // namespace hub::store
