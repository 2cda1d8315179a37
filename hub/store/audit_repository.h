#pragma once
// Raw storage of the audit trail. Rows are only ever inserted: triggers make
// UPDATE and DELETE fail. Hashing and the chain rules live in hub/audit.
#include "hub/core/clock.h"
#include "hub/store/connection.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hub::store {

struct AuditRecord {
    long long id = 0;
    TimePoint at{};  // stored with one-second resolution
    std::optional<long long> actorId;
    std::string actorUsername;
    std::string actorRole;
    std::string action;
    std::string objectType;
    std::string objectId;
    std::optional<long long> patientId;
    std::string clientAddress;
    std::string outcome;
    std::string detail;
    std::string prevHash;  // lower-case hex
    std::string hash;      // lower-case hex
};

// Where the chain ends now.
struct AuditChainTail {
    long long lastId = 0;         // 0 when there are no events
    std::string lastHash;         // empty when there are no events
    long long highestIdUsed = 0;  // from sqlite_sequence: ids are never reused
};

struct AuditQuery {
    std::optional<long long> actorId;
    std::optional<long long> patientId;
    std::optional<std::string> action;
    std::optional<TimePoint> from;     // inclusive
    std::optional<TimePoint> until;    // exclusive
    std::optional<long long> beforeId;  // keyset paging: events with id < beforeId
    int limit = 50;                     // clamped to 1..500
};

class AuditRepository {
public:
    explicit AuditRepository(Connection& c) : c_(c) {}

    AuditChainTail tail();
    void insert(const AuditRecord& record);  // with record.id as given
    // Indexes event eventId under each patient it showed (audit_patients_shown).
    void insertPatientsShown(long long eventId, const std::vector<long long>& patientIds);
    // Calls visit for each event in id order until it returns false.
    void forEachInIdOrder(const std::function<bool(const AuditRecord&)>& visit);
    // The stored hash of event id; nullopt when there is no such event.
    std::optional<std::string> hashOf(long long id);
    // Full scans, for diagnosing a broken chain only.
    std::optional<long long> findIdByHash(std::string_view hash);
    std::optional<long long> findIdByPrevHash(std::string_view prevHash, long long excludingId);
    // Newest first.
    std::vector<AuditRecord> list(const AuditQuery& query);
    // Newest first, at most limit (1..500), ids below beforeId: the events
    // about patientId and those that showed them in a list (a search). Each
    // side is read newest first by its index and cut at limit, so the cost
    // does not grow with the trail.
    std::vector<AuditRecord> listForPatient(long long patientId, std::optional<long long> beforeId, int limit);

private:
    Connection& c_;
};

}  // namespace hub::store
