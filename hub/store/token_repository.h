#pragma once
// Queue tokens in the database. Takes the connection of a Database::write or
// read lambda, so the queue service combines it with the doctor, visit, vitals
// and audit writes of one operation in one transaction.
#include "hub/core/clock.h"
#include "hub/domain/queue.h"
#include "hub/store/connection.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hub::store {

// Who a token is for, as the front desk needs to see it.
struct TokenPatient {
    long long id = 0;
    std::string name;
    std::string mrn;  // "26-000123"
};

// A token with what its screens show beside it.
struct TokenRow {
    domain::Token token;
    TimePoint checkedInAt{};  // when this row was created (queuedAt survives transfers, this does not)
    TokenPatient patient;
    std::optional<long long> visitId;  // the visit opened when consultation started
};

struct NewToken {
    long long doctorId = 0;
    long long patientId = 0;
    std::string clinicDay;  // "2026-11-24"
    int number = 0;
    std::string label;      // "A-007"
    domain::Priority priority = domain::Priority::Normal;
    TimePoint queuedAt{};     // the original check-in time, kept across transfers
    TimePoint checkedInAt{};  // when this row was created
    std::optional<long long> transferredFrom;
    std::optional<long long> createdBy;  // staff id
};

class TokenRepository {
public:
    explicit TokenRepository(Connection& c) : c_(c) {}

    // Draws the next number of scope ("shared" or a doctor id) for clinicDay:
    // one UPSERT, so numbers are gapless and, under the writer's transaction,
    // never handed out twice. REQUIRES: a write transaction.
    int nextNumber(std::string_view scope, std::string_view clinicDay);

    // Returns the new token's id. Throws Error(Conflict) if the doctor already
    // has that number on that day (numbering switched mid-day).
    long long insert(const NewToken& token);

    // A doctor's tokens of one clinic day, in number order.
    std::vector<TokenRow> day(long long doctorId, std::string_view clinicDay);
    // What a queue operation needs of the day, in no particular order: the
    // waiting, called and in-consultation tokens, and the recentDone most
    // recently completed ones. Reads O(live tokens), however long the day.
    std::vector<TokenRow> liveDay(long long doctorId, std::string_view clinicDay, int recentDone);
    std::optional<TokenRow> find(long long id);
    // The token the doctor has in consultation on any day (a forgotten one from
    // yesterday still occupies the consulting room).
    std::optional<domain::Token> inConsultation(long long doctorId);

    // Writes token's state, call/start/finish times, recall count and transfer
    // link. Throws Error(Conflict) if that would put a second patient in
    // consultation with the doctor. Returns false for an unknown id.
    bool update(const domain::Token& token);

    // The patient, for checking a reference before issuing a token.
    std::optional<TokenPatient> findPatient(long long patientId);

private:
    Connection& c_;
};

}  // namespace hub::store
