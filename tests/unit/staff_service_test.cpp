#include "service_test_support.h"
#include "auth_test_support.h"
#include "hub/audit/audit_verifier.h"
#include "hub/core/error.h"
#include "hub/core/random.h"
#include "hub/core/text.h"
#include "hub/store/clinic_repository.h"
#include "hub/store/staff_repository.h"

#include "support/catch.h"

using namespace hub;
using hub::testing::errorOf;
using hub::testing::AuthFixture;

namespace {

const std::string goodPassword = "a long enough password";

}  // namespace

TEST_CASE("staff sign in with their username and password", "[auth][login]") {
    AuthFixture f;
    const auto login = f.staff.login("admin", hub::testing::adminPassword, "192.168.1.10", "Firefox");
    CHECK(login.staff.username == "admin");
    CHECK(login.sessionId > 0);
    const auto event = f.lastAudit();
    CHECK(event.action == "login");
    CHECK(event.outcome == "success");
    CHECK(event.actorId == f.adminMember.id);
    CHECK(event.actorRole == "admin");
    CHECK(event.clientAddress == "192.168.1.10");
    CHECK(event.objectId == std::to_string(login.sessionId));
}

TEST_CASE("a wrong password and an unknown user get the same answer, and both are audited", "[auth][login]") {
    AuthFixture f;
    const auto before = f.auditTrail().size();
    const Error wrong = errorOf([&] { f.staff.login("admin", "not the password", "10.0.0.5", ""); });
    const Error unknown = errorOf([&] { f.staff.login("nobody", "not the password", "10.0.0.6", ""); });
    CHECK(wrong.code() == ErrorCode::Unauthenticated);
    CHECK(unknown.code() == ErrorCode::Unauthenticated);
    CHECK(std::string(wrong.what()) == unknown.what());
    // Failed sign-ins are written per address and minute, once the minute is over.
    CHECK(f.auditTrail().size() == before);
    f.clock.advance(Seconds(60));
    f.staff.flushSignInAudit();
    const auto trail = f.auditTrail();
    REQUIRE(trail.size() == before + 2);
    const auto& a = trail[trail.size() - 2];
    const auto& b = trail.back();
    CHECK(a.action == "login");
    CHECK(a.outcome == "failure");
    CHECK(a.clientAddress == "10.0.0.5");
    CHECK_THAT(a.detail, Catch::Contains("1 wrong password"));
    CHECK(a.actorId == f.adminMember.id);
    CHECK(a.actorUsername == "admin");
    CHECK(b.outcome == "failure");
    CHECK_THAT(b.detail, Catch::Contains("1 unknown username"));
    // An unknown name is cut and marked: it may be a password typed into the wrong box.
    CHECK(b.actorUsername == "nobody (no such account)");
    CHECK_FALSE(b.actorId);
    for (const auto& e : trail) CHECK(e.detail.find("not the password") == std::string::npos);
}

TEST_CASE("the username kept for a sign-in that names no account is cut and marked", "[auth][login]") {
    CHECK(auth::storedUsername("dr.rahman", true) == "dr.rahman");
    CHECK(auth::storedUsername("ghost.user", false) == "ghost.user (no such account)");
    CHECK(auth::storedUsername("averyveryverylongusername", false) == "averyveryverylon\xE2\x80\xA6 (no such account)");
    // Not even a possible username: most likely a password; nothing of it is kept.
    const std::string password = "Correct Horse Battery!";
    const std::string stored = auth::storedUsername(password, false);
    CHECK(stored == "(not a username, 22 bytes)");
    CHECK(stored.find("Horse") == std::string::npos);
}

