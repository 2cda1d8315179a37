#include "hub/opd/queue_service.h"

#include "hub/core/error.h"
#include "hub/service/audited.h"
#include "hub/service/clinic_today.h"
#include "hub/store/doctor_repository.h"
#include "hub/store/visit_repository.h"

#include <algorithm>

namespace hub::opd {
namespace {

using domain::Operation;
using domain::QueueAction;
using domain::TokenState;

using service::Attempt;
using Today = service::ClinicToday;

int minutesRoundedUp(std::chrono::seconds s) { return static_cast<int>((s.count() + 59) / 60); }

// The doctor a request names in its body or query; field is how it named them.
domain::DoctorProfile doctorFor(store::Connection& tx, long long doctorId, const std::string& field) {
    auto doctor = store::DoctorRepository(tx).find(doctorId);
    if (!doctor) throw Error(ErrorCode::NotFound, "no doctor with id " + std::to_string(doctorId), field);
    return *doctor;
}

// The doctor a request body names: one that does not exist is the body's
// unknown reference (422), not a missing resource (404, for the path and query).
domain::DoctorProfile referencedDoctor(store::Connection& tx, long long doctorId) {
    auto found = store::DoctorRepository(tx).find(doctorId);
    if (!found) throw unknownReference("doctor_id", "doctor_id: no doctor with id " + std::to_string(doctorId));
    return *found;
}

domain::DoctorProfile receivingDoctor(store::Connection& tx, long long doctorId) {
    auto doctor = referencedDoctor(tx, doctorId);
    if (!doctor.active)
        throw Error(ErrorCode::Conflict, doctor.nameEn + "'s account is disabled: their queue takes no patients",
                    "doctor_id");
    return doctor;
}

// Per-doctor numbering counts in the doctor's own scope; shared in one scope.
std::string numberingScope(const domain::ClinicProfile& clinic, long long doctorId) {
    return clinic.tokenNumbering == domain::TokenNumbering::Shared ? "shared" : std::to_string(doctorId);
}

// A token for the patient in the doctor's queue today, numbered from the
// doctor's (or the clinic's shared) sequence; the caller sets the rest.
store::NewToken nextToken(store::TokenRepository& tokens, const Today& today, const domain::DoctorProfile& doctor,
                          long long patientId) {
    store::NewToken token;
    token.doctorId = doctor.staffId;
    token.patientId = patientId;
    token.clinicDay = today.day.date;
    token.number = tokens.nextNumber(numberingScope(today.profile, doctor.staffId), today.day.date);
    token.label = domain::tokenLabel(doctor.tokenPrefix, token.number);
    return token;
}

store::TokenRow findToken(store::TokenRepository& tokens, long long tokenId) {
    auto found = tokens.find(tokenId);
    if (!found) throw Error(ErrorCode::NotFound, "no token with id " + std::to_string(tokenId), "id");
    return std::move(*found);
}

// What an operation on one token starts from: the token and the clinic's today.
// The audit event names the token's patient, even when the operation is refused.
struct TokenAtHand {
    Today today;
    store::TokenRow row;
};

TokenAtHand tokenAtHand(store::Connection& tx, TimePoint now, long long tokenId, std::optional<long long>& patientId) {
    Today today = service::clinicToday(tx, now);
    store::TokenRepository tokens(tx);
    TokenAtHand at{std::move(today), findToken(tokens, tokenId)};
    patientId = at.row.token.patientId;
    return at;
}

// The move's name in audit actions ("queue.<name>") and events, and its permission.
struct Step {
    QueueAction action;
    const char* name;
    Operation op;
};
constexpr Step steps[] = {
    {QueueAction::Call, "call", Operation::CallNext},
    {QueueAction::Recall, "recall", Operation::RecallToken},
    {QueueAction::Skip, "skip", Operation::SkipToken},
    {QueueAction::Restore, "restore", Operation::RestoreToken},
    {QueueAction::StartConsultation, "start", Operation::StartConsultation},
    {QueueAction::Complete, "complete", Operation::CompleteToken},
    {QueueAction::Transfer, "transfer", Operation::TransferToken},
    {QueueAction::Cancel, "cancel", Operation::CancelToken},
};
const Step& stepFor(QueueAction action) {
    return *std::find_if(std::begin(steps), std::end(steps), [&](const Step& s) { return s.action == action; });
}

// Moves that put a patient in front of the doctor make sense only in today's
// queue; closing moves also tidy up tokens left over from an earlier day.
bool bringsForward(QueueAction a) {
    return a == QueueAction::Call || a == QueueAction::Recall || a == QueueAction::Restore ||
           a == QueueAction::StartConsultation || a == QueueAction::Transfer;
}

void requireToday(const domain::Token& t, const Today& today, QueueAction action) {
    if (bringsForward(action) && t.clinicDay != today.day.date)
        throw conflict("token " + t.label + " is from the queue of " + t.clinicDay +
                       ": check the patient in again today");
}

// A doctor's day: the stored rows and the domain queue built from them.
class LoadedDay {
public:
    explicit LoadedDay(std::vector<store::TokenRow> rows) : rows_(std::move(rows)), queue_(tokensOf(rows_)) {}

