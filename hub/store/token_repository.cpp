#include "hub/store/token_repository.h"

#include "hub/core/error.h"

#include "hub/store/columns.h"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

namespace hub::store {
namespace {

#define TOKEN_COLUMNS                                                                                          \
    "t.id, t.doctor_id, t.patient_id, t.clinic_day, t.number, t.label, t.state, t.priority, t.queued_at, "    \
    "t.called_at, t.started_at, t.finished_at, t.recall_count, t.transferred_from, t.transferred_to, "        \
    "t.checked_in_at"
#define ROW_COLUMNS TOKEN_COLUMNS ", p.name, p.mrn, v.id"
#define ROW_JOINS " FROM tokens t JOIN patients p ON p.id = t.patient_id LEFT JOIN visits v ON v.token_id = t.id "

domain::Token readToken(SQLite::Statement& q) {
    domain::Token t;
    t.id = q.getColumn(0).getInt64();
    t.doctorId = q.getColumn(1).getInt64();
    t.patientId = q.getColumn(2).getInt64();
    t.clinicDay = q.getColumn(3).getString();
    t.number = q.getColumn(4).getInt();
    t.label = q.getColumn(5).getString();
    const std::string state = q.getColumn(6).getString(), priority = q.getColumn(7).getString();
    const auto parsedState = domain::parseTokenState(state);
    const auto parsedPriority = domain::parsePriority(priority);
    // The CHECK constraints make these unreachable unless the file was edited by hand.
    if (!parsedState || !parsedPriority)
        throw Error(ErrorCode::Internal, "token " + std::to_string(t.id) + " has state " + state + ", priority " + priority);
    t.state = *parsedState;
    t.priority = *parsedPriority;
    t.queuedAt = fromUnixSeconds(q.getColumn(8).getInt64());
    t.calledAt = optionalColumn<TimePoint>(q.getColumn(9));
    t.startedAt = optionalColumn<TimePoint>(q.getColumn(10));
    t.finishedAt = optionalColumn<TimePoint>(q.getColumn(11));
    t.recallCount = q.getColumn(12).getInt();
    t.transferredFrom = optionalColumn<long long>(q.getColumn(13));
    t.transferredTo = optionalColumn<long long>(q.getColumn(14));
    return t;
}

TokenRow readRow(SQLite::Statement& q) {
    TokenRow r;
    r.token = readToken(q);
    r.checkedInAt = fromUnixSeconds(q.getColumn(15).getInt64());
    r.patient.id = r.token.patientId;
    r.patient.name = q.getColumn(16).getString();
    r.patient.mrn = q.getColumn(17).getString();
    r.visitId = optionalColumn<long long>(q.getColumn(18));
    return r;
}

}  // namespace

int TokenRepository::nextNumber(std::string_view scope, std::string_view clinicDay) {
    auto q = c_.prepare(
        "INSERT INTO token_counters (scope, clinic_day, last_number) VALUES (?1, ?2, 1) "
        "ON CONFLICT (scope, clinic_day) DO UPDATE SET last_number = last_number + 1 RETURNING last_number");
    q->bind(1, std::string(scope));
    q->bind(2, std::string(clinicDay));
    // SQLite makes the change, and computes every RETURNING row, on the first step.
    if (!q->executeStep()) throw Error(ErrorCode::Internal, "token counter upsert returned no row");
    return q->getColumn(0).getInt();
}

long long TokenRepository::insert(const NewToken& t) {
    auto q = c_.prepare(
        "INSERT INTO tokens (doctor_id, patient_id, clinic_day, number, label, state, priority, queued_at, "
        "checked_in_at, transferred_from, created_by) VALUES (?1, ?2, ?3, ?4, ?5, 'waiting', ?6, ?7, ?8, ?9, ?10)");
    q->bind(1, static_cast<int64_t>(t.doctorId));
    q->bind(2, static_cast<int64_t>(t.patientId));
    q->bind(3, t.clinicDay);
    q->bind(4, t.number);
    q->bind(5, t.label);
    q->bind(6, std::string(domain::priorityName(t.priority)));
    q->bind(7, static_cast<int64_t>(toUnixSeconds(t.queuedAt)));
    q->bind(8, static_cast<int64_t>(toUnixSeconds(t.checkedInAt)));
    bindOptional(*q, 9, t.transferredFrom);
    bindOptional(*q, 10, t.createdBy);
    try {
        q->exec();
    } catch (const SQLite::Exception& e) {
        if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE)
            throw conflict("token number " + std::to_string(t.number) + " is already taken in this queue today " +
                           "(was token numbering changed today?)");
        throw;
    }
    return c_.lastInsertRowid();
}