TEST_CASE("repeated failed sign-ins are throttled, the lock-out is audited at once, and a flood is one row per "
          "address and minute",
          "[auth][login]") {
    AuthFixture f;
    const auto before = f.auditTrail().size();
    for (int i = 0; i < 5; ++i) CHECK_THROWS(f.staff.login("admin", "wrong password!", "10.0.0.5", ""));
    // The lock-out: who was locked, from where, until when.
    const auto locked = f.lastAudit();
    CHECK(locked.action == "login.locked");
    CHECK(locked.outcome == "denied");
    CHECK(locked.objectType == "account");
    CHECK(locked.objectId == "admin");
    CHECK(locked.actorId == f.adminMember.id);
    CHECK(locked.clientAddress == "10.0.0.5");
    CHECK_THAT(locked.detail, Catch::Contains("after 5 failed sign-ins"));

    for (int i = 0; i < 50; ++i) {
        const Error throttled = errorOf([&] { f.staff.login("admin", hub::testing::adminPassword, "10.0.0.5", ""); });
        CHECK(throttled.code() == ErrorCode::TooManyRequests);
        CHECK(throttled.retryAfterSeconds() == 15 * 60);
        CHECK_THAT(throttled.what(), Catch::Contains("ask an admin to unlock it"));
    }
    f.clock.advance(Seconds(60));
    f.staff.flushSignInAudit();
    const auto trail = f.auditTrail();
    REQUIRE(trail.size() == before + 2);  // the lock-out and one row for the minute
    const auto& minute = trail.back();
    CHECK(minute.action == "login");
    CHECK(minute.outcome == "failure");
    CHECK_THAT(minute.detail, Catch::Contains("55 failed sign-ins"));
    CHECK_THAT(minute.detail, Catch::Contains("5 wrong password"));
    CHECK_THAT(minute.detail, Catch::Contains("50 refused (throttled)"));

    f.clock.advance(Seconds(15 * 60 - 60));
    CHECK_NOTHROW(f.staff.login("admin", hub::testing::adminPassword, "10.0.0.5", ""));
}

TEST_CASE("a lock-out survives a restart, and an admin or the command line lifts it at once", "[auth][login]") {
    AuthFixture f;
    f.addStaff("rahim", "doctor");
    for (int i = 0; i < 5; ++i) CHECK_THROWS(f.staff.login("rahim", "wrong password!", "10.0.0.5", ""));
    CHECK(errorOf([&] { f.staff.login("rahim", goodPassword, "10.0.0.7", ""); }).code() ==
          ErrorCode::TooManyRequests);

    // A new process over the same database (a restart after an OOM kill) still refuses.
    auth::LoginThrottle freshThrottle(f.clock);
    auth::SessionService freshSessions(*f.db, f.clock, f.random);
    auth::StaffService restarted(*f.db, f.clock, f.hasher, freshThrottle, freshSessions, f.audit);
    CHECK(errorOf([&] { restarted.login("rahim", goodPassword, "10.0.0.7", ""); }).code() ==
          ErrorCode::TooManyRequests);

    SECTION("unlockAccount, by an admin") {
        const auto rahim = f.db->read([](store::Connection& c) { return store::StaffRepository(c).findByUsername("rahim"); });
        REQUIRE(rahim);
        const auto reception = f.addStaff("desk", "receptionist");
        CHECK(errorOf([&] { f.staff.unlockAccount(f.actorFor(reception), rahim->member.id); }).code() ==
              ErrorCode::Forbidden);
        const auto result = f.staff.unlockAccount(f.admin, rahim->member.id);
        CHECK(result.wasLocked);
        CHECK(result.staff.username == "rahim");
        CHECK(f.lastAudit().action == "staff.unlock");
        CHECK(f.lastAudit().actorUsername == "admin");
        CHECK_NOTHROW(f.staff.login("rahim", goodPassword, "10.0.0.7", ""));
        // The other process learns it from the database at the next attempt.
        CHECK_NOTHROW(restarted.login("rahim", goodPassword, "10.0.0.7", ""));
        CHECK_FALSE(f.staff.unlockAccount(f.admin, rahim->member.id).wasLocked);
        CHECK(errorOf([&] { f.staff.unlockAccount(f.admin, 9999); }).code() == ErrorCode::NotFound);
    }
    SECTION("clinic-hub user unlock, from another process") {
        const auth::AdminToolContext cli{*f.db, f.clock, f.hasher, f.audit};
        CHECK(auth::unlockByUsername(cli, "rahim"));
        CHECK(f.lastAudit().actorUsername == "cli");
        CHECK(f.lastAudit().action == "staff.unlock");
        CHECK_NOTHROW(f.staff.login("rahim", goodPassword, "10.0.0.7", ""));
        CHECK_FALSE(auth::unlockByUsername(cli, "rahim"));
        CHECK(errorOf([&] { auth::unlockByUsername(cli, "nobody"); }).code() == ErrorCode::NotFound);
    }
}

