#include "hub/store/audit_repository.h"

#include "hub/store/columns.h"

#include <algorithm>
#include <cstdint>

namespace hub::store {
namespace {

#define AUDIT_COLUMNS                                                                                     \
    "id, at, actor_id, actor_username, actor_role, action, object_type, object_id, patient_id, client_address, " \
    "outcome, detail, prev_hash, hash"

AuditRecord readEvent(SQLite::Statement& q) {
    AuditRecord r;
    r.id = q.getColumn(0).getInt64();
    r.at = fromUnixSeconds(q.getColumn(1).getInt64());
    r.actorId = optionalColumn<long long>(q.getColumn(2));
    r.actorUsername = q.getColumn(3).getString();
    r.actorRole = q.getColumn(4).getString();
    r.action = q.getColumn(5).getString();
    r.objectType = q.getColumn(6).getString();
    r.objectId = q.getColumn(7).getString();
    r.patientId = optionalColumn<long long>(q.getColumn(8));
    r.clientAddress = q.getColumn(9).getString();
    r.outcome = q.getColumn(10).getString();
    r.detail = q.getColumn(11).getString();
    r.prevHash = q.getColumn(12).getString();
    r.hash = q.getColumn(13).getString();
    return r;
}


}  // namespace

AuditChainTail AuditRepository::tail() {
    AuditChainTail t;
    {
        auto q = c_.prepare("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1");
        if (q->executeStep()) {
            t.lastId = q->getColumn(0).getInt64();
            t.lastHash = q->getColumn(1).getString();
        }
    }
    auto q = c_.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_events'");
    if (q->executeStep()) t.highestIdUsed = q->getColumn(0).getInt64();
    return t;
}

void AuditRepository::insert(const AuditRecord& r) {
    auto q = c_.prepare(
        "INSERT INTO audit_events (id, at, actor_id, actor_username, actor_role, action, object_type, object_id, "
        "patient_id, client_address, outcome, detail, prev_hash, hash) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
    q->bind(1, static_cast<int64_t>(r.id));
    q->bind(2, static_cast<int64_t>(toUnixSeconds(r.at)));
    bindOptional(*q, 3, r.actorId);
    q->bind(4, r.actorUsername);
    q->bind(5, r.actorRole);
    q->bind(6, r.action);
    q->bind(7, r.objectType);
    q->bind(8, r.objectId);
    bindOptional(*q, 9, r.patientId);
    q->bind(10, r.clientAddress);
    q->bind(11, r.outcome);
    q->bind(12, r.detail);
    q->bind(13, r.prevHash);
    q->bind(14, r.hash);
    q->exec();
}

void AuditRepository::forEachInIdOrder(const std::function<bool(const AuditRecord&)>& visit) {
    auto q = c_.prepare("SELECT " AUDIT_COLUMNS " FROM audit_events ORDER BY id");
    while (q->executeStep())
        if (!visit(readEvent(*q))) return;
}

std::optional<std::string> AuditRepository::hashOf(long long id) {
    auto q = c_.prepare("SELECT hash FROM audit_events WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(id));
    if (!q->executeStep()) return std::nullopt;
    return q->getColumn(0).getString();
}

std::optional<long long> AuditRepository::findIdByHash(std::string_view hash) {
    auto q = c_.prepare("SELECT id FROM audit_events WHERE hash = ?1 ORDER BY id LIMIT 1");
    q->bind(1, std::string(hash));
    if (!q->executeStep()) return std::nullopt;
    return q->getColumn(0).getInt64();
}

std::optional<long long> AuditRepository::findIdByPrevHash(std::string_view prevHash, long long excludingId) {
    auto q = c_.prepare("SELECT id FROM audit_events WHERE prev_hash = ?1 AND id <> ?2 ORDER BY id LIMIT 1");
    q->bind(1, std::string(prevHash));
    q->bind(2, static_cast<int64_t>(excludingId));
    if (!q->executeStep()) return std::nullopt;
    return q->getColumn(0).getInt64();
}

void AuditRepository::insertPatientsShown(long long eventId, const std::vector<long long>& patientIds) {
    if (patientIds.empty()) return;
    auto q = c_.prepare("INSERT OR IGNORE INTO audit_patients_shown (patient_id, event_id) VALUES (?1, ?2)");
    for (const long long patientId : patientIds) {
        q->reset();
        q->bind(1, static_cast<int64_t>(patientId));
        q->bind(2, static_cast<int64_t>(eventId));
        q->exec();
    }
}

std::vector<AuditRecord> AuditRepository::listForPatient(long long patientId, std::optional<long long> beforeId,
                                                         int limit) {
    auto q = c_.prepare(
        "SELECT " AUDIT_COLUMNS " FROM audit_events WHERE id IN ("
        "  SELECT id FROM (SELECT id FROM audit_events WHERE patient_id = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3)"
        "  UNION ALL"
        "  SELECT event_id FROM (SELECT event_id FROM audit_patients_shown WHERE patient_id = ?1 AND event_id < ?2"
        "                        ORDER BY event_id DESC LIMIT ?3)"
        ") ORDER BY id DESC LIMIT ?3");
    q->bind(1, static_cast<int64_t>(patientId));
    q->bind(2, static_cast<int64_t>(beforeId.value_or(INT64_MAX)));
    q->bind(3, std::clamp(limit, 1, 500));
    std::vector<AuditRecord> rows;
    while (q->executeStep()) rows.push_back(readEvent(*q));
    return rows;
}

std::vector<AuditRecord> AuditRepository::list(const AuditQuery& f) {
    // Unset filters are bound as NULL and switch themselves off, so one static
    // statement serves every combination.
    auto q = c_.prepare("SELECT " AUDIT_COLUMNS " FROM audit_events "
                        "WHERE (?1 IS NULL OR actor_id = ?1) AND (?2 IS NULL OR patient_id = ?2) "
                        "AND (?3 IS NULL OR action = ?3) AND (?4 IS NULL OR at >= ?4) AND (?5 IS NULL OR at < ?5) "
                        "AND (?6 IS NULL OR id < ?6) ORDER BY id DESC LIMIT ?7");
    bindOptional(*q, 1, f.actorId);
    bindOptional(*q, 2, f.patientId);
    if (f.action) q->bind(3, *f.action);
    else q->bind(3);
    bindOptional(*q, 4, f.from ? std::optional<long long>(toUnixSeconds(*f.from)) : std::nullopt);
    bindOptional(*q, 5, f.until ? std::optional<long long>(toUnixSeconds(*f.until)) : std::nullopt);
    bindOptional(*q, 6, f.beforeId);
    q->bind(7, std::clamp(f.limit, 1, 500));
    std::vector<AuditRecord> rows;
    while (q->executeStep()) rows.push_back(readEvent(*q));
    return rows;
}

}  // namespace hub::store
