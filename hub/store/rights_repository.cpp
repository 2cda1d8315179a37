#include "hub/store/rights_repository.h"

#include "hub/domain/billing.h"
#include "hub/store/billing_repository.h"

#include "hub/store/columns.h"

namespace hub::store {
namespace {

ConsentEntry consentFrom(SQLite::Statement& q) {
    ConsentEntry e;
    e.id = q.getColumn(0).getInt64();
    e.patientId = q.getColumn(1).getInt64();
    e.purpose = q.getColumn(2).getString();
    e.given = q.getColumn(3).getString() == "given";
    e.recordedAt = fromUnixSeconds(q.getColumn(4).getInt64());
    e.recordedBy = optionalColumn<long long>(q.getColumn(5));
    e.recordedByUsername = q.getColumn(6).getString();
    e.method = q.getColumn(7).getString();
    e.textVersion = q.getColumn(8).getString();
    return e;
}

#define CONSENT_COLUMNS \
    "id, patient_id, purpose, state, recorded_at, recorded_by, recorded_by_username, method, text_version"

DataRequestRow requestFrom(SQLite::Statement& q) {
    DataRequestRow r;
    r.id = q.getColumn(0).getInt64();
    r.patientId = q.getColumn(1).getInt64();
    r.kind = q.getColumn(2).getString();
    r.state = q.getColumn(3).getString();
    r.channel = q.getColumn(4).getString();
    r.note = q.getColumn(5).getString();
    r.requestedAt = fromUnixSeconds(q.getColumn(6).getInt64());
    r.requestedBy = optionalColumn<long long>(q.getColumn(7));
    r.checkedAt = optionalColumn<TimePoint>(q.getColumn(8));
    if (auto e = optionalColumn<int>(q.getColumn(9))) r.eligible = *e != 0;
    r.eligibilityDetail = q.getColumn(10).getString();
    r.reviewedAt = optionalColumn<TimePoint>(q.getColumn(11));
    r.reviewedBy = optionalColumn<long long>(q.getColumn(12));
    r.reviewReason = q.getColumn(13).getString();
    r.executedAt = optionalColumn<TimePoint>(q.getColumn(14));
    r.executedBy = optionalColumn<long long>(q.getColumn(15));
    r.ledgerId = optionalColumn<long long>(q.getColumn(16));
    return r;
}

#define REQUEST_COLUMNS                                                                                     \
    "id, patient_id, kind, state, channel, note, requested_at, requested_by, checked_at, eligible, "        \
    "eligibility_detail, reviewed_at, reviewed_by, review_reason, executed_at, executed_by, ledger_id"

}  // namespace

long long ConsentRepository::append(const ConsentEntry& e) {
    auto q = c_.prepare(
        "INSERT INTO consent_ledger (patient_id, purpose, state, recorded_at, recorded_by, recorded_by_username, "
        "method, text_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    q->bind(1, static_cast<int64_t>(e.patientId));
    q->bind(2, e.purpose);
    q->bind(3, e.given ? "given" : "withdrawn");
    q->bind(4, static_cast<int64_t>(toUnixSeconds(e.recordedAt)));
    bindOptional(*q, 5, e.recordedBy);
    q->bind(6, e.recordedByUsername);
    q->bind(7, e.method);
    q->bind(8, e.textVersion);
    q->exec();
    return c_.lastInsertRowid();
}

std::vector<ConsentEntry> ConsentRepository::history(long long patientId) {
    auto q = c_.prepare("SELECT " CONSENT_COLUMNS " FROM consent_ledger WHERE patient_id = ?1 ORDER BY id");
    q->bind(1, static_cast<int64_t>(patientId));
    return allRows(*q, consentFrom);
}

std::vector<ConsentEntry> ConsentRepository::current(long long patientId) {
    auto q = c_.prepare("SELECT " CONSENT_COLUMNS " FROM consent_ledger WHERE id IN "
                        "(SELECT max(id) FROM consent_ledger WHERE patient_id = ?1 GROUP BY purpose) ORDER BY purpose");
    q->bind(1, static_cast<int64_t>(patientId));
    return allRows(*q, consentFrom);
}

long long DataRequestRepository::insert(const DataRequestRow& r) {
    auto q = c_.prepare(
        "INSERT INTO data_requests (patient_id, kind, state, channel, note, requested_at, requested_by) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    q->bind(1, static_cast<int64_t>(r.patientId));
    q->bind(2, r.kind);
    q->bind(3, r.state);
    q->bind(4, r.channel);
    q->bind(5, r.note);
    q->bind(6, static_cast<int64_t>(toUnixSeconds(r.requestedAt)));
    bindOptional(*q, 7, r.requestedBy);
    q->exec();
    return c_.lastInsertRowid();
}

void DataRequestRepository::update(const DataRequestRow& r) {
    auto q = c_.prepare(
        "UPDATE data_requests SET state = ?2, note = ?3, checked_at = ?4, eligible = ?5, eligibility_detail = ?6, "
        "reviewed_at = ?7, reviewed_by = ?8, review_reason = ?9, executed_at = ?10, executed_by = ?11, "
        "ledger_id = ?12 WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(r.id));
    q->bind(2, r.state);
    q->bind(3, r.note);
    bindOptional(*q, 4, r.checkedAt);
    bindOptional(*q, 5, r.eligible ? std::optional<int>(*r.eligible ? 1 : 0) : std::nullopt);
    q->bind(6, r.eligibilityDetail);
    bindOptional(*q, 7, r.reviewedAt);
    bindOptional(*q, 8, r.reviewedBy);
    q->bind(9, r.reviewReason);
    bindOptional(*q, 10, r.executedAt);
    bindOptional(*q, 11, r.executedBy);
    bindOptional(*q, 12, r.ledgerId);
    q->exec();
}

std::optional<DataRequestRow> DataRequestRepository::find(long long id) {
    auto q = c_.prepare("SELECT " REQUEST_COLUMNS " FROM data_requests WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(id));
    return firstRow(*q, requestFrom);
}

std::vector<DataRequestRow> DataRequestRepository::list(const std::optional<std::string>& state,
                                                        std::optional<long long> patientId, int limit) {
    auto q = c_.prepare("SELECT " REQUEST_COLUMNS " FROM data_requests WHERE (?1 IS NULL OR state = ?1) "
                        "AND (?2 IS NULL OR patient_id = ?2) ORDER BY id DESC LIMIT ?3");
    if (state) q->bind(1, *state);
    else q->bind(1);
    bindOptional(*q, 2, patientId);
    q->bind(3, limit);
    return allRows(*q, requestFrom);
}

std::optional<long long> DataRequestRepository::openRequestOf(long long patientId) {
    auto q = c_.prepare("SELECT id FROM data_requests WHERE patient_id = ?1 "
                        "AND state NOT IN ('rejected', 'executed') ORDER BY id LIMIT 1");
    q->bind(1, static_cast<int64_t>(patientId));
    if (!q->executeStep()) return std::nullopt;
    return q->getColumn(0).getInt64();
}

RetentionPolicyRow RetentionRepository::policy() {
    auto q = c_.prepare("SELECT minimum_keep_years, auto_anonymise_after_years, clear_notes, updated_at, updated_by "
                        "FROM retention_policy WHERE id = 1");
    RetentionPolicyRow p;
    if (!q->executeStep()) return p;
    p.minimumKeepYears = q->getColumn(0).getInt();
    p.autoAnonymiseAfterYears = optionalColumn<int>(q->getColumn(1));
    p.clearNotes = q->getColumn(2).getInt() != 0;
    p.updatedAt = fromUnixSeconds(q->getColumn(3).getInt64());
    p.updatedBy = optionalColumn<long long>(q->getColumn(4));
    return p;
}

void RetentionRepository::savePolicy(const RetentionPolicyRow& p) {
    auto q = c_.prepare("UPDATE retention_policy SET minimum_keep_years = ?1, auto_anonymise_after_years = ?2, "
                        "clear_notes = ?3, updated_at = ?4, updated_by = ?5 WHERE id = 1");
    q->bind(1, p.minimumKeepYears);
    bindOptional(*q, 2, p.autoAnonymiseAfterYears);
    q->bind(3, p.clearNotes ? 1 : 0);
    q->bind(4, static_cast<int64_t>(toUnixSeconds(p.updatedAt)));
    bindOptional(*q, 5, p.updatedBy);
    q->exec();
}

long long RetentionRepository::addRun(const RetentionRunRow& r) {
    auto q = c_.prepare("INSERT INTO retention_runs (ran_at, cutoff, anonymised, skipped, detail) "
                        "VALUES (?1, ?2, ?3, ?4, ?5)");
    q->bind(1, static_cast<int64_t>(toUnixSeconds(r.ranAt)));
    q->bind(2, static_cast<int64_t>(toUnixSeconds(r.cutoff)));
    q->bind(3, static_cast<int64_t>(r.anonymised));
    q->bind(4, static_cast<int64_t>(r.skipped));
    q->bind(5, r.detail);
    q->exec();
    return c_.lastInsertRowid();
}

std::vector<RetentionRunRow> RetentionRepository::runs(int limit) {
    auto q = c_.prepare("SELECT id, ran_at, cutoff, anonymised, skipped, detail FROM retention_runs "
                        "ORDER BY id DESC LIMIT ?1");
    q->bind(1, limit);
    std::vector<RetentionRunRow> out;
    while (q->executeStep()) {
        RetentionRunRow r;
        r.id = q->getColumn(0).getInt64();
        r.ranAt = fromUnixSeconds(q->getColumn(1).getInt64());
        r.cutoff = fromUnixSeconds(q->getColumn(2).getInt64());
        r.anonymised = q->getColumn(3).getInt64();
        r.skipped = q->getColumn(4).getInt64();
        r.detail = q->getColumn(5).getString();
        out.push_back(std::move(r));
    }
    return out;
}

std::optional<TimePoint> RetentionRepository::lastActivity(long long patientId) {
    auto q = c_.prepare("SELECT max(p.created_at, COALESCE((SELECT max(created_at) FROM visits v "
                        "WHERE v.patient_id = p.id), 0)) FROM patients p WHERE p.id = ?1");
    q->bind(1, static_cast<int64_t>(patientId));
    if (!q->executeStep()) return std::nullopt;
    return fromUnixSeconds(q->getColumn(0).getInt64());
}

std::vector<long long> RetentionRepository::dueForAnonymisation(TimePoint cutoff, int limit) {
    auto q = c_.prepare(
        "SELECT p.id FROM patients p WHERE p.created_at < ?1 "
        "AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.patient_id = p.id AND v.created_at >= ?1) "
        "AND NOT EXISTS (SELECT 1 FROM deletion_ledger d WHERE d.patient_id = p.id) ORDER BY p.id LIMIT ?2");
    q->bind(1, static_cast<int64_t>(toUnixSeconds(cutoff)));
    q->bind(2, limit);
    std::vector<long long> out;
    while (q->executeStep()) out.push_back(q->getColumn(0).getInt64());
    return out;
}

bool RetentionRepository::anonymised(long long patientId) {
    auto q = c_.prepare("SELECT 1 FROM deletion_ledger WHERE patient_id = ?1 LIMIT 1");
    q->bind(1, static_cast<int64_t>(patientId));
    return q->executeStep();
}

std::vector<std::string> openObligations(Connection& c, long long patientId) {
    std::vector<std::string> reasons;
    auto drafts = c.prepare("SELECT count(*) FROM visits WHERE patient_id = ?1 AND status = 'draft'");
    drafts->bind(1, static_cast<int64_t>(patientId));
    drafts->executeStep();
    if (const auto n = drafts->getColumn(0).getInt64(); n > 0)
        reasons.push_back(std::to_string(n) + " visit(s) still open (draft): finalize them first");
    auto tokens = c.prepare("SELECT count(*) FROM tokens WHERE patient_id = ?1 "
                            "AND state IN ('waiting', 'called', 'in_consultation')");
    tokens->bind(1, static_cast<int64_t>(patientId));
    tokens->executeStep();
    if (const auto n = tokens->getColumn(0).getInt64(); n > 0)
        reasons.push_back(std::to_string(n) + " token(s) still in a queue: complete or cancel them first");
    // The clinic must still collect or account for an unpaid bill, and the record is its evidence.
    if (const long long owed = BillingRepository(c).outstandingBalance(patientId); owed > 0)
        reasons.push_back(domain::formatAmount(owed) +
                          " still owed on this patient's invoices: take the payment or void them first");
    return reasons;
}

}  // namespace hub::store