TEST_CASE("a disabled member cannot sign in", "[auth][login]") {
    AuthFixture f;
    const auto doctor = f.addStaff("rahim", "doctor");
    auth::StaffUpdate disable;
    disable.disabled = true;
    f.staff.updateStaff(f.admin, doctor.id, disable);
    CHECK(errorOf([&] { f.staff.login("rahim", goodPassword, "10.0.0.5", ""); }).code() ==
          ErrorCode::Unauthenticated);
    CHECK(f.lastAudit().detail == "account disabled");
}

TEST_CASE("a hash made with old parameters is upgraded at sign-in", "[auth][login]") {
    AuthFixture f;
    const auth::PasswordHasher stronger(auth::Argon2Params{16, 1, 1});
    auth::SessionService sessions(*f.db, f.clock, f.random);
    auth::StaffService service(*f.db, f.clock, stronger, f.throttle, sessions, f.audit);
    service.login("admin", hub::testing::adminPassword, "10.0.0.5", "");
    const auto hash = f.db->read([&](store::Connection& c) {
        return store::StaffRepository(c).findById(f.adminMember.id)->passwordHash;
    });
    CHECK_THAT(hash, Catch::StartsWith("$argon2id$v=19$m=16,t=1,p=1$"));
    CHECK_NOTHROW(service.login("admin", hub::testing::adminPassword, "10.0.0.5", ""));
}

TEST_CASE("creating staff validates every field and names the bad one", "[auth][staff]") {
    AuthFixture f;
    auth::NewStaffRequest good{"rahim", "Dr Rahim", "doctor", goodPassword, auth::DoctorProfileInput{}};
    good.doctor->tokenPrefix = "R";
    auto fieldOf = [&](auth::NewStaffRequest r) {
        const Error e = errorOf([&] { f.staff.createStaff(f.admin, r); });
        CHECK(e.code() == ErrorCode::InvalidInput);
        return e.field();
    };
    auto with = [&](auto change) {
        auto r = good;
        change(r);
        return r;
    };
    CHECK(fieldOf(with([](auto& r) { r.username = "R"; })) == "username");
    CHECK(fieldOf(with([](auto& r) { r.username = "has space"; })) == "username");
    CHECK(fieldOf(with([](auto& r) { r.username = ""; })) == "username");
    CHECK(fieldOf(with([](auto& r) { r.displayName = ""; })) == "display_name");
    CHECK(fieldOf(with([](auto& r) { r.displayName = "tab\there"; })) == "display_name");
    CHECK(fieldOf(with([](auto& r) { r.role = "superuser"; })) == "role");
    CHECK(fieldOf(with([](auto& r) { r.role = "Admin"; })) == "role");
    CHECK(fieldOf(with([](auto& r) { r.password = "short"; })) == "password");
    CHECK(fieldOf(with([](auto& r) { r.password = std::string(300, 'p'); })) == "password");
    CHECK(fieldOf(with([](auto& r) { r.username = r.password = "rahimrahimrahim"; })) == "password");
    CHECK(fieldOf(with([](auto& r) { r.doctor.reset(); })) == "doctor");
    CHECK(fieldOf(with([](auto& r) { r.doctor->tokenPrefix = "a1"; })) == "doctor.token_prefix");
    CHECK(fieldOf(with([](auto& r) { r.doctor->consultationFee = -5; })) == "doctor.consultation_fee");
    CHECK(fieldOf(with([](auto& r) { r.role = "nurse"; })) == "doctor");  // a profile only for doctors
    CHECK_THROWS_WITH(f.staff.createStaff(f.admin, with([](auto& r) { r.role = "x"; })),
                      Catch::Contains("admin, doctor, receptionist, nurse, cashier"));

    const auto created = f.staff.createStaff(f.admin, good);
    CHECK(created.role == domain::Role::Doctor);
    const auto profile = f.staff.doctorProfile(created.id);
    REQUIRE(profile);
    CHECK(profile->tokenPrefix == "R");
    CHECK(profile->nameEn == "Dr Rahim");  // defaults to the display name
    CHECK(f.lastAudit().action == "staff.create");
    CHECK(f.lastAudit().objectId == std::to_string(created.id));
    const Error dup = errorOf([&] { f.staff.createStaff(f.admin, good); });
    CHECK(dup.code() == ErrorCode::Conflict);
    CHECK(dup.field() == "username");
    CHECK(f.lastAudit().outcome == "failure");
    auto samePrefix = with([](auto& r) { r.username = "karim"; });
    const Error prefixTaken = errorOf([&] { f.staff.createStaff(f.admin, samePrefix); });
    CHECK(prefixTaken.code() == ErrorCode::Conflict);
    CHECK(prefixTaken.field() == "doctor.token_prefix");
}

