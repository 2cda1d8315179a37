#include "hub/core/error.h"
#include "hub/domain/queue.h"

#include "support/catch.h"

#include <map>

using namespace hub::domain;
using hub::fromUnixSeconds;
using std::chrono::minutes;

namespace {

const hub::TimePoint t0 = fromUnixSeconds(1'764'000'000);

Token makeToken(long long id, int number, hub::TimePoint queuedAt, Priority p = Priority::Normal) {
    Token t;
    t.id = id;
    t.doctorId = 1;
    t.number = number;
    t.label = tokenLabel("A", number);
    t.queuedAt = queuedAt;
    t.priority = p;
    return t;
}

bool refused(DoctorQueue& q, long long id, QueueAction a) {
    try {
        q.apply(id, a, t0);
    } catch (const hub::Error& e) {
        return e.code() == hub::ErrorCode::Conflict;
    }
    return false;
}

}  // namespace

TEST_CASE("the transition table allows exactly the clinic's moves", "[queue]") {
    using S = TokenState;
    using A = QueueAction;
    // Written out by hand from the issue, independently of queue.cpp.
    const std::map<std::pair<S, A>, S> legal = {
        {{S::Waiting, A::Call}, S::Called},
        {{S::Called, A::Recall}, S::Called},
        {{S::Called, A::Skip}, S::Skipped},
        {{S::Skipped, A::Restore}, S::Waiting},
        {{S::Waiting, A::StartConsultation}, S::InConsultation},
        {{S::Called, A::StartConsultation}, S::InConsultation},
        {{S::InConsultation, A::Complete}, S::Done},
        {{S::Waiting, A::Transfer}, S::Transferred},
        {{S::Called, A::Transfer}, S::Transferred},
        {{S::Skipped, A::Transfer}, S::Transferred},
        {{S::Waiting, A::Cancel}, S::Cancelled},
        {{S::Called, A::Cancel}, S::Cancelled},
        {{S::Skipped, A::Cancel}, S::Cancelled},
    };
    int checked = 0;
    for (S from : {S::Waiting, S::Called, S::InConsultation, S::Done, S::Skipped, S::Cancelled, S::Transferred}) {
        for (A action : {A::Call, A::Recall, A::Skip, A::Restore, A::StartConsultation, A::Complete, A::Transfer,
                         A::Cancel}) {
            INFO(tokenStateName(from) << " + " << queueActionName(action));
            const auto it = legal.find({from, action});
            const auto to = transition(from, action);
            if (it == legal.end())
                CHECK_FALSE(to.has_value());
            else
                CHECK(to == it->second);
            ++checked;
        }
    }
    CHECK(checked == 56);
}

TEST_CASE("a token that was never called cannot be completed", "[queue]") {
    DoctorQueue q({makeToken(1, 1, t0)});
    CHECK(refused(q, 1, QueueAction::Complete));
    CHECK(q.token(1).state == TokenState::Waiting);
}

TEST_CASE("a doctor has at most one patient in consultation", "[queue]") {
    DoctorQueue q({makeToken(1, 1, t0), makeToken(2, 2, t0 + minutes(1))});
    q.apply(1, QueueAction::StartConsultation, t0);
    CHECK(refused(q, 2, QueueAction::StartConsultation));
    SECTION("and call next waits for the consultation to end") {
        CHECK_THROWS_AS(q.callNext(t0), hub::Error);
        q.apply(1, QueueAction::Complete, t0 + minutes(4));
        CHECK(q.callNext(t0 + minutes(4)).id == 2);
    }
}

TEST_CASE("call next takes priority tokens first, then by check-in time", "[queue]") {
    DoctorQueue q({makeToken(1, 1, t0), makeToken(2, 2, t0 + minutes(1)),
                   makeToken(3, 3, t0 + minutes(2), Priority::Elderly), makeToken(4, 4, t0 + minutes(3))});
    std::vector<long long> order;
    for (int i = 0; i < 4; ++i) {
        const Token& called = q.callNext(t0 + minutes(10 + i));
        order.push_back(called.id);
        q.apply(called.id, QueueAction::StartConsultation, t0 + minutes(10 + i));
        q.apply(called.id, QueueAction::Complete, t0 + minutes(10 + i));
    }
    CHECK(order == std::vector<long long>{3, 1, 2, 4});
    CHECK_THROWS_AS(q.callNext(t0 + minutes(20)), hub::Error);  // nobody left
}

TEST_CASE("a skipped patient who comes back keeps their place", "[queue]") {
    DoctorQueue q({makeToken(1, 1, t0), makeToken(2, 2, t0 + minutes(1))});
    q.callNext(t0);
    q.apply(1, QueueAction::Skip, t0 + minutes(1));
    q.apply(1, QueueAction::Restore, t0 + minutes(3));
    CHECK(q.waitingInOrder().front()->id == 1);
    CHECK_FALSE(q.token(1).calledAt.has_value());
}

TEST_CASE("recall keeps the token called and counts the recalls", "[queue]") {
    DoctorQueue q({makeToken(1, 1, t0)});
    q.callNext(t0);
    q.apply(1, QueueAction::Recall, t0 + minutes(1));
    q.apply(1, QueueAction::Recall, t0 + minutes(2));
    CHECK(q.token(1).state == TokenState::Called);
    CHECK(q.token(1).recallCount == 2);
}

TEST_CASE("a called token must be dealt with before the next is called", "[queue]") {
    DoctorQueue q({makeToken(1, 1, t0), makeToken(2, 2, t0)});
    q.callNext(t0);
    CHECK_THROWS_AS(q.callNext(t0), hub::Error);
}

TEST_CASE("estimated wait grows with the queue and uses recent consultation times", "[queue]") {
    std::vector<Token> tokens;
    for (int i = 1; i <= 5; ++i) tokens.push_back(makeToken(i, i, t0 + minutes(i)));
    DoctorQueue q(tokens);
    CHECK(q.estimatedWait(1, t0, minutes(5)) == minutes(0));
    CHECK(q.estimatedWait(3, t0, minutes(5)) == minutes(10));
    // Two consultations of 8 and 4 minutes: the average is 6.
    q.callNext(t0);
    q.apply(1, QueueAction::StartConsultation, t0);
    q.apply(1, QueueAction::Complete, t0 + minutes(8));
    q.callNext(t0 + minutes(8));
    q.apply(2, QueueAction::StartConsultation, t0 + minutes(8));
    q.apply(2, QueueAction::Complete, t0 + minutes(12));
    CHECK(q.averageConsultation(minutes(5)) == minutes(6));
    // Token 3 is next; 4 waits behind it; 1 minute into 3's consultation 5 is behind 4.
    q.callNext(t0 + minutes(12));
    q.apply(3, QueueAction::StartConsultation, t0 + minutes(12));
    CHECK(q.estimatedWait(4, t0 + minutes(13), minutes(5)) == minutes(5));
    CHECK(q.estimatedWait(5, t0 + minutes(13), minutes(5)) == minutes(11));
}

TEST_CASE("token labels are the doctor's prefix and a three-digit number", "[queue]") {
    CHECK(tokenLabel("A", 1) == "A-001");
    CHECK(tokenLabel("B", 42) == "B-042");
    CHECK(tokenLabel("A", 1000) == "A-1000");
}

TEST_CASE("queue names parse back to their values", "[queue]") {
    CHECK(parsePriority("pregnant") == Priority::Pregnant);
    CHECK_FALSE(parsePriority("vip").has_value());
    CHECK(parseTokenState("in_consultation") == TokenState::InConsultation);
}

TEST_CASE("re-ordering by priority moves a waiting token ahead, and back to its check-in place", "[queue]") {
    DoctorQueue q({makeToken(1, 1, t0), makeToken(2, 2, t0 + minutes(1)), makeToken(3, 3, t0 + minutes(2))});
    const auto order = [&] {
        std::vector<long long> ids;
        for (const Token* t : q.waitingInOrder()) ids.push_back(t->id);
        return ids;
    };
    q.setPriority(3, Priority::Emergency);
    CHECK(order() == std::vector<long long>{3, 1, 2});
    q.setPriority(3, Priority::Normal);
    CHECK(order() == std::vector<long long>{1, 2, 3});

    SECTION("a called or finished token keeps its priority") {
        q.callNext(t0 + minutes(5));  // token 1
        CHECK_THROWS_AS(q.setPriority(1, Priority::Emergency), hub::Error);
        CHECK(q.token(1).priority == Priority::Normal);
        q.apply(2, QueueAction::Cancel, t0 + minutes(6));
        CHECK_THROWS_AS(q.setPriority(2, Priority::Elderly), hub::Error);
    }
}
