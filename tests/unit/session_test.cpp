#include "auth_test_support.h"
#include "hub/core/error.h"
#include "hub/store/session_repository.h"
#include "hub/tls/digest.h"

#include "support/catch.h"

#include <atomic>
#include <thread>

using namespace hub;
using hub::testing::AuthFixture;

namespace {

ErrorCode codeOf(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const Error& e) {
        return e.code();
    }
    FAIL("no hub::Error thrown");
    return ErrorCode::Internal;
}

auth::LoginResult signIn(AuthFixture& f, const std::string& user = "admin",
                         const std::string& password = hub::testing::adminPassword) {
    return f.staff.login(user, password, "192.168.1.10", "Firefox");
}

long long lastSeenInDatabase(AuthFixture& f, long long sessionId) {
    return toUnixSeconds(
        f.db->read([&](store::Connection& c) { return store::SessionRepository(c).findById(sessionId); })->lastSeenAt);
}

}  // namespace

TEST_CASE("a fresh session authenticates as its staff member", "[auth][sessions]") {
    AuthFixture f;
    const auto login = signIn(f);
    CHECK(login.token.size() == 43);  // 32 random bytes, base64url
    CHECK(login.csrfToken.size() == 43);
    CHECK(login.token != login.csrfToken);
    const auto s = f.sessions.authenticate(login.token);
    CHECK(s.sessionId == login.sessionId);
    CHECK(s.staff.username == "admin");
    CHECK(s.staff.role == domain::Role::Admin);
    CHECK(s.expiresAt == f.clock.now() + Seconds(12 * 3600));
}

TEST_CASE("tokens are stored only as hashes", "[auth][sessions]") {
    AuthFixture f;
    const auto login = signIn(f);
    auto raw = testing::rawConnection(f.dir.file("hub.db"));
    SQLite::Statement q(raw, "SELECT token_hash, csrf_hash FROM sessions");
    REQUIRE(q.executeStep());
    const std::string tokenHash(static_cast<const char*>(q.getColumn(0).getBlob()), 32);
    const auto expected = tls::sha256(login.token);
    CHECK(tokenHash == std::string(expected.begin(), expected.end()));
    // Neither token appears anywhere in the file's sessions table.
    SQLite::Statement leak(raw, "SELECT count(*) FROM sessions WHERE instr(token_hash, ?1) OR instr(csrf_hash, ?2) "
                                "OR instr(user_agent, ?1) OR instr(client_address, ?1)");
    leak.bind(1, login.token);
    leak.bind(2, login.csrfToken);
    leak.executeStep();
    CHECK(leak.getColumn(0).getInt() == 0);
}

