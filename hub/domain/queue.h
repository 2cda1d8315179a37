#pragma once
// A doctor's token queue for one clinic day. The state machine is one table
// (queue.cpp); DoctorQueue applies it to the day's tokens and enforces the rules
// that span tokens: who is called next, at most one patient in consultation.
#include "hub/core/clock.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hub::domain {

enum class TokenState { Waiting, Called, InConsultation, Done, Skipped, Cancelled, Transferred };
enum class QueueAction { Call, Recall, Skip, Restore, StartConsultation, Complete, Transfer, Cancel };
// Priority check-ins go ahead of normal ones; among themselves, by check-in time.
enum class Priority { Normal, Emergency, Elderly, Pregnant, Disabled };

// The names, in enum order: the API's enum schemas are made from these tables.
inline constexpr std::string_view tokenStateNames[] = {"waiting", "called", "in_consultation", "done",
                                                       "skipped", "cancelled", "transferred"};
inline constexpr std::string_view priorityNames[] = {"normal", "emergency", "elderly", "pregnant", "disabled"};

std::string_view tokenStateName(TokenState s);   // "waiting", "in_consultation", ...
std::string_view queueActionName(QueueAction a); // "call", "start_consultation", ...
std::string_view priorityName(Priority p);       // "normal", "emergency", ...
std::optional<Priority> parsePriority(std::string_view name);
std::optional<TokenState> parseTokenState(std::string_view name);

// The transition table: the state after `action`, or nullopt if not allowed.
std::optional<TokenState> transition(TokenState from, QueueAction action);

struct Token {
    long long id = 0;
    long long doctorId = 0;
    long long patientId = 0;
    std::string clinicDay;  // "2026-11-24" in the clinic's timezone
    int number = 0;         // 1, 2, ... per doctor per clinic day
    std::string label;      // "A-001"
    TokenState state = TokenState::Waiting;
    Priority priority = Priority::Normal;
    // Place in the queue; a transferred token keeps its original check-in time.
    TimePoint queuedAt{};
    std::optional<TimePoint> calledAt, startedAt, finishedAt;
    int recallCount = 0;
    std::optional<long long> transferredFrom;  // token id in the other doctor's queue
    std::optional<long long> transferredTo;
};

// "A" + 7 -> "A-007"; numbers past 999 keep all their digits ("A-1000").
std::string tokenLabel(std::string_view prefix, int number);

// Queue order: priority before normal, then earlier check-in, then number.
bool queuedBefore(const Token& a, const Token& b);

class DoctorQueue {
public:
    explicit DoctorQueue(std::vector<Token> tokens);

    const std::vector<Token>& tokens() const { return tokens_; }
    const Token& token(long long id) const;  // throws NotFound

    // The waiting tokens in the order they will be called.
    std::vector<const Token*> waitingInOrder() const;
    const Token* inConsultation() const;
    const Token* called() const;  // the token called but not yet started, if any

    // Each returns the token it changed. Illegal moves throw Error(Conflict)
    // with a message a receptionist can act on.
    const Token& callNext(TimePoint now);
    const Token& apply(long long tokenId, QueueAction action, TimePoint now);
    // Re-orders a waiting token by priority (an emergency goes ahead of normal
    // check-ins; back to normal, it takes its check-in place again). A token
    // that has been called or finished cannot move: Error(Conflict).
    const Token& setPriority(long long tokenId, Priority priority);

    // Estimated wait for a waiting token, from the average of the doctor's recent
    // consultations (defaultConsultation when there are none yet today).
    std::chrono::seconds estimatedWait(long long tokenId, TimePoint now,
                                       std::chrono::seconds defaultConsultation = std::chrono::minutes(5)) const;
    std::chrono::seconds averageConsultation(std::chrono::seconds fallback, std::size_t recent = 10) const;

private:
    Token& mutableToken(long long id);
    std::vector<Token> tokens_;
};

}  // namespace hub::domain