TEST_CASE("a doctor's profile is changed through the staff account, and only doctors have one", "[auth][staff]") {
    AuthFixture f;
    const auto nurse = f.addStaff("nasrin", "nurse");
    auth::StaffUpdate toDoctor;
    toDoctor.role = "doctor";
    CHECK(errorOf([&] { f.staff.updateStaff(f.admin, nurse.id, toDoctor); }).field() == "doctor");
    toDoctor.doctor.emplace();
    toDoctor.doctor->tokenPrefix = "N";
    toDoctor.doctor->room = "Room 3";
    f.staff.updateStaff(f.admin, nurse.id, toDoctor);
    CHECK(f.staff.doctorProfile(nurse.id)->room == "Room 3");
    auth::StaffUpdate fee;
    fee.doctor.emplace();
    fee.doctor->consultationFee = 500;
    f.staff.updateStaff(f.admin, nurse.id, fee);
    const auto profile = f.staff.doctorProfile(nurse.id);
    CHECK(profile->consultationFee == 500);
    CHECK(profile->room == "Room 3");  // untouched fields keep their values
    const auto cashier = f.addStaff("kamal", "cashier");
    CHECK(errorOf([&] { f.staff.updateStaff(f.admin, cashier.id, fee); }).field() == "doctor");
}

TEST_CASE("only admins administer staff: refusals are audited as denied", "[auth][staff]") {
    AuthFixture f;
    const auto nurse = f.addStaff("nasrin", "nurse");
    const auto asNurse = f.actorFor(nurse);
    CHECK(errorOf([&] { f.staff.listStaff(asNurse); }).code() == ErrorCode::Forbidden);
    CHECK(f.lastAudit().outcome == "denied");
    CHECK(f.lastAudit().action == "staff.list");
    CHECK(errorOf([&] { f.staff.createStaff(asNurse, {"x12", "X", "admin", goodPassword, {}}); }).code() ==
          ErrorCode::Forbidden);
    CHECK(errorOf([&] { f.staff.updateStaff(asNurse, nurse.id, auth::StaffUpdate{std::nullopt, "admin", {}, {}, {}}); })
              .code() == ErrorCode::Forbidden);
    CHECK(errorOf([&] { f.staff.getStaff(asNurse, f.adminMember.id); }).code() == ErrorCode::Forbidden);
    CHECK(f.staff.getStaff(asNurse, nurse.id).username == "nasrin");  // herself
    CHECK(f.lastAudit().action == "staff.read");
}

TEST_CASE("reading staff accounts is audited", "[auth][staff]") {
    AuthFixture f;
    f.addStaff("rahim", "doctor");
    CHECK(f.staff.listStaff(f.admin).size() == 2);
    CHECK(f.lastAudit().action == "staff.list");
    CHECK(errorOf([&] { f.staff.getStaff(f.admin, 999); }).code() == ErrorCode::NotFound);
}