    domain::DoctorQueue& queue() { return queue_; }

    // The token as the queue now has it, with its place and wait if waiting.
    TokenView view(long long tokenId, TimePoint now, int utcOffsetMinutes) const {
        const auto row = std::find_if(rows_.begin(), rows_.end(), [&](const auto& r) { return r.token.id == tokenId; });
        if (row == rows_.end()) throw Error(ErrorCode::Internal, "token " + std::to_string(tokenId) + " not loaded");
        TokenView v{*row, std::nullopt, std::nullopt, utcOffsetMinutes, std::nullopt};
        v.row.token = queue_.token(tokenId);
        if (v.row.token.state == TokenState::Waiting) {
            const auto order = queue_.waitingInOrder();
            const auto at = std::find_if(order.begin(), order.end(), [&](const auto* t) { return t->id == tokenId; });
            v.position = static_cast<int>(at - order.begin()) + 1;
            v.estimatedWaitMinutes = minutesRoundedUp(queue_.estimatedWait(tokenId, now));
        }
        return v;
    }

private:
    static std::vector<domain::Token> tokensOf(const std::vector<store::TokenRow>& rows) {
        std::vector<domain::Token> tokens;
        tokens.reserve(rows.size());
        for (const auto& r : rows) tokens.push_back(r.token);
        return tokens;
    }

