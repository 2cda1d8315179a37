// The token-bucket rate limiter, with a manual clock.
#include "hub/core/error.h"
#include "hub/core/rate_limiter.h"

#include "support/catch.h"

using namespace hub;
using std::chrono::milliseconds;

TEST_CASE("a key spends its burst, then earns requests back at the refill rate", "[rate-limit]") {
    ManualClock clock(fromUnixSeconds(1'800'000'000));
    RateLimiter limiter(clock, {3, 0.5});
    for (int i = 0; i < 3; ++i) limiter.take("a", "reads");
    try {
        limiter.take("a", "reads");
        FAIL("a fourth request was allowed");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::TooManyRequests);
        CHECK(e.retryAfterSeconds() == 2);
        CHECK_THAT(e.what(), Catch::Contains("too many reads"));
    }
    limiter.take("b", "reads");  // other keys have their own bucket
    clock.advance(milliseconds(1999));
    CHECK_THROWS_AS(limiter.check("a", "reads"), Error);
    clock.advance(milliseconds(1));
    limiter.check("a", "reads");
    limiter.take("a", "reads");
    CHECK_THROWS_AS(limiter.take("a", "reads"), Error);
}

TEST_CASE("the limiter forgets the quietest keys beyond its size", "[rate-limit]") {
    ManualClock clock(fromUnixSeconds(1'800'000'000));
    RateLimiter limiter(clock, {2, 1, 100});
    for (int i = 0; i < 1000; ++i) limiter.take("10.0." + std::to_string(i), "reads");
    CHECK(limiter.trackedKeys() <= 100);
    // An address in the middle of a burst is kept over full, idle ones.
    limiter.take("busy", "reads");
    limiter.take("busy", "reads");
    for (int i = 0; i < 200; ++i) limiter.take("x" + std::to_string(i), "reads");
    CHECK_THROWS_AS(limiter.take("busy", "reads"), Error);
}
