#include "hub/auth/login_throttle.h"
#include "hub/auth/password_hasher.h"
#include "hub/core/error.h"

#include "support/catch.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

using namespace hub;
using namespace hub::auth;

namespace {

constexpr Argon2Params cheap{8, 1, 1};

// 0 when an attempt may begin (its place is given back at once), else Retry-After.
int retryAfter(LoginThrottle& t, const std::string& user, const std::string& address,
               const LoginThrottle::StillLocked& stillLocked = {}) {
    try {
        t.begin(user, address, stillLocked);
        return 0;
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::TooManyRequests);
        return e.retryAfterSeconds();
    }
}

std::vector<Lockout> fail(LoginThrottle& t, const std::string& user, const std::string& address) {
    return t.begin(user, address).failed();
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

TEST_CASE("an account gets five guesses in fifteen minutes, then waits for the oldest to leave the window",
          "[auth][throttle]") {
    ManualClock clock(fromUnixSeconds(1'000'000));
    LoginThrottle throttle(clock);
    for (int i = 0; i < 4; ++i) {
        CHECK(fail(throttle, "rahim", "10.0.0.1").empty());
        clock.advance(Seconds(10));
    }
    CHECK(retryAfter(throttle, "rahim", "10.0.0.1") == 0);
    const auto locks = fail(throttle, "rahim", "10.0.0.1");
    REQUIRE(locks.size() == 1);
    CHECK(locks[0].kind == ThrottleKind::Account);
    CHECK(locks[0].key == "rahim");
    CHECK(locks[0].failures == 5);
    // The first failure was 40 s ago: it leaves the window in 15 min - 40 s.
    CHECK(locks[0].until == clock.now() - Seconds(40) + Seconds(15 * 60));
    CHECK(retryAfter(throttle, "rahim", "10.0.0.1") == 15 * 60 - 40);
    CHECK(retryAfter(throttle, "rahim", "10.0.0.2") == 15 * 60 - 40);  // from any address
    CHECK(retryAfter(throttle, "karim", "10.0.0.2") == 0);              // other accounts unaffected

    clock.advance(Seconds(15 * 60 - 41));
    CHECK(retryAfter(throttle, "rahim", "10.0.0.1") == 1);
    clock.advance(Seconds(1));
    SECTION("one guess comes free when the oldest failure leaves the window; failing it locks again") {
        CHECK(retryAfter(throttle, "rahim", "10.0.0.1") == 0);
        const auto again = fail(throttle, "rahim", "10.0.0.1");
        REQUIRE(again.size() == 1);
        CHECK(retryAfter(throttle, "rahim", "10.0.0.1") == 10);  // the second failure leaves in 10 s
    }
    SECTION("a success clears the account's failures") {
        throttle.begin("rahim", "10.0.0.1").succeeded();
        for (int i = 0; i < 4; ++i) fail(throttle, "rahim", "10.0.0.1");
        CHECK(retryAfter(throttle, "rahim", "10.0.0.1") == 0);
    }
}

TEST_CASE("attempts in flight hold their places: a burst gets exactly five checks", "[auth][throttle]") {
    ManualClock clock(fromUnixSeconds(1'000'000));
    LoginThrottle throttle(clock);
    std::vector<LoginThrottle::Attempt> inFlight;
    for (int i = 0; i < 5; ++i) inFlight.push_back(throttle.begin("rahim", "10.0.0." + std::to_string(i)));
    // A sixth is refused before any hashing, although nothing has failed yet.
    const int wait = retryAfter(throttle, "rahim", "10.0.0.9");
    CHECK(wait > 0);
    CHECK(wait <= 10);

    SECTION("an attempt that was never checked gives its place back uncounted") {
        inFlight.pop_back();
        CHECK(retryAfter(throttle, "rahim", "10.0.0.9") == 0);
    }
    SECTION("five failures lock the account once") {
        std::size_t locks = 0;
        for (auto& a : inFlight) locks += a.failed().size();
        CHECK(locks == 1);
        CHECK(retryAfter(throttle, "rahim", "10.0.0.9") == 15 * 60);
    }
}

TEST_CASE("sixty threads at once: exactly five attempts are let through to be checked", "[auth][throttle]") {
    SystemClock clock;
    LoginThrottle throttle(clock);
    std::atomic<int> admitted{0}, refused{0}, lockouts{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int i = 0; i < 60; ++i)
        threads.emplace_back([&, i] {
            while (!go) std::this_thread::yield();
            try {
                auto attempt = throttle.begin("dr.rahman", "10.0." + std::to_string(i / 10) + ".1");
                ++admitted;
                std::this_thread::sleep_for(std::chrono::milliseconds(20));  // "hashing"
                lockouts += static_cast<int>(attempt.failed().size());
            } catch (const Error& e) {
                if (e.code() == ErrorCode::TooManyRequests) ++refused;
            }
        });
    go = true;
    for (auto& t : threads) t.join();
    CHECK(admitted == 5);
    CHECK(refused == 55);
    CHECK(lockouts == 1);
}

TEST_CASE("an address gets twenty guesses across any usernames", "[auth][throttle]") {
    ManualClock clock(fromUnixSeconds(1'000'000));
    LoginThrottle throttle(clock);
    for (int i = 0; i < 19; ++i) CHECK(fail(throttle, "user" + std::to_string(i), "10.0.0.9").empty());
    CHECK(retryAfter(throttle, "someone", "10.0.0.9") == 0);
    const auto locks = fail(throttle, "user19", "10.0.0.9");
    REQUIRE(locks.size() == 1);
    CHECK(locks[0].kind == ThrottleKind::Address);
    CHECK(retryAfter(throttle, "someone", "10.0.0.9") == 15 * 60);
    CHECK(retryAfter(throttle, "someone", "10.0.0.8") == 0);
    throttle.begin("someone", "10.0.0.8").succeeded();  // a good login elsewhere does not unlock the address
    CHECK(retryAfter(throttle, "someone", "10.0.0.9") == 15 * 60);
    clock.advance(Seconds(15 * 60));
    CHECK(retryAfter(throttle, "someone", "10.0.0.9") == 0);
}

TEST_CASE("a lock lifted elsewhere (the database no longer holds it) is forgotten at the next attempt",
          "[auth][throttle]") {
    ManualClock clock(fromUnixSeconds(1'000'000));
    LoginThrottle throttle(clock);
    for (int i = 0; i < 5; ++i) fail(throttle, "rahim", "10.0.0.1");
    const auto stillThere = [](ThrottleKind, const std::string&) { return true; };
    const auto lifted = [](ThrottleKind kind, const std::string& key) {
        return !(kind == ThrottleKind::Account && key == "rahim");
    };
    CHECK(retryAfter(throttle, "rahim", "10.0.0.1", stillThere) > 0);
    CHECK(retryAfter(throttle, "rahim", "10.0.0.1", lifted) == 0);
    CHECK(retryAfter(throttle, "rahim", "10.0.0.1") == 0);  // and its failures with it

    SECTION("restored at start, unlocked by an admin") {
        throttle.restore({ThrottleKind::Account, "karim", clock.now() + Seconds(300), 5});
        CHECK(retryAfter(throttle, "karim", "10.0.0.3") == 300);
        throttle.unlock(ThrottleKind::Account, "karim");
        CHECK(retryAfter(throttle, "karim", "10.0.0.3") == 0);
    }
}

TEST_CASE("the throttle's memory is bounded however many names are tried", "[auth][throttle]") {
    ManualClock clock(fromUnixSeconds(1'000'000));
    ThrottlePolicy policy;
    policy.maxEntries = 100;
    LoginThrottle throttle(clock, policy);
    for (int i = 0; i < 1000; ++i) {
        fail(throttle, "user" + std::to_string(i) + std::string(500, 'x'), "10.0.0." + std::to_string(i));
        clock.advance(Seconds(1));
    }
    CHECK(throttle.trackedAccounts() <= 100);
    CHECK(throttle.trackedAddresses() <= 100);
}

TEST_CASE("password hashing runs at most N at once, and a caller that waits too long gets 503 with Retry-After",
          "[auth][password]") {
    const PasswordHasher hasher(Argon2Params{2048, 1, 1}, HashingLimits{2, std::chrono::milliseconds(20'000)});
    CHECK(hasher.memoryBudgetBytes() == 2ull * 2048 * 1024);
    const std::string hash = hasher.hash("a long enough password");
    std::vector<std::thread> threads;
    std::atomic<int> verified{0};
    for (int i = 0; i < 8; ++i)
        threads.emplace_back([&] { verified += hasher.verify("a long enough password", hash) ? 1 : 0; });
    for (auto& t : threads) t.join();
    CHECK(verified == 8);
    CHECK(hasher.mostAtOnce() <= 2);
    CHECK(hasher.mostAtOnce() >= 1);

    SECTION("no turn within the wait: Unavailable, Retry-After") {
        ConcurrencyLimit limit(1, std::chrono::milliseconds(50));
        const auto inside = limit.enter("password checks");
        try {
            limit.enter("password checks");
            FAIL("entered a full limit");
        } catch (const Error& e) {
            CHECK(e.code() == ErrorCode::Unavailable);
            CHECK(e.retryAfterSeconds() >= 1);
            CHECK_THAT(e.what(), Catch::Contains("busy"));
        }
    }
}