    std::vector<store::TokenRow> rows_;
    domain::DoctorQueue queue_;
};

// What a queue operation loads of the day: the live tokens, the latest
// consultations for the wait estimate, and the token being moved (which may be
// skipped, or from another day).
constexpr int recentConsultations = 10;  // DoctorQueue::averageConsultation's window

LoadedDay liveDay(store::TokenRepository& tokens, long long doctorId, const std::string& clinicDay,
                  const store::TokenRow* moving = nullptr) {
    auto rows = tokens.liveDay(doctorId, clinicDay, recentConsultations);
    if (moving && std::none_of(rows.begin(), rows.end(), [&](const auto& r) { return r.token.id == moving->token.id; }))
        rows.push_back(*moving);
    return LoadedDay(std::move(rows));
}

QueueEvent eventFor(std::string type, const domain::Token& t, TimePoint at) {
    return QueueEvent{std::move(type), t.id, t.doctorId, t.clinicDay, t.label, at};
}

// The latest vitals taken while the patient waited for this token or, if it
// came by transfer, for the tokens before it.
std::optional<long long> latestVitals(store::Connection& tx, const domain::Token& token) {
    store::TokenRepository tokens(tx);
    store::VitalsRepository vitals(tx);
    std::optional<store::VitalsRecord> latest;
    std::optional<long long> next = token.id;
    for (int hops = 0; next && hops < 16; ++hops) {  // bounded: transfer chains are short
        if (auto v = vitals.latestForToken(*next); v && (!latest || v->recordedAt >= latest->recordedAt))
            latest = std::move(v);
        const auto t = tokens.find(*next);
        next = t ? t->token.transferredFrom : std::nullopt;
    }
    if (!latest) return std::nullopt;
    return latest->id;
}

}  // namespace

void QueueService::publish(const std::vector<QueueEvent>& events) {
    if (!events_) return;
    for (const auto& e : events) events_->publish(e);
}

namespace {

void appendSuccess(audit::AuditLog& log, store::Connection& tx, const auth::ActorContext& actor,
                   std::string_view action, const domain::Token& t, std::string detail) {
    audit::AuditEvent e = service::auditEventFor(actor, action, "token", std::to_string(t.id), audit::Outcome::Success);
    e.patientId = t.patientId;
    e.detail = std::move(detail);
    log.append(tx, e);
}

}  // namespace

TokenView QueueService::checkIn(const auth::ActorContext& actor, const CheckInRequest& request) {
    std::vector<QueueEvent> events;
    const Attempt start{Operation::CheckIn, "queue.check_in", "token", ""};
    auto view = service::audited(db_, audit_, actor, start, [&](Attempt& attempt) {
        const auto priority = domain::parsePriority(request.priority);
        if (!priority)
            throw invalidInput("priority", "priority must be one of normal, emergency, elderly, pregnant, disabled");
        return db_.writePatientData([&](store::Connection& tx) {
            const TimePoint now = clock_.now();
            const Today today = service::clinicToday(tx, now);
            store::TokenRepository tokens(tx);
            if (!tokens.findPatient(request.patientId))
                throw unknownReference("patient_id", "patient_id: no patient with id " + std::to_string(request.patientId));
            attempt.patientId = request.patientId;
            const auto doctor = receivingDoctor(tx, request.doctorId);

            store::NewToken token = nextToken(tokens, today, doctor, request.patientId);
            token.priority = *priority;
            token.queuedAt = token.checkedInAt = now;
            token.createdBy = actor.staffId;
            const long long id = tokens.insert(token);

            LoadedDay day = liveDay(tokens, doctor.staffId, today.day.date);
            TokenView v = day.view(id, now, today.day.utcOffsetMinutes);
            appendSuccess(audit_, tx, actor, "queue.check_in", v.row.token, v.row.token.label);
            if (checkInHook_) v.billing = checkInHook_->tokenIssued(tx, actor, v.row.token, today.day, now);
            events.assign({eventFor("check_in", v.row.token, now)});
            return v;
        });
    });
    publish(events);
    return view;
}

QueueView QueueService::getQueue(const auth::ActorContext& actor, long long doctorId) {
    const Attempt attempt{Operation::GetQueue, "queue.read", "queue", std::to_string(doctorId)};
    return service::audited(db_, audit_, actor, attempt, [&] {
        return db_.write([&](store::Connection& tx) {
            const TimePoint now = clock_.now();
            const Today today = service::clinicToday(tx, now);
            doctorFor(tx, doctorId, "doctor_id");
            LoadedDay day(store::TokenRepository(tx).day(doctorId, today.day.date));
            const auto& queue = day.queue();
            const int offset = today.day.utcOffsetMinutes;

            QueueView v;
            v.doctorId = doctorId;
            v.clinicDay = today.day.date;
            v.utcOffsetMinutes = offset;
            v.averageConsultationMinutes = minutesRoundedUp(queue.averageConsultation(std::chrono::minutes(5)));
            if (const auto* t = queue.inConsultation()) v.nowServing.push_back(day.view(t->id, now, offset));
            if (const auto* t = queue.called()) v.nowServing.push_back(day.view(t->id, now, offset));
            for (const auto* t : queue.waitingInOrder()) v.waiting.push_back(day.view(t->id, now, offset));
            for (const auto& t : queue.tokens()) {
                const bool closed = t.state == TokenState::Done || t.state == TokenState::Skipped ||
                                    t.state == TokenState::Cancelled || t.state == TokenState::Transferred;
                if (closed) v.finished.push_back(day.view(t.id, now, offset));
            }
            std::stable_sort(v.finished.begin(), v.finished.end(), [](const TokenView& a, const TokenView& b) {
                return a.row.token.finishedAt.value_or(TimePoint{}) > b.row.token.finishedAt.value_or(TimePoint{});
            });

            service::appendSuccess(audit_, tx, actor, attempt, "doctor " + std::to_string(doctorId) + ", " + v.clinicDay);
            return v;
        });
    });
}

TokenView QueueService::callNext(const auth::ActorContext& actor, long long doctorId) {
    std::vector<QueueEvent> events;
    const Attempt attempt{Operation::CallNext, "queue.call", "queue", std::to_string(doctorId)};
    auto view = service::audited(db_, audit_, actor, attempt, [&] {
        return db_.write([&](store::Connection& tx) {
            const TimePoint now = clock_.now();
            const Today today = service::clinicToday(tx, now);
            referencedDoctor(tx, doctorId);
            store::TokenRepository tokens(tx);
            LoadedDay day = liveDay(tokens, doctorId, today.day.date);
            const domain::Token& called = day.queue().callNext(now);
            tokens.update(called);
            appendSuccess(audit_, tx, actor, "queue.call", called, called.label);
            events.assign({eventFor("call", called, now)});
            return day.view(called.id, now, today.day.utcOffsetMinutes);
        });
    });
    publish(events);
    return view;
}

TokenView QueueService::moveToken(const auth::ActorContext& actor, long long tokenId, QueueAction action) {
    const Step& step = stepFor(action);
    const std::string auditAction = std::string("queue.") + step.name;
    std::vector<QueueEvent> events;
    const Attempt start{step.op, auditAction, "token", std::to_string(tokenId)};
    auto view = service::audited(db_, audit_, actor, start, [&](Attempt& attempt) {
        return db_.write([&](store::Connection& tx) {
            const TimePoint now = clock_.now();
            const auto [today, found] = tokenAtHand(tx, now, tokenId, attempt.patientId);
            const domain::Token& was = found.token;
            requireToday(was, today, action);
            store::TokenRepository tokens(tx);
            const bool doctorsOwn = action == QueueAction::StartConsultation || action == QueueAction::Complete;
            if (doctorsOwn && actor.staffId != was.doctorId)
                throw Error(ErrorCode::Forbidden,
                            "token " + was.label + " is in another doctor's queue: transfer it to yours first");

            LoadedDay day = liveDay(tokens, was.doctorId, was.clinicDay, &found);
            const domain::Token& changed = day.queue().apply(tokenId, action, now);
            std::optional<long long> visitId;
            if (action == QueueAction::StartConsultation) {
                // The domain saw only this day; the consulting room may still hold a token from another.
                if (auto other = tokens.inConsultation(was.doctorId); other && other->id != tokenId)
                    throw conflict(other->label + " from " + other->clinicDay +
                                   " is still in consultation with this doctor: complete it first");
                tokens.update(changed);
                visitId = store::VisitRepository(tx).createDraft(
                    {was.patientId, was.doctorId, tokenId, latestVitals(tx, was), now});
            } else {
                tokens.update(changed);
            }
            appendSuccess(audit_, tx, actor, auditAction, changed, changed.label);
            events.assign({eventFor(step.name, changed, now)});
            TokenView v = day.view(tokenId, now, today.day.utcOffsetMinutes);
            if (visitId) v.row.visitId = visitId;
            return v;
        });
    });
    publish(events);
    return view;
}

TokenView QueueService::recall(const auth::ActorContext& a, long long id) { return moveToken(a, id, QueueAction::Recall); }
TokenView QueueService::skip(const auth::ActorContext& a, long long id) { return moveToken(a, id, QueueAction::Skip); }
TokenView QueueService::restore(const auth::ActorContext& a, long long id) { return moveToken(a, id, QueueAction::Restore); }
TokenView QueueService::startConsultation(const auth::ActorContext& a, long long id) {
    return moveToken(a, id, QueueAction::StartConsultation);
}
TokenView QueueService::complete(const auth::ActorContext& a, long long id) { return moveToken(a, id, QueueAction::Complete); }
TokenView QueueService::cancel(const auth::ActorContext& a, long long id) { return moveToken(a, id, QueueAction::Cancel); }

TokenView QueueService::setPriority(const auth::ActorContext& actor, long long tokenId, const std::string& priority) {
    const auto wanted = domain::parsePriority(priority);
    if (!wanted) throw invalidInput("priority", "unknown priority '" + priority + "'");
    std::vector<QueueEvent> events;
    const Attempt start{Operation::SetTokenPriority, "queue.priority", "token", std::to_string(tokenId)};
    auto view = service::audited(db_, audit_, actor, start, [&](Attempt& attempt) {
        return db_.write([&](store::Connection& tx) {
            const TimePoint now = clock_.now();
            const auto [today, found] = tokenAtHand(tx, now, tokenId, attempt.patientId);
            if (found.token.clinicDay != today.day.date)
                throw conflict("token " + found.token.label + " is from " + found.token.clinicDay +
                               ": only today's queue can be re-ordered");
            store::TokenRepository tokens(tx);
            LoadedDay day = liveDay(tokens, found.token.doctorId, found.token.clinicDay, &found);
            const domain::Token& changed = day.queue().setPriority(tokenId, *wanted);
            tokens.update(changed);
            appendSuccess(audit_, tx, actor, "queue.priority", changed, changed.label + " " + priority);
            events.assign({eventFor("priority", changed, now)});
            return day.view(tokenId, now, today.day.utcOffsetMinutes);
        });
    });
    publish(events);
    return view;
}

TokenView QueueService::transfer(const auth::ActorContext& actor, long long tokenId, long long toDoctorId) {
    std::vector<QueueEvent> events;
    const Attempt start{Operation::TransferToken, "queue.transfer", "token", std::to_string(tokenId)};
    auto view = service::audited(db_, audit_, actor, start, [&](Attempt& attempt) {
        return db_.write([&](store::Connection& tx) {
            const TimePoint now = clock_.now();
            const auto [today, found] = tokenAtHand(tx, now, tokenId, attempt.patientId);
            const domain::Token& was = found.token;
            requireToday(was, today, QueueAction::Transfer);
            store::TokenRepository tokens(tx);
            const auto target = receivingDoctor(tx, toDoctorId);
            if (target.staffId == was.doctorId)
                throw Error(ErrorCode::Conflict, "token " + was.label + " is already in this doctor's queue",
                            "doctor_id");

            LoadedDay from = liveDay(tokens, was.doctorId, was.clinicDay, &found);
            domain::Token left = from.queue().apply(tokenId, QueueAction::Transfer, now);

            store::NewToken token = nextToken(tokens, today, target, was.patientId);
            token.priority = was.priority;
            token.queuedAt = was.queuedAt;  // keeps the patient's place
            token.checkedInAt = now;
            token.transferredFrom = was.id;
            token.createdBy = actor.staffId;
            const long long newId = tokens.insert(token);
            left.transferredTo = newId;
            tokens.update(left);

            LoadedDay to = liveDay(tokens, target.staffId, today.day.date);
            TokenView v = to.view(newId, now, today.day.utcOffsetMinutes);
            appendSuccess(audit_, tx, actor, "queue.transfer", left, left.label + " -> " + v.row.token.label);
            events.assign({eventFor("transfer", left, now), eventFor("transfer", v.row.token, now)});
            return v;
        });
    });
    publish(events);
    return view;
}

TokenStanding QueueService::standing(long long tokenId) {
    return db_.read([&](store::Connection& c) {
        const TimePoint now = clock_.now();
        const Today today = service::clinicToday(c, now);
        store::TokenRepository tokens(c);
        const store::TokenRow found = findToken(tokens, tokenId);
        LoadedDay day = liveDay(tokens, found.token.doctorId, found.token.clinicDay, &found);
        const auto& queue = day.queue();
        std::optional<std::string> nowServing;
        if (const auto* t = queue.called() ? queue.called() : queue.inConsultation()) nowServing = t->label;
        return TokenStanding{day.view(tokenId, now, today.day.utcOffsetMinutes), std::move(nowServing), today.day,
                             today.profile, doctorFor(c, found.token.doctorId, "doctor_id")};
    });
}

VitalsView QueueService::recordVitals(const auth::ActorContext& actor, long long tokenId, const domain::Vitals& vitals) {
    const Attempt start{Operation::RecordVitals, "vitals.record", "token", std::to_string(tokenId)};
    return service::audited(db_, audit_, actor, start, [&](Attempt& attempt) {
        if (vitals.empty()) throw invalidInput("vitals", "record at least one vital sign");
        if (auto problem = domain::checkVitals(vitals))
            throw invalidInput(problem->field, problem->field + " " + problem->message);
        return db_.writePatientData([&](store::Connection& tx) {
            const TimePoint now = clock_.now();
            const auto [today, found] = tokenAtHand(tx, now, tokenId, attempt.patientId);
            const domain::Token& t = found.token;
            if (t.state == TokenState::Done || t.state == TokenState::Cancelled || t.state == TokenState::Transferred)
                throw conflict("token " + t.label + " is " + std::string(domain::tokenStateName(t.state)) +
                               ": record vitals on the patient's current token or visit");

            store::VitalsRecord record{0, t.patientId, t.id, now, actor.staffId, vitals};
            record.id = store::VitalsRepository(tx).insert(record);
            // Taken while the doctor already has the visit open: the visit shows them.
            if (found.visitId) store::VisitRepository(tx).linkVitalsToDraft(*found.visitId, record.id, now);
            audit::AuditEvent e = service::auditEventFor(actor, "vitals.record", "vitals", std::to_string(record.id),
                                                         audit::Outcome::Success);
            e.patientId = t.patientId;
            e.detail = t.label;
            audit_.append(tx, e);
            return VitalsView{record, today.day.utcOffsetMinutes};
        });
    });
}

}  // namespace hub::opd
