#include "hub/domain/queue.h"

#include "hub/domain/names.h"

#include "hub/core/error.h"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace hub::domain {
namespace {

using S = TokenState;
using A = QueueAction;

struct Move {
    S from;
    A action;
    S to;
};

// clang-format off
// Every legal move; anything not listed is refused.
constexpr Move moves[] = {
    {S::Waiting,        A::Call,              S::Called},
    {S::Called,         A::Recall,            S::Called},
    {S::Called,         A::Skip,              S::Skipped},         // no-show
    {S::Skipped,        A::Restore,           S::Waiting},         // came back: keeps their place
    {S::Waiting,        A::StartConsultation, S::InConsultation},  // doctor takes a walk-in directly
    {S::Called,         A::StartConsultation, S::InConsultation},
    {S::InConsultation, A::Complete,          S::Done},
    {S::Waiting,        A::Transfer,          S::Transferred},
    {S::Called,         A::Transfer,          S::Transferred},
    {S::Skipped,        A::Transfer,          S::Transferred},
    {S::Waiting,        A::Cancel,            S::Cancelled},
    {S::Called,         A::Cancel,            S::Cancelled},
    {S::Skipped,        A::Cancel,            S::Cancelled},
};
// clang-format on

constexpr std::string_view actionNames[] = {"call", "recall", "skip", "restore",
                                            "start_consultation", "complete", "transfer", "cancel"};

}  // namespace

std::string_view tokenStateName(TokenState s) { return nameIn(tokenStateNames, s); }
std::string_view queueActionName(QueueAction a) { return actionNames[static_cast<std::size_t>(a)]; }
std::string_view priorityName(Priority p) { return nameIn(priorityNames, p); }
std::optional<Priority> parsePriority(std::string_view name) { return parseNameIn<Priority>(priorityNames, name); }
std::optional<TokenState> parseTokenState(std::string_view name) {
    return parseNameIn<TokenState>(tokenStateNames, name);
}

std::optional<TokenState> transition(TokenState from, QueueAction action) {
    for (const auto& m : moves)
        if (m.from == from && m.action == action) return m.to;
    return std::nullopt;
}

std::string tokenLabel(std::string_view prefix, int number) {
    char digits[16];
    std::snprintf(digits, sizeof digits, "%03d", number);
    return std::string(prefix) + "-" + digits;
}

bool queuedBefore(const Token& a, const Token& b) {
    const bool aPriority = a.priority != Priority::Normal, bPriority = b.priority != Priority::Normal;
    if (aPriority != bPriority) return aPriority;
    if (a.queuedAt != b.queuedAt) return a.queuedAt < b.queuedAt;
    return a.number < b.number;
}

DoctorQueue::DoctorQueue(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

const Token& DoctorQueue::token(long long id) const {
    for (const auto& t : tokens_)
        if (t.id == id) return t;
    throw notFound("token " + std::to_string(id) + " is not in this queue");
}

Token& DoctorQueue::mutableToken(long long id) { return const_cast<Token&>(std::as_const(*this).token(id)); }

std::vector<const Token*> DoctorQueue::waitingInOrder() const {
    std::vector<const Token*> out;
    for (const auto& t : tokens_)
        if (t.state == TokenState::Waiting) out.push_back(&t);
    std::sort(out.begin(), out.end(), [](const Token* a, const Token* b) { return queuedBefore(*a, *b); });
    return out;
}

const Token* DoctorQueue::inConsultation() const {
    for (const auto& t : tokens_)
        if (t.state == TokenState::InConsultation) return &t;
    return nullptr;
}

const Token* DoctorQueue::called() const {
    for (const auto& t : tokens_)
        if (t.state == TokenState::Called) return &t;
    return nullptr;
}

const Token& DoctorQueue::callNext(TimePoint now) {
    if (const Token* current = inConsultation())
        throw conflict(current->label + " is still in consultation: complete it before calling the next token");
    if (const Token* waitingAtDoor = called())
        throw conflict(waitingAtDoor->label + " has been called: start, skip or recall it before calling the next");
    const auto order = waitingInOrder();
    if (order.empty()) throw conflict("no one is waiting in this queue");
    return apply(order.front()->id, QueueAction::Call, now);
}

const Token& DoctorQueue::apply(long long tokenId, QueueAction action, TimePoint now) {
    Token& t = mutableToken(tokenId);
    const auto to = transition(t.state, action);
    if (!to)
        throw conflict("token " + t.label + " is " + std::string(tokenStateName(t.state)) + " and cannot " +
                       std::string(queueActionName(action)));
    if (*to == TokenState::InConsultation) {
        if (const Token* other = inConsultation(); other && other->id != t.id)
            throw conflict(other->label + " is already in consultation with this doctor");
    }
    if (action == QueueAction::Call) {
        if (const Token* other = called(); other && other->id != t.id)
            throw conflict(other->label + " has been called: start, skip or recall it first");
    }
    t.state = *to;
    switch (action) {
        case QueueAction::Call: t.calledAt = now; break;
        case QueueAction::Recall: ++t.recallCount; t.calledAt = now; break;
        case QueueAction::StartConsultation: t.startedAt = now; break;
        case QueueAction::Complete:
        case QueueAction::Skip:
        case QueueAction::Cancel:
        case QueueAction::Transfer: t.finishedAt = now; break;
        case QueueAction::Restore: t.calledAt.reset(); t.finishedAt.reset(); break;
    }
    return t;
}

const Token& DoctorQueue::setPriority(long long tokenId, Priority priority) {
    Token& t = mutableToken(tokenId);
    if (t.state != TokenState::Waiting)
        throw conflict("token " + t.label + " is " + std::string(tokenStateName(t.state)) +
                       ": only a waiting token changes its place in the queue");
    t.priority = priority;
    return t;
}

std::chrono::seconds DoctorQueue::averageConsultation(std::chrono::seconds fallback, std::size_t recent) const {
    std::vector<const Token*> done;
    for (const auto& t : tokens_)
        if (t.state == TokenState::Done && t.startedAt && t.finishedAt) done.push_back(&t);
    if (done.empty()) return fallback;
    std::sort(done.begin(), done.end(), [](const Token* a, const Token* b) { return *a->finishedAt > *b->finishedAt; });
    if (done.size() > recent) done.resize(recent);
    std::chrono::seconds total{0};
    for (const Token* t : done)
        total += std::chrono::duration_cast<std::chrono::seconds>(*t->finishedAt - *t->startedAt);
    return total / static_cast<long>(done.size());
}

std::chrono::seconds DoctorQueue::estimatedWait(long long tokenId, TimePoint now,
                                                std::chrono::seconds defaultConsultation) const {
    const Token& target = token(tokenId);
    if (target.state != TokenState::Waiting) return std::chrono::seconds(0);
    const auto average = averageConsultation(defaultConsultation);
    const auto order = waitingInOrder();
    const auto ahead = std::find(order.begin(), order.end(), &target) - order.begin();
    std::chrono::seconds wait = average * ahead;
    // The patient at the door and the one inside also stand between us and the doctor.
    if (called()) wait += average;
    if (const Token* current = inConsultation(); current && current->startedAt) {
        const auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(now - *current->startedAt);
        wait += std::max(std::chrono::seconds(0), average - elapsed);
    }
    return wait;
}

}  // namespace hub::domain