TEST_CASE("the last active admin cannot be disabled or demoted", "[auth][staff]") {
    AuthFixture f;
    auth::StaffUpdate disable;
    disable.disabled = true;
    auth::StaffUpdate demote;
    demote.role = "doctor";
    demote.doctor.emplace();
    demote.doctor->tokenPrefix = "Z";
    const Error e1 = errorOf([&] { f.staff.updateStaff(f.admin, f.adminMember.id, disable); });
    CHECK(e1.code() == ErrorCode::Conflict);
    CHECK(e1.field() == "disabled");
    CHECK(errorOf([&] { f.staff.updateStaff(f.admin, f.adminMember.id, demote); }).field() == "role");
    CHECK(errorOf([&] {
              auth::setDisabledByUsername({*f.db, f.clock, f.hasher, f.audit}, "admin", true);
          }).code() == ErrorCode::Conflict);
    SECTION("but can once there is another admin") {
        f.addStaff("second", "admin");
        CHECK(f.staff.updateStaff(f.admin, f.adminMember.id, demote).role == domain::Role::Doctor);
    }
}

TEST_CASE("updating staff validates fields and records what changed", "[auth][staff]") {
    AuthFixture f;
    const auto doctor = f.addStaff("rahim", "doctor");
    CHECK(errorOf([&] { f.staff.updateStaff(f.admin, doctor.id, {"", {}, {}, {}, {}}); }).field() == "display_name");
    CHECK(errorOf([&] { f.staff.updateStaff(f.admin, doctor.id, {{}, "chief", {}, {}, {}}); }).field() == "role");
    CHECK(errorOf([&] { f.staff.updateStaff(f.admin, doctor.id, {{}, {}, {}, "short", {}}); }).field() == "password");
    CHECK(errorOf([&] { f.staff.updateStaff(f.admin, 999, {"X", {}, {}, {}, {}}); }).code() == ErrorCode::NotFound);
    const auto updated = f.staff.updateStaff(f.admin, doctor.id, {"Dr R", "nurse", {}, {}, {}});
    CHECK(updated.displayName == "Dr R");
    CHECK(updated.role == domain::Role::Nurse);
    CHECK(f.lastAudit().detail == "display_name role=nurse");

    SECTION("an admin's password reset ends the member's sessions") {
        const auto login = f.staff.login("rahim", goodPassword, "10.0.0.5", "");
        f.staff.updateStaff(f.admin, doctor.id, {{}, {}, {}, "another long password", {}});
        CHECK_THROWS(f.sessions.authenticate(login.token));
        CHECK_NOTHROW(f.staff.login("rahim", "another long password", "10.0.0.5", ""));
    }
}

TEST_CASE("changing one's own password ends one's other sessions", "[auth][staff]") {
    AuthFixture f;
    const auto here = f.staff.login("admin", hub::testing::adminPassword, "10.0.0.5", "");
    const auto elsewhere = f.staff.login("admin", hub::testing::adminPassword, "10.0.0.6", "");
    const auto me = f.actorFor(f.adminMember, here.sessionId);
    CHECK(errorOf([&] { f.staff.changeOwnPassword(me, "wrong current pw", "brand new password"); }).field() ==
          "current_password");
    CHECK(errorOf([&] { f.staff.changeOwnPassword(me, hub::testing::adminPassword, "short"); }).field() == "password");
    f.staff.changeOwnPassword(me, hub::testing::adminPassword, "brand new password");
    CHECK_NOTHROW(f.sessions.authenticate(here.token));
    CHECK_THROWS(f.sessions.authenticate(elsewhere.token));
    CHECK(f.lastAudit().action == "staff.password_change");
    CHECK_THROWS(f.staff.login("admin", hub::testing::adminPassword, "10.0.0.5", ""));
    CHECK_NOTHROW(f.staff.login("admin", "brand new password", "10.0.0.5", ""));
}