std::vector<TokenRow> TokenRepository::day(long long doctorId, std::string_view clinicDay) {
    auto q = c_.prepare("SELECT " ROW_COLUMNS ROW_JOINS "WHERE t.doctor_id = ?1 AND t.clinic_day = ?2 ORDER BY t.number");
    q->bind(1, static_cast<int64_t>(doctorId));
    q->bind(2, std::string(clinicDay));
    std::vector<TokenRow> rows;
    while (q->executeStep()) rows.push_back(readRow(*q));
    return rows;
}

std::vector<TokenRow> TokenRepository::liveDay(long long doctorId, std::string_view clinicDay, int recentDone) {
    // Both halves walk the index tokens_queue (doctor_id, clinic_day, state, finished_at).
    auto q = c_.prepare(
        "SELECT " ROW_COLUMNS ROW_JOINS
        "WHERE t.doctor_id = ?1 AND t.clinic_day = ?2 AND t.state IN ('waiting', 'called', 'in_consultation') "
        "UNION ALL SELECT * FROM (SELECT " ROW_COLUMNS ROW_JOINS
        "WHERE t.doctor_id = ?1 AND t.clinic_day = ?2 AND t.state = 'done' ORDER BY t.finished_at DESC LIMIT ?3)");
    q->bind(1, static_cast<int64_t>(doctorId));
    q->bind(2, std::string(clinicDay));
    q->bind(3, recentDone);
    std::vector<TokenRow> rows;
    while (q->executeStep()) rows.push_back(readRow(*q));
    return rows;
}

std::optional<TokenRow> TokenRepository::find(long long id) {
    auto q = c_.prepare("SELECT " ROW_COLUMNS ROW_JOINS "WHERE t.id = ?1");
    q->bind(1, static_cast<int64_t>(id));
    if (!q->executeStep()) return std::nullopt;
    return readRow(*q);
}

std::optional<domain::Token> TokenRepository::inConsultation(long long doctorId) {
    // Served by the partial unique index tokens_one_in_consultation.
    auto q = c_.prepare("SELECT " TOKEN_COLUMNS " FROM tokens t WHERE t.doctor_id = ?1 AND t.state = 'in_consultation'");
    q->bind(1, static_cast<int64_t>(doctorId));
    if (!q->executeStep()) return std::nullopt;
    return readToken(*q);
}

bool TokenRepository::update(const domain::Token& t) {
    auto q = c_.prepare(
        "UPDATE tokens SET state = ?2, called_at = ?3, started_at = ?4, finished_at = ?5, recall_count = ?6, "
        "transferred_to = ?7, priority = ?8 WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(t.id));
    q->bind(2, std::string(domain::tokenStateName(t.state)));
    bindOptional(*q, 3, t.calledAt);
    bindOptional(*q, 4, t.startedAt);
    bindOptional(*q, 5, t.finishedAt);
    q->bind(6, t.recallCount);
    bindOptional(*q, 7, t.transferredTo);
    q->bind(8, std::string(domain::priorityName(t.priority)));
    try {
        return q->exec() == 1;
    } catch (const SQLite::Exception& e) {
        if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE)
            throw conflict("another patient is already in consultation with this doctor");
        throw;
    }
}

std::optional<TokenPatient> TokenRepository::findPatient(long long patientId) {
    auto q = c_.prepare("SELECT id, name, mrn FROM patients WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(patientId));
    if (!q->executeStep()) return std::nullopt;
    return TokenPatient{q->getColumn(0).getInt64(), q->getColumn(1).getString(), q->getColumn(2).getString()};
}

}  // namespace hub::store
