#include "hub/auth/login_throttle.h"
#include "hub/auth/password_hasher.h"
#include "hub/core/error.h"

#include "support/catch.h"

#include <algorithm>

using namespace hub;
using namespace hub::auth;

namespace {

constexpr Argon2Params cheap{8, 1, 1};

int retryAfter(const LoginThrottle& t, const std::string& user, const std::string& address) {
    try {
        t.check(user, address);
        return 0;
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::TooManyRequests);
        return e.retryAfterSeconds();
    }
}

}  // namespace

TEST_CASE("production password hashes use argon2id with the OWASP parameters", "[auth][password]") {
    const PasswordHasher production;
    const std::string hash = production.hash("a long enough password");
    CHECK_THAT(hash, Catch::StartsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
    CHECK(production.verify("a long enough password", hash));
    CHECK_FALSE(production.needsRehash(hash));
}

TEST_CASE("a password verifies against its hash and nothing else does", "[auth][password]") {
    const PasswordHasher hasher(cheap);
    const std::string hash = hasher.hash("a long enough password");
    CHECK(hasher.verify("a long enough password", hash));
    CHECK_FALSE(hasher.verify("a long enough passworD", hash));
    CHECK_FALSE(hasher.verify("", hash));
    SECTION("each hash has its own salt") { CHECK(hasher.hash("a long enough password") != hash); }
    SECTION("a malformed or foreign hash never verifies") {
        CHECK_FALSE(hasher.verify("a long enough password", ""));
        CHECK_FALSE(hasher.verify("a long enough password", "$argon2id$v=19$garbage"));
        CHECK_FALSE(hasher.verify("a long enough password", "$2b$12$abcdefghijklmnopqrstuv"));
    }
}

TEST_CASE("a hash made with other parameters needs rehashing", "[auth][password]") {
    const PasswordHasher cheapHasher(cheap);
    const PasswordHasher production;
    const std::string old = cheapHasher.hash("a long enough password");
    CHECK(production.needsRehash(old));
    CHECK_FALSE(cheapHasher.needsRehash(old));
    CHECK(production.needsRehash("$2b$12$abcdefghijklmnopqrstuv"));
    CHECK(production.verify("a long enough password", old));  // old hashes still verify
}

TEST_CASE("an account is locked after five failures and released after the backoff", "[auth][throttle]") {
    ManualClock clock(fromUnixSeconds(1'000'000));
    LoginThrottle throttle(clock);
    for (int i = 0; i < 4; ++i) throttle.recordFailure("rahim", "10.0.0.1");
    CHECK(retryAfter(throttle, "rahim", "10.0.0.1") == 0);
    throttle.recordFailure("rahim", "10.0.0.1");
    CHECK(retryAfter(throttle, "rahim", "10.0.0.1") == 30);
    CHECK(retryAfter(throttle, "rahim", "10.0.0.2") == 30);  // from any address
    CHECK(retryAfter(throttle, "karim", "10.0.0.2") == 0);   // other accounts unaffected

    clock.advance(Seconds(29));
    CHECK(retryAfter(throttle, "rahim", "10.0.0.1") == 1);
    clock.advance(Seconds(1));
    CHECK(retryAfter(throttle, "rahim", "10.0.0.1") == 0);

    SECTION("each further failure doubles the lock-out, up to 15 minutes") {
        throttle.recordFailure("rahim", "10.0.0.1");
        int expected = 60;
        CHECK(retryAfter(throttle, "rahim", "10.0.0.1") == expected);
        for (int i = 0; i < 8; ++i) {
            clock.advance(Seconds(expected));
            throttle.recordFailure("rahim", "10.0.0.1");
            expected = std::min(expected * 2, 15 * 60);
            CHECK(retryAfter(throttle, "rahim", "10.0.0.1") == expected);
        }
        CHECK(expected == 15 * 60);
        // Quiet for longer than the window after the lock-out: the count restarts.
        clock.advance(Seconds(15 * 60 + 15 * 60 + 1));
        throttle.recordFailure("rahim", "10.0.0.1");
        CHECK(retryAfter(throttle, "rahim", "10.0.0.1") == 0);
    }
    SECTION("a successful sign-in clears the account's failures") {
        throttle.recordSuccess("rahim");
        for (int i = 0; i < 4; ++i) throttle.recordFailure("rahim", "10.0.0.1");
        CHECK(retryAfter(throttle, "rahim", "10.0.0.1") == 0);
    }
}

TEST_CASE("failures older than the window are forgotten", "[auth][throttle]") {
    ManualClock clock(fromUnixSeconds(1'000'000));
    LoginThrottle throttle(clock);
    for (int i = 0; i < 4; ++i) throttle.recordFailure("rahim", "10.0.0.1");
    clock.advance(Seconds(16 * 60));
    throttle.recordFailure("rahim", "10.0.0.1");
    CHECK(retryAfter(throttle, "rahim", "10.0.0.1") == 0);
}

TEST_CASE("an address is locked after twenty failures across any usernames", "[auth][throttle]") {
    ManualClock clock(fromUnixSeconds(1'000'000));
    LoginThrottle throttle(clock);
    for (int i = 0; i < 19; ++i) throttle.recordFailure("user" + std::to_string(i), "10.0.0.9");
    CHECK(retryAfter(throttle, "someone", "10.0.0.9") == 0);
    throttle.recordFailure("user19", "10.0.0.9");
    CHECK(retryAfter(throttle, "someone", "10.0.0.9") == 30);
    CHECK(retryAfter(throttle, "someone", "10.0.0.8") == 0);
    throttle.recordSuccess("someone");  // a good login elsewhere does not unlock the address
    CHECK(retryAfter(throttle, "someone", "10.0.0.9") == 30);
    clock.advance(Seconds(30));
    CHECK(retryAfter(throttle, "someone", "10.0.0.9") == 0);
}

TEST_CASE("the throttle's memory is bounded however many names are tried", "[auth][throttle]") {
    ManualClock clock(fromUnixSeconds(1'000'000));
    ThrottlePolicy policy;
    policy.maxEntries = 100;
    LoginThrottle throttle(clock, policy);
    for (int i = 0; i < 1000; ++i) {
        throttle.recordFailure("user" + std::to_string(i) + std::string(500, 'x'), "10.0.0." + std::to_string(i));
        clock.advance(Seconds(1));
    }
    CHECK(throttle.trackedAccounts() <= 100);
    CHECK(throttle.trackedAddresses() <= 100);
}
