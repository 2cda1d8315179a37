// The patient's tracking link on a real database with a manual clock: what it
// shows as the queue moves, its expiry at the clinic's midnight, transfers,
// unknown codes and the rate limits.
#include "slip_test_support.h"

#include "hub/slip/tracking_link.h"

#include "support/catch.h"

using namespace hub;
using namespace hub::testing;
using domain::TokenState;
using std::chrono::minutes;
using std::chrono::seconds;

TEST_CASE("the link shows the patient's place, the token now served and the wait as the queue moves", "[tracking]") {
    SlipFixture f;
    const auto first = f.checkInNew(f.doctorA);
    const auto second = f.checkInNew(f.doctorA);
    const auto mine = f.checkInNew(f.doctorA);
    const std::string code = f.trackingCode(mine.row.token.id);

    auto v = f.track(code);
    CHECK(v.label == "A-003");
    CHECK(v.state == TokenState::Waiting);
    CHECK(v.position == 2 + 1);
    CHECK_FALSE(v.nowServing);
    CHECK(v.estimatedWaitMinutes == 10);  // two ahead at the default five minutes
    CHECK(v.doctorName == "Dr rahman");
    CHECK(v.language == domain::Language::Bangla);  // the patients' default preferred language

    f.queue.callNext(f.drA(), f.doctorA.id);
    f.queue.startConsultation(f.drA(), first.row.token.id);
    f.clock.advance(minutes(3));
    v = f.track(code);
    CHECK(v.position == 2);
    CHECK(v.nowServing == "A-001");
    CHECK(v.estimatedWaitMinutes == 5 + 2);  // A-002, and what is left of A-001's five minutes

    f.queue.complete(f.drA(), first.row.token.id);
    f.queue.callNext(f.drA(), f.doctorA.id);
    v = f.track(code);
    CHECK(v.position == 1);
    CHECK(v.nowServing == "A-002");

    f.queue.skip(f.drA(), second.row.token.id);
    f.queue.callNext(f.drA(), f.doctorA.id);
    v = f.track(code);
    CHECK(v.state == TokenState::Called);
    CHECK_FALSE(v.position);
    CHECK_FALSE(v.estimatedWaitMinutes);
    CHECK(v.nowServing == "A-003");
}

TEST_CASE("a link works until the clinic's midnight, not UTC's", "[tracking]") {
    SlipFixture f;
    const auto t = f.checkInNew(f.doctorA);
    const std::string code = f.trackingCode(t.row.token.id);
    const TimePoint dhakaMidnight = dhakaMorning + std::chrono::hours(15);  // 09:00 + 15 h, UTC+6

    CHECK(f.track(code).expiresAt == dhakaMidnight);
    CHECK(formatRfc3339(f.track(code).expiresAt, f.track(code).utcOffsetMinutes) == "2026-11-25T00:00:00+06:00");
    f.clock.set(dhakaMidnight - seconds(1));
    CHECK(f.track(code).label == "A-001");
    f.clock.set(dhakaMidnight);
    CHECK(errorOf([&] { f.track(code); }) == std::make_pair(ErrorCode::NotFound, std::string()));
}

TEST_CASE("a transferred patient's link follows them to the new doctor's queue", "[tracking]") {
    SlipFixture f;
    const auto t = f.checkInNew(f.doctorA);
    f.clock.advance(minutes(5));
    f.checkInNew(f.doctorB);
    const std::string code = f.trackingCode(t.row.token.id);
    f.queue.transfer(f.reception(), t.row.token.id, f.doctorB.id);
    const auto v = f.track(code);
    CHECK(v.label == "B-002");
    CHECK(v.doctorName == "Dr akter");
    CHECK(v.position == 1);  // keeps its check-in time: ahead of B-001, who came five minutes later
}

TEST_CASE("unknown and malformed codes are not found, with one message", "[tracking]") {
    SlipFixture f;
    const auto t = f.checkInNew(f.doctorA);
    f.trackingCode(t.row.token.id);
    for (const std::string& code : {slip::newTrackingCode(f.random), std::string("short"), std::string(22, '!'),
                                   std::string("' OR 1=1 --AAAAAAAAAAA")}) {
        INFO(code);
        try {
            f.track(code);
            FAIL("found a token for " << code);
        } catch (const Error& e) {
            CHECK(e.code() == ErrorCode::NotFound);
            CHECK(std::string(e.what()) == "this tracking link is unknown or has expired");
        }
    }
}

TEST_CASE("guessing is limited per client address: misses first, then every read", "[tracking]") {
    slip::TrackingPolicy policy;
    policy.reads = {10, 1};
    policy.misses = {3, 0.1};
    SlipFixture f({}, policy);
    const auto t = f.checkInNew(f.doctorA);
    const std::string code = f.trackingCode(t.row.token.id);

    SECTION("three unknown codes lock the address out, valid code included, for ten seconds") {
        for (int i = 0; i < 3; ++i) CHECK(errorOf([&] { f.track(slip::newTrackingCode(f.random), "10.0.0.9"); })->first == ErrorCode::NotFound);
        try {
            f.track(code, "10.0.0.9");
            FAIL("a locked-out address was served");
        } catch (const Error& e) {
            CHECK(e.code() == ErrorCode::TooManyRequests);
            CHECK(e.retryAfterSeconds() == 10);
        }
        CHECK(f.track(code, "10.0.0.10").label == "A-001");  // another phone is not affected
        f.clock.advance(seconds(10));
        CHECK(f.track(code, "10.0.0.9").label == "A-001");
    }
    SECTION("reads of a valid code are limited too, and earned back over time") {
        for (int i = 0; i < 10; ++i) f.track(code, "10.0.0.9");
        CHECK(errorOf([&] { f.track(code, "10.0.0.9"); })->first == ErrorCode::TooManyRequests);
        f.clock.advance(seconds(2));
        f.track(code, "10.0.0.9");
        f.track(code, "10.0.0.9");
        CHECK(errorOf([&] { f.track(code, "10.0.0.9"); })->first == ErrorCode::TooManyRequests);
    }
}

TEST_CASE("reading a tracking link writes nothing to the audit trail", "[tracking]") {
    SlipFixture f;
    const auto t = f.checkInNew(f.doctorA);
    const std::string code = f.trackingCode(t.row.token.id);
    const auto before = f.auditTrail().size();
    for (int i = 0; i < 5; ++i) f.track(code);
    CHECK(f.auditTrail().size() == before);
}