TEST_CASE("the clinic is initialised once, from the command line", "[auth][bootstrap]") {
    AuthFixture f;  // already initialised with an admin
    const auth::AdminToolContext cli{*f.db, f.clock, f.hasher, f.audit};
    CHECK(auth::isInitialized(*f.db));
    CHECK(errorOf([&] { auth::initializeClinic(cli, "Again", "admin2", goodPassword); }).code() ==
          ErrorCode::Conflict);
    testing::TempDir other;
    auto fresh = store::Database::open(other.file("hub.db"));
    const auth::AdminToolContext freshCli{*fresh, f.clock, f.hasher, f.audit};
    CHECK(errorOf([&] { auth::initializeClinic(freshCli, "", "admin", goodPassword); }).field() == "clinic_name");
    CHECK(errorOf([&] { auth::initializeClinic(freshCli, "C", "A", goodPassword); }).field() == "username");
    CHECK(errorOf([&] { auth::initializeClinic(freshCli, "C", "admin", "short"); }).field() == "password");
    CHECK_FALSE(auth::isInitialized(*fresh));
}

TEST_CASE("the box's id comes from the randomness it is given", "[auth][bootstrap]") {
    AuthFixture f;
    const auto boxIdOf = [&](std::uint64_t seed) {
        testing::TempDir dir;
        auto db = store::Database::open(dir.file("hub.db"));
        SeededRandom random(seed);
        auth::ClinicSetup setup;
        setup.random = &random;
        auth::initializeClinic({*db, f.clock, f.hasher, f.audit}, "Box Clinic", "admin", goodPassword, setup);
        return db->read([](store::Connection& c) { return store::ClinicRepository(c).get()->boxId; });
    };
    SeededRandom expected(7);
    const auto bytes = expected.bytes(16);
    CHECK(boxIdOf(7) == hexEncode(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size())));
    CHECK(boxIdOf(7) == boxIdOf(7));
    CHECK(boxIdOf(7) != boxIdOf(8));
}

TEST_CASE("the command line sets passwords and disables accounts by username", "[auth][bootstrap]") {
    AuthFixture f;
    const auth::AdminToolContext cli{*f.db, f.clock, f.hasher, f.audit};
    f.addStaff("rahim", "doctor");
    const auto login = f.staff.login("rahim", goodPassword, "10.0.0.5", "");
    auth::setPasswordByUsername(cli, "rahim", "set by the technician");
    CHECK(f.lastAudit().actorUsername == "cli");
    CHECK_NOTHROW(f.staff.login("rahim", "set by the technician", "10.0.0.5", ""));
    f.clock.advance(Seconds(60));
    CHECK_THROWS(f.sessions.authenticate(login.token));
    CHECK(errorOf([&] { auth::setPasswordByUsername(cli, "nobody", goodPassword); }).code() == ErrorCode::NotFound);
    CHECK(errorOf([&] { auth::setPasswordByUsername(cli, "rahim", "short"); }).field() == "password");
    auth::setDisabledByUsername(cli, "rahim", true);
    CHECK_THROWS(f.staff.login("rahim", "set by the technician", "10.0.0.5", ""));
    auth::setDisabledByUsername(cli, "rahim", false);
    CHECK_NOTHROW(f.staff.login("rahim", "set by the technician", "10.0.0.5", ""));
}

TEST_CASE("everything the staff service does leaves an intact audit chain", "[auth][audit]") {
    AuthFixture f;
    f.addStaff("rahim", "doctor");
    CHECK_THROWS(f.staff.login("rahim", "wrong password!", "10.0.0.5", ""));
    f.staff.login("rahim", goodPassword, "10.0.0.5", "");
    f.staff.listStaff(f.admin);
    f.staff.flushSignInAudit();
    const auto report = audit::verifyAuditChain(*f.db);
    CHECK(report.ok);
    CHECK(report.eventsChecked == static_cast<long long>(f.auditTrail().size()));
    CHECK(report.eventsChecked >= 5);
}
