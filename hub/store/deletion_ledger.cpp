#include "hub/store/deletion_ledger.h"

#include "hub/store/columns.h"

namespace hub::store {
namespace {

LedgerEntry entryFrom(SQLite::Statement& q) {
    LedgerEntry e;
    e.id = q.getColumn(0).getInt64();
    e.patientId = q.getColumn(1).getInt64();
    e.action = q.getColumn(2).getString();
    e.clearNotes = q.getColumn(3).getInt() != 0;
    e.executedAt = fromUnixSeconds(q.getColumn(4).getInt64());
    e.executedBy = optionalColumn<long long>(q.getColumn(5));
    e.requestId = optionalColumn<long long>(q.getColumn(6));
    return e;
}

void bindEntry(SQLite::Statement& q, const LedgerEntry& e) {
    q.bind(2, static_cast<int64_t>(e.patientId));
    q.bind(3, e.action);
    q.bind(4, e.clearNotes ? 1 : 0);
    q.bind(5, static_cast<int64_t>(toUnixSeconds(e.executedAt)));
    bindOptional(q, 6, e.executedBy);
    bindOptional(q, 7, e.requestId);
}

}  // namespace

long long DeletionLedgerRepository::append(const LedgerEntry& entry) {
    auto q = c_.prepare(
        "INSERT INTO deletion_ledger (id, patient_id, action, clear_notes, executed_at, executed_by, request_id) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    q->bind(1);  // NULL: the next rowid
    bindEntry(*q, entry);
    q->exec();
    return c_.lastInsertRowid();
}

bool DeletionLedgerRepository::merge(const LedgerEntry& entry) {
    auto q = c_.prepare(
        "INSERT OR IGNORE INTO deletion_ledger (id, patient_id, action, clear_notes, executed_at, executed_by, "
        "request_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    q->bind(1, static_cast<int64_t>(entry.id));
    bindEntry(*q, entry);
    return q->exec() == 1;
}

std::vector<LedgerEntry> DeletionLedgerRepository::list() {
    auto q = c_.prepare(
        "SELECT id, patient_id, action, clear_notes, executed_at, executed_by, request_id FROM deletion_ledger "
        "ORDER BY id");
    std::vector<LedgerEntry> out;
    while (q->executeStep()) out.push_back(entryFrom(*q));
    return out;
}

void applyErasure(Connection& tx, const LedgerEntry& entry) {
    // The name index follows the UPDATE through patients_index_update.
    auto patient = tx.prepare(
        "UPDATE patients SET name = 'Anonymised patient', address = '', guardian = '', "
        "birth_date = CASE WHEN birth_date IS NULL THEN NULL ELSE substr(birth_date, 1, 4) || '-01-01' END, "
        "birth_date_approximate = 1 WHERE id = ?1");
    patient->bind(1, static_cast<int64_t>(entry.patientId));
    patient->exec();
    auto phones = tx.prepare("DELETE FROM patient_phones WHERE patient_id = ?1");
    phones->bind(1, static_cast<int64_t>(entry.patientId));
    phones->exec();
    auto links = tx.prepare("UPDATE tokens SET tracking_code = NULL WHERE patient_id = ?1 AND tracking_code IS NOT NULL");
    links->bind(1, static_cast<int64_t>(entry.patientId));
    links->exec();
    if (!entry.clearNotes) return;
    auto notes = tx.prepare("UPDATE visits SET notes = '' WHERE patient_id = ?1 AND notes <> ''");
    notes->bind(1, static_cast<int64_t>(entry.patientId));
    notes->exec();
    auto amendments = tx.prepare(
        "UPDATE visit_amendments SET previous_content = '{}' "
        "WHERE visit_id IN (SELECT id FROM visits WHERE patient_id = ?1)");
    amendments->bind(1, static_cast<int64_t>(entry.patientId));
    amendments->exec();
}

}  // namespace hub::store
