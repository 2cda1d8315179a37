// Staff administration over HTTPS, and the audit trail it leaves: listed by the
// API, verified by `clinic-hub audit verify`, and caught when edited on disk.
#include "sqlite_file.h"
#include "test_support.h"

using namespace hub::it;

namespace {

struct AuditRow {
    std::string id, action, outcome, actorUsername, objectId, detail;
};

std::vector<AuditRow> auditEvents(HubClient& admin, const std::string& query = "?limit=500") {
    const auto r = admin.get("/api/v1/audit-events" + query);
    INFO(r.describe());
    REQUIRE(r.status == 200);
    std::vector<AuditRow> rows;
    const auto events = r.json->getArray("events");
    for (std::size_t i = 0; i < events->size(); ++i) {
        const auto e = events->getObject(static_cast<unsigned>(i));
        rows.push_back({e->getValue<std::string>("id"), e->getValue<std::string>("action"),
                        e->getValue<std::string>("outcome"), e->getValue<std::string>("actor_username"),
                        e->getValue<std::string>("object_id"), e->getValue<std::string>("detail")});
    }
    return rows;
}

const AuditRow* findEvent(const std::vector<AuditRow>& rows, const std::string& action, const std::string& outcome,
                     const std::string& actor = "") {
    for (const auto& r : rows)
        if (r.action == action && r.outcome == outcome && (actor.empty() || r.actorUsername == actor)) return &r;
    return nullptr;
}

}  // namespace

TEST_CASE("an admin creates staff: 201, a duplicate username is 409 naming username, a weak password 400 naming "
          "password",
          "[integration][staff]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto admin = signedIn(hub, "admin");

    const auto created = admin->post("/api/v1/staff", newStaffBody("farida", "receptionist"));
    INFO(created.describe());
    REQUIRE(created.status == 201);
    CHECK(created.json->getValue<std::string>("username") == "farida");
    CHECK(created.json->getValue<std::string>("role") == "receptionist");
    CHECK_FALSE(created.json->getValue<bool>("disabled"));
    CHECK_FALSE(created.json->getValue<std::string>("id").empty());
    CHECK_FALSE(created.json->has("password"));
    CHECK(staffUsernames(*admin).count("farida") == 1);

    const auto duplicate = admin->post("/api/v1/staff", newStaffBody("farida", "nurse", "another-password-2"));
    INFO(duplicate.describe());
    CHECK(duplicate.status == 409);
    checkErrorShape(duplicate);
    CHECK(duplicate.errorField() == "username");

    for (const std::string weak : {"short", "123456789", "karim.weak"}) {
        const auto r = admin->post("/api/v1/staff", newStaffBody("karim.weak", "nurse", weak));
        INFO("password '" << weak << "': " << r.describe());
        CHECK(r.status == 400);
        checkErrorShape(r);
        CHECK(r.errorField() == "password");
    }
    CHECK(staffUsernames(*admin).count("karim.weak") == 0);

    // The new member signs in with the password the admin set.
    auto farida = signedIn(hub, "farida", "a-fine-password-1");
    CHECK(farida->get("/api/v1/auth/me").json->getObject("user")->getValue<std::string>("role") == "receptionist");
}

TEST_CASE("disabling a staff member refuses their live session at once", "[integration][staff]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto admin = signedIn(hub, "admin");
    auto nurse = signedIn(hub, "nurse.akter");
    REQUIRE(nurse->get("/api/v1/auth/me").status == 200);

    const auto r = admin->patch("/api/v1/staff/" + nurse->userId(), json({{"disabled", true}}));
    INFO(r.describe());
    REQUIRE(r.status == 200);
    CHECK(r.json->getValue<bool>("disabled"));

    const auto refused = nurse->get("/api/v1/auth/me");
    INFO(refused.describe());
    CHECK(refused.status == 401);
    checkErrorShape(refused);
    const auto again = hub.client()->login("nurse.akter", demoPassword);
    CHECK(again.status == 401);

    // Enabled again, they may sign in again (the old session stays ended).
    REQUIRE(admin->patch("/api/v1/staff/" + nurse->userId(), json({{"disabled", false}})).status == 200);
    CHECK(nurse->get("/api/v1/auth/me").status == 401);
    CHECK(hub.client()->login("nurse.akter", demoPassword).status == 200);
}