TEST_CASE("unknown, empty and oversized tokens are unauthenticated", "[auth][sessions]") {
    AuthFixture f;
    signIn(f);
    CHECK(codeOf([&] { f.sessions.authenticate(""); }) == ErrorCode::Unauthenticated);
    CHECK(codeOf([&] { f.sessions.authenticate("not-a-token"); }) == ErrorCode::Unauthenticated);
    CHECK(codeOf([&] { f.sessions.authenticate(std::string(10'000, 'a')); }) == ErrorCode::Unauthenticated);
}

TEST_CASE("a session idle for longer than the idle limit ends", "[auth][sessions]") {
    AuthFixture f;
    const auto login = signIn(f);
    f.clock.advance(Seconds(29 * 60));
    CHECK_NOTHROW(f.sessions.authenticate(login.token));  // activity restarts the idle clock
    f.clock.advance(Seconds(29 * 60));
    CHECK_NOTHROW(f.sessions.authenticate(login.token));
    f.clock.advance(Seconds(30 * 60));
    CHECK(codeOf([&] { f.sessions.authenticate(login.token); }) == ErrorCode::Unauthenticated);
    // Ended for good: the row is gone.
    CHECK_FALSE(f.db->read([&](store::Connection& c) { return store::SessionRepository(c).findById(login.sessionId); }));
}

TEST_CASE("a session ends at its absolute expiry however active it is", "[auth][sessions]") {
    AuthFixture f;
    const auto login = signIn(f);
    for (int i = 0; i < 71; ++i) {
        f.clock.advance(Seconds(10 * 60));
        REQUIRE_NOTHROW(f.sessions.authenticate(login.token));
    }
    f.clock.advance(Seconds(10 * 60));  // 12 hours after sign-in
    CHECK(codeOf([&] { f.sessions.authenticate(login.token); }) == ErrorCode::Unauthenticated);
}

TEST_CASE("the hot path writes last_seen at most once a minute", "[auth][sessions]") {
    AuthFixture f;
    const auto login = signIn(f);
    const long long start = toUnixSeconds(f.clock.now());
    for (int i = 0; i < 5; ++i) {
        f.clock.advance(Seconds(10));
        f.sessions.authenticate(login.token);
    }
    CHECK(lastSeenInDatabase(f, login.sessionId) == start);
    f.clock.advance(Seconds(10));  // 60 s since sign-in
    f.sessions.authenticate(login.token);
    CHECK(lastSeenInDatabase(f, login.sessionId) == start + 60);
    CHECK(f.sessions.cachedSessions() == 1);
}

TEST_CASE("session and CSRF tokens come from the injected random source", "[auth][sessions][random]") {
    AuthFixture f;
    SeededRandom mine(99), same(99);
    auth::SessionService sessions(*f.db, f.clock, mine);
    const auto member = f.db->read([](store::Connection& c) { return store::StaffRepository(c).findByUsername("admin"); });
    REQUIRE(member);
    const auto created = f.db->write([&](store::Connection& tx) { return sessions.create(tx, member->member, "", ""); });
    CHECK(created.token == same.token(32));
    // The CSRF token is derived from the session token, so a reloaded page can be given it again.
    CHECK(created.csrfToken == auth::SessionService::csrfTokenFor(created.token));
}

TEST_CASE("the cache survives a restart: sessions reload from the database", "[auth][sessions]") {
    AuthFixture f;
    const auto login = signIn(f);
    auth::SessionService afterRestart(*f.db, f.clock, f.random);
    CHECK(afterRestart.authenticate(login.token).staff.username == "admin");
}

TEST_CASE("logout ends only that session", "[auth][sessions]") {
    AuthFixture f;
    const auto phone = signIn(f);
    const auto laptop = signIn(f);
    f.sessions.authenticate(phone.token);
    f.sessions.logout(phone.token);
    CHECK(codeOf([&] { f.sessions.authenticate(phone.token); }) == ErrorCode::Unauthenticated);
    CHECK_NOTHROW(f.sessions.authenticate(laptop.token));
    CHECK_NOTHROW(f.sessions.logout(phone.token));  // twice is harmless
    CHECK_NOTHROW(f.sessions.logout("never-issued"));
}

TEST_CASE("log out everywhere ends all of a member's sessions, optionally but the current one", "[auth][sessions]") {
    AuthFixture f;
    const auto a = signIn(f), b = signIn(f), c = signIn(f);
    const auto doctor = f.addStaff("rahim", "doctor");
    const auto other = signIn(f, "rahim", "a long enough password");
    for (const auto* s : {&a, &b, &c}) f.sessions.authenticate(s->token);
    SECTION("keeping the current one") {
        CHECK(f.sessions.logoutAll(f.adminMember.id, a.sessionId) == 2);
        CHECK_NOTHROW(f.sessions.authenticate(a.token));
    }
    SECTION("all of them") {
        CHECK(f.sessions.logoutAll(f.adminMember.id) == 3);
        CHECK(codeOf([&] { f.sessions.authenticate(a.token); }) == ErrorCode::Unauthenticated);
    }
    CHECK(codeOf([&] { f.sessions.authenticate(b.token); }) == ErrorCode::Unauthenticated);
    CHECK(codeOf([&] { f.sessions.authenticate(c.token); }) == ErrorCode::Unauthenticated);
    CHECK(f.sessions.authenticate(other.token).staff.id == doctor.id);
}

TEST_CASE("disabling a member ends their sessions at once", "[auth][sessions]") {
    AuthFixture f;
    f.addStaff("rahim", "doctor");
    const auto login = signIn(f, "rahim", "a long enough password");
    f.sessions.authenticate(login.token);  // cached
    auth::StaffUpdate disable;
    disable.disabled = true;
    f.staff.updateStaff(f.admin, login.staff.id, disable);
    CHECK(codeOf([&] { f.sessions.authenticate(login.token); }) == ErrorCode::Unauthenticated);
}

TEST_CASE("a session revoked by another process ends within a minute", "[auth][sessions]") {
    AuthFixture f;
    f.addStaff("rahim", "doctor");
    const auto login = signIn(f, "rahim", "a long enough password");
    f.sessions.authenticate(login.token);
    // The CLI (a separate process) disables the account.
    auto cliDb = store::Database::open(f.dir.file("hub.db"));
    auth::setDisabledByUsername({*cliDb, f.clock, f.hasher, f.audit}, "rahim", true);
    f.clock.advance(Seconds(60));
    CHECK(codeOf([&] { f.sessions.authenticate(login.token); }) == ErrorCode::Unauthenticated);
}

TEST_CASE("a role change reaches cached sessions", "[auth][sessions]") {
    AuthFixture f;
    f.addStaff("rahim", "doctor");
    const auto login = signIn(f, "rahim", "a long enough password");
    CHECK(f.sessions.authenticate(login.token).staff.role == domain::Role::Doctor);
    auth::StaffUpdate update;
    update.role = "nurse";
    f.staff.updateStaff(f.admin, login.staff.id, update);
    CHECK(f.sessions.authenticate(login.token).staff.role == domain::Role::Nurse);
}

TEST_CASE("state-changing requests need the session's CSRF token", "[auth][csrf]") {
    AuthFixture f;
    const auto login = signIn(f);
    const auto other = signIn(f);
    const auto s = f.sessions.authenticate(login.token);
    CHECK_NOTHROW(auth::SessionService::checkCsrf(s, login.csrfToken));
    CHECK(codeOf([&] { auth::SessionService::checkCsrf(s, ""); }) == ErrorCode::Forbidden);
    CHECK(codeOf([&] { auth::SessionService::checkCsrf(s, other.csrfToken); }) == ErrorCode::Forbidden);
    CHECK(codeOf([&] { auth::SessionService::checkCsrf(s, login.token); }) == ErrorCode::Forbidden);
    CHECK(codeOf([&] { auth::SessionService::checkCsrf(s, std::string(5000, 'x')); }) == ErrorCode::Forbidden);
    CHECK_THROWS_WITH(auth::SessionService::checkCsrf(s, ""), Catch::Contains("X-CSRF-Token"));
}

TEST_CASE("expired sessions are purged from the database", "[auth][sessions]") {
    AuthFixture f;
    const auto old = signIn(f);
    f.clock.advance(Seconds(2 * 3600));
    const auto fresh = signIn(f);
    CHECK(f.sessions.purgeExpired() == 1);
    CHECK_NOTHROW(f.sessions.authenticate(fresh.token));
    CHECK(codeOf([&] { f.sessions.authenticate(old.token); }) == ErrorCode::Unauthenticated);
}

TEST_CASE("sessions authenticate from many threads while others are revoked", "[auth][sessions]") {
    AuthFixture f;
    const auto kept = signIn(f);
    std::vector<auth::LoginResult> revoked;
    for (int i = 0; i < 8; ++i) revoked.push_back(signIn(f));
    std::atomic<int> failures{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < 4; ++t) {
        workers.emplace_back([&, t] {
            for (int i = 0; i < 2000; ++i) {
                try {
                    f.sessions.authenticate(kept.token);
                } catch (const Error&) {
                    ++failures;
                }
                try {
                    f.sessions.authenticate(revoked[static_cast<std::size_t>(i + t) % revoked.size()].token);
                } catch (const Error&) {  // revoked meanwhile: expected
                }
            }
        });
    }
    for (const auto& r : revoked) {
        f.sessions.logout(r.token);
        f.sessions.forgetStaff(f.adminMember.id);
    }
    for (auto& w : workers) w.join();
    CHECK(failures == 0);
    for (const auto& r : revoked) CHECK(codeOf([&] { f.sessions.authenticate(r.token); }) == ErrorCode::Unauthenticated);
}

TEST_CASE("a long-lived stream's session is rechecked without counting as activity", "[auth][sessions]") {
    AuthFixture f;
    f.addStaff("rahim", "doctor");
    const auto login = signIn(f, "rahim", "a long enough password");
    const auto doctor = domain::Role::Doctor;
    CHECK(f.sessions.stillValid(login.token, doctor));
    CHECK_FALSE(f.sessions.stillValid(login.token, domain::Role::Nurse));
    CHECK_FALSE(f.sessions.stillValid("not-a-token", doctor));
    CHECK_FALSE(f.sessions.stillValid("", doctor));

    SECTION("asking does not keep the session alive: it still goes idle") {
        for (int i = 0; i < 5; ++i) {
            f.clock.advance(Seconds(5 * 60));
            REQUIRE(f.sessions.stillValid(login.token, doctor));
        }
        f.clock.advance(Seconds(5 * 60 + 1));  // 30 minutes with no request
        CHECK_FALSE(f.sessions.stillValid(login.token, doctor));
    }
    SECTION("a request only the cache has seen counts: the database lags it by up to a minute") {
        f.clock.advance(Seconds(20 * 60));
        f.sessions.authenticate(login.token);  // written to the database
        f.clock.advance(Seconds(30));
        f.sessions.authenticate(login.token);  // within touchInterval: in the cache only
        f.clock.advance(Seconds(29 * 60 + 45));  // 30m15s after the database's last_seen, 29m45s after the request
        CHECK(f.sessions.stillValid(login.token, doctor));
        f.clock.advance(Seconds(20));
        CHECK_FALSE(f.sessions.stillValid(login.token, doctor));
    }
    SECTION("sign-out") {
        f.sessions.logout(login.token);
        CHECK_FALSE(f.sessions.stillValid(login.token, doctor));
    }
    SECTION("a disabled account, also by another process") {
        auto cliDb = store::Database::open(f.dir.file("hub.db"));
        auth::setDisabledByUsername({*cliDb, f.clock, f.hasher, f.audit}, "rahim", true);
        CHECK_FALSE(f.sessions.stillValid(login.token, doctor));
    }
    SECTION("a changed role") {
        auth::StaffUpdate update;
        update.role = "nurse";
        f.staff.updateStaff(f.admin, login.staff.id, update);
        CHECK_FALSE(f.sessions.stillValid(login.token, doctor));
    }
    SECTION("the absolute expiry") {
        for (int i = 0; i < 71; ++i) {
            f.clock.advance(Seconds(10 * 60));
            f.sessions.authenticate(login.token);
            REQUIRE(f.sessions.stillValid(login.token, doctor));
        }
        f.clock.advance(Seconds(10 * 60));  // 12 hours after sign-in
        CHECK_FALSE(f.sessions.stillValid(login.token, doctor));
    }
}