TEST_CASE("the last active admin can be neither disabled nor demoted", "[integration][staff]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto admin = signedIn(hub, "admin");
    const std::string self = "/api/v1/staff/" + admin->userId();

    const auto disable = admin->patch(self, json({{"disabled", true}}));
    INFO(disable.describe());
    CHECK(disable.status == 409);
    checkErrorShape(disable);
    CHECK(disable.errorField() == "disabled");
    const auto demote = admin->patch(self, json({{"role", "receptionist"}}));
    INFO(demote.describe());
    CHECK(demote.status == 409);
    CHECK(demote.errorField() == "role");
    CHECK(admin->get("/api/v1/auth/me").status == 200);

    // With a second admin, the first may step down.
    const auto second = admin->post("/api/v1/staff", newStaffBody("second.admin", "admin"));
    REQUIRE(second.status == 201);
    const auto stepDown = admin->patch(self, json({{"role", "receptionist"}}));
    INFO(stepDown.describe());
    CHECK(stepDown.status == 200);
}

TEST_CASE("the audit trail lists sign-ins, staff changes and refusals, and audit verify catches an edited event",
          "[integration][audit]") {
    HubDataDir dir;
    HubProcess hub(dir);
    REQUIRE(hub.client()->login("admin", "wrong-password-1").status == 401);
    REQUIRE(hub.client()->login("ghost.user", "wrong-password-1").status == 401);
    auto admin = signedIn(hub, "admin");
    const auto created = admin->post("/api/v1/staff", newStaffBody("audited.one", "nurse"));
    REQUIRE(created.status == 201);
    const std::string newId = created.json->getValue<std::string>("id");
    auto cashier = signedIn(hub, "cashier");
    REQUIRE(cashier->get("/api/v1/staff").status == 403);

    const auto events = auditEvents(*admin);
    REQUIRE(findEvent(events, "login", "success", "admin"));
    REQUIRE(findEvent(events, "login", "success", "cashier"));
    // Failed sign-ins from one address within a minute are one row with the counts
    // and the usernames (an unknown one cut and marked); reading the trail writes it.
    const auto* failed = findEvent(events, "login", "failure", "(2 usernames)");
    REQUIRE(failed);
    CHECK(failed->detail.find("2 failed sign-ins") != std::string::npos);
    CHECK(failed->detail.find("1 wrong password") != std::string::npos);
    CHECK(failed->detail.find("admin") != std::string::npos);
    CHECK(failed->detail.find("ghost.user (no such account)") != std::string::npos);
    CHECK(failed->detail.find("wrong-password") == std::string::npos);
    const auto* create = findEvent(events, "staff.create", "success", "admin");
    REQUIRE(create);
    CHECK(create->objectId == newId);
    REQUIRE(findEvent(events, "listStaff", "denied", "cashier"));
    // Newest first.
    REQUIRE(events.size() >= 2);
    CHECK(std::stoll(events.front().id) > std::stoll(events.back().id));

    SECTION("filters and pages") {
        const auto logins = auditEvents(*admin, "?action=login&limit=500");
        REQUIRE_FALSE(logins.empty());
        for (const auto& e : logins) CHECK(e.action == "login");
        const auto page = admin->get("/api/v1/audit-events?limit=2");
        REQUIRE(page.status == 200);
        CHECK(page.json->getArray("events")->size() == 2);
        const std::string next = page.json->getValue<std::string>("next_before_id");
        const auto older = auditEvents(*admin, "?limit=2&before_id=" + next);
        REQUIRE_FALSE(older.empty());
        CHECK(std::stoll(older.front().id) < std::stoll(next));
    }

    SECTION("audit verify passes, then fails naming the event edited on disk") {
        const auto intact = dir.cli({"audit", "verify"});
        INFO(intact.describe());
        CHECK(intact.succeeded());
        CHECK(intact.out.find("intact") != std::string::npos);

        REQUIRE(hub.stop().exitedWith(0));
        const std::string tampered = create->id;
        {
            SqliteFile db(dir.database(), SqliteFile::Mode::ReadWrite);
            // The trigger refuses the edit: someone with a shell drops it first.
            CHECK_THROWS(db.execute("UPDATE audit_events SET detail = 'role=cashier' WHERE id = " + tampered));
            db.execute("DROP TRIGGER audit_events_no_update");
            db.execute("UPDATE audit_events SET detail = 'role=cashier' WHERE id = " + tampered);
            CHECK(db.queryText("SELECT detail FROM audit_events WHERE id = " + tampered) == "role=cashier");
        }
        const auto broken = dir.cli({"audit", "verify"});
        INFO(broken.describe());
        CHECK_FALSE(broken.status.exitedWith(0));
        CHECK(broken.out.find("BROKEN") != std::string::npos);
        CHECK(broken.out.find("event " + tampered + " ") != std::string::npos);
    }
}
