// Named displays and what feeds them, on a real temporary database: settings
// and their checks, the admin service (audited), the display projection (no
// patient data beyond an optional initial), and the queue feed's events.
#include "queue_test_support.h"

#include "hub/api/routes/display_routes.h"
#include "hub/display/display_json.h"
#include "hub/display/display_service.h"
#include "hub/display/queue_feed.h"
#include "hub/opd/visit_json.h"

#include "support/catch.h"

using namespace hub;
using namespace hub::testing;

namespace {

struct DisplayFixture : QueueFixture {
    events::EventJournal journal{64, 1};
    display::QueueFeed feed{*db, clock, journal};
    opd::QueueService liveQueue{*db, clock, audit, &feed};
    display::DisplayService displays{*db, clock, audit, feed};

    auth::ActorContext admin() const { return actor(adminMember); }
    domain::Display create(std::vector<long long> doctorIds = {}, bool showInitial = false) {
        domain::DisplaySettings s;
        s.name = "Waiting room TV";
        s.doctorIds = std::move(doctorIds);
        s.showInitial = showInitial;
        return displays.createDisplay(admin(), s);
    }
    opd::TokenView checkInLive(const domain::StaffMember& doctor, const std::string& name) {
        return liveQueue.checkIn(reception(), {addPatient(name), doctor.id, "normal"});
    }
    std::vector<events::EventPtr> eventsSince(long long id) { return *journal.since(id); }
};

std::string textOf(const Poco::JSON::Object::Ptr& o) { return opd::jsonText(o); }

}  // namespace

TEST_CASE("display settings are checked field by field", "[display]") {
    domain::DisplaySettings s;
    s.name = "TV";
    CHECK_FALSE(domain::checkDisplaySettings(s));
    const auto fieldOf = [](domain::DisplaySettings bad) { return domain::checkDisplaySettings(bad).value().field; };
    auto bad = s;
    bad.name = "";
    CHECK(fieldOf(bad) == "name");
    bad = s;
    bad.notice = std::string(301, 'x');
    CHECK(fieldOf(bad) == "notice");
    bad.notice = "";
    for (int i = 0; i < 100; ++i) bad.notice += "ক";  // 100 characters, 300 bytes: fine
    CHECK_FALSE(domain::checkDisplaySettings(bad));
    bad = s;
    bad.doctorIds = {2, 2};
    CHECK(fieldOf(bad) == "doctor_ids");
    bad = s;
    bad.theme = "neon";
    CHECK(fieldOf(bad) == "theme");
    bad = s;
    bad.languages = "fr";
    CHECK(fieldOf(bad) == "languages");
    bad = s;
    bad.sound = "loud";
    CHECK(fieldOf(bad) == "sound");
}

TEST_CASE("a name's initial is its first letter, upper-cased when Latin", "[display]") {
    CHECK(domain::nameInitial("rahima begum") == "R");
    CHECK(domain::nameInitial("  Jamal") == "J");
    CHECK(domain::nameInitial("রহিমা বেগম") == "র");
    CHECK(domain::nameInitial("") == "");
}

TEST_CASE("admins create displays with unguessable keys: other roles may not: changes are audited", "[display]") {
    DisplayFixture f;
    const auto a = f.create(), b = f.create({f.doctorA.id});
    CHECK(a.key.size() == 22);
    CHECK(a.key.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos);
    CHECK(a.key != b.key);
    CHECK(f.lastAudit().action == "display.create");
    CHECK(f.lastAudit().objectId == std::to_string(b.id));

    CHECK(errorOf([&] { f.displays.listDisplays(f.reception()); })->first == ErrorCode::Forbidden);
    CHECK(errorOf([&] { f.displays.createDisplay(f.drA(), a.settings); })->first == ErrorCode::Forbidden);
    domain::DisplaySettings unknownDoctor = a.settings;
    unknownDoctor.doctorIds = {f.receptionistMember.id};
    CHECK(errorOf([&] { f.displays.createDisplay(f.admin(), unknownDoctor); }) ==
          std::make_pair(ErrorCode::InvalidInput, std::string("doctor_ids")));
    CHECK(f.displays.listDisplays(f.admin()).size() == 2);

    display::DisplayUpdate u;
    u.notice = "Friday: closed";
    u.doctorIds = std::vector<long long>{f.doctorB.id, f.doctorA.id};
    const auto changed = f.displays.updateDisplay(f.admin(), a.id, u);
    CHECK(changed.settings.notice == "Friday: closed");
    CHECK(changed.settings.doctorIds == std::vector<long long>{f.doctorB.id, f.doctorA.id});
    CHECK(changed.settings.name == "Waiting room TV");
    CHECK(changed.key == a.key);
    CHECK(f.lastAudit().action == "display.update");
    CHECK(errorOf([&] { f.displays.updateDisplay(f.admin(), 999, u); }) ==
          std::make_pair(ErrorCode::NotFound, std::string("id")));
    u.name = "";
    CHECK(errorOf([&] { f.displays.updateDisplay(f.admin(), a.id, u); }) ==
          std::make_pair(ErrorCode::InvalidInput, std::string("name")));
}

TEST_CASE("the display state shows per doctor the token now served, the next five and the count, and no patient",
          "[display]") {
    DisplayFixture f;
    for (int i = 0; i < 7; ++i) f.checkInLive(f.doctorA, "Rahima Begum");
    f.liveQueue.callNext(f.drA(), f.doctorA.id);
    const auto plain = f.create({f.doctorA.id});
    const auto withInitial = f.create({f.doctorA.id}, true);
    CHECK(errorOf([&] { f.displays.state("no-such-key"); }) == std::make_pair(ErrorCode::NotFound, std::string("key")));

    const auto state = f.displays.state(plain.key);
    CHECK(state.eventId == f.journal.lastId());
    CHECK(state.clinic.name == "Shanti Clinic");
    REQUIRE(state.doctors.size() == 1);
    const auto& board = state.doctors[0];
    REQUIRE(board.nowServing);
    CHECK(board.nowServing->label == "A-001");
    CHECK(board.next.size() == 5);
    CHECK(board.next.front().label == "A-002");
    CHECK(board.waitingCount == 6);

    const auto json = display::stateJson(state);
    CHECK_NOTHROW(api::validate(api::displayStateSchema(), Poco::Dynamic::Var(json)));
    const std::string text = textOf(json);
    CHECK(text.find("Rahima") == std::string::npos);
    CHECK(text.find("26-100001") == std::string::npos);  // the first patient's record number
    CHECK(text.find(R"("initial":)") == std::string::npos);
    CHECK(text.find(plain.key) == std::string::npos);
    const std::string initialText = textOf(display::stateJson(f.displays.state(withInitial.key)));
    CHECK(initialText.find(R"("initial":"R")") != std::string::npos);
    CHECK(initialText.find("Rahima") == std::string::npos);
    CHECK_NOTHROW(api::validate(api::displaySchema(true), Poco::Dynamic::Var(display::displayJson(plain, true))));
}

TEST_CASE("every queue change gives one staff event and one event per display showing the doctor", "[display]") {
    DisplayFixture f;
    const auto ofA = f.create({f.doctorA.id}), ofB = f.create({f.doctorB.id}), all = f.create({}, true);
    const long long before = f.journal.lastId();
    const auto token = f.checkInLive(f.doctorA, "Jamal Uddin");

    const auto events = f.eventsSince(before);
    REQUIRE(events.size() == 3);
    CHECK(events[0]->topic == display::staffTopic);
    const auto staff = opd::parseJsonText(events[0]->data).extract<Poco::JSON::Object::Ptr>();
    CHECK(staff->getValue<std::string>("type") == "check_in");
    CHECK(staff->getValue<std::string>("token_id") == std::to_string(token.row.token.id));
    CHECK(staff->getValue<std::string>("label") == "A-001");
    CHECK(events[0]->data.find("Jamal") == std::string::npos);

    CHECK(events[1]->topic == display::displayTopic(ofA.id));
    CHECK(events[2]->topic == display::displayTopic(all.id));
    for (const auto& e : {events[1], events[2]}) {
        const auto data = opd::parseJsonText(e->data).extract<Poco::JSON::Object::Ptr>();
        CHECK(data->getValue<std::string>("type") == "check_in");
        CHECK(data->getObject("doctor")->getValue<int>("waiting_count") == 1);
        CHECK(e->data.find("Jamal") == std::string::npos);
    }
    CHECK(events[1]->data.find(R"("initial":)") == std::string::npos);
    CHECK(events[2]->data.find(R"("initial":"J")") != std::string::npos);
    (void)ofB;
}

TEST_CASE("a display change puts its settings and a fresh snapshot on its stream", "[display]") {
    DisplayFixture f;
    const auto d = f.create();
    const long long before = f.journal.lastId();
    display::DisplayUpdate u;
    u.theme = "high-contrast";
    f.displays.updateDisplay(f.admin(), d.id, u);
    const auto events = f.eventsSince(before);
    REQUIRE(events.size() == 2);
    CHECK(events[0]->type == "display");
    CHECK(events[0]->topic == display::displayTopic(d.id));
    CHECK(events[0]->data.find(R"("theme":"high-contrast")") != std::string::npos);
    CHECK(events[0]->data.find(d.key) == std::string::npos);
    CHECK(events[1]->type == "snapshot");
    CHECK(events[1]->data.find(R"("event_id":)" + std::to_string(events[0]->id)) != std::string::npos);
}

TEST_CASE("at the clinic's midnight every screen gets an empty board and staff screens a day event, once",
          "[display]") {
    DisplayFixture f;
    const auto d = f.create({f.doctorA.id});
    for (int i = 0; i < 3; ++i) f.checkInLive(f.doctorA, "Rahima Begum");
    f.liveQueue.callNext(f.drA(), f.doctorA.id);

    f.feed.noticeDayTurn();  // notes today
    long long before = f.journal.lastId();
    f.clock.advance(std::chrono::hours(2));
    f.feed.noticeDayTurn();
    CHECK(f.eventsSince(before).empty());  // the same day: nothing

    // Half-hourly checks from the morning until the clinic's day turns.
    const std::string yesterday = f.displays.state(d.key).clinic.clinicDay;
    while (f.displays.state(d.key).clinic.clinicDay == yesterday) {
        f.clock.advance(std::chrono::minutes(30));
        before = f.journal.lastId();
        f.feed.noticeDayTurn();
        if (f.displays.state(d.key).clinic.clinicDay == yesterday) REQUIRE(f.eventsSince(before).empty());
    }
    // The fixture's clinic is in Dhaka: the first check at or past 18:00 UTC saw the turn.
    CHECK(toUnixSeconds(f.clock.now()) % 86400 == 18 * 3600);
    const auto events = f.eventsSince(before);
    REQUIRE(events.size() == 2);
    CHECK(events[0]->topic == display::staffTopic);
    CHECK(events[0]->type == "day");
    const std::string today = f.displays.state(d.key).clinic.clinicDay;
    CHECK(events[0]->data == R"({"clinic_day":")" + today + R"("})");
    CHECK(events[1]->topic == display::displayTopic(d.id));
    CHECK(events[1]->type == "snapshot");
    const auto snapshot = opd::parseJsonText(events[1]->data).extract<Poco::JSON::Object::Ptr>();
    CHECK_NOTHROW(api::validate(api::displayStateSchema(), Poco::Dynamic::Var(snapshot)));
    CHECK(events[1]->data.find("A-001") == std::string::npos);  // yesterday's tokens are gone
    CHECK(events[1]->data.find(today) != std::string::npos);

    before = f.journal.lastId();
    f.feed.noticeDayTurn();
    CHECK(f.eventsSince(before).empty());  // told once
}

TEST_CASE("an admin removes a display or gives it a new key: the old key stops opening it, audited without the key",
          "[display]") {
    DisplayFixture f;
    const auto kept = f.create(), target = f.create({f.doctorA.id});
    unsigned long long keptSeen = f.displays.keysVersion(), targetSeen = f.displays.keysVersion();
    CHECK(f.displays.keyStillValid(target.key, targetSeen));

    CHECK(errorOf([&] { f.displays.deleteDisplay(f.reception(), target.id); })->first == ErrorCode::Forbidden);
    CHECK(errorOf([&] { f.displays.rotateKey(f.drA(), target.id); })->first == ErrorCode::Forbidden);
    CHECK(errorOf([&] { f.displays.deleteDisplay(f.admin(), 999); }) == std::make_pair(ErrorCode::NotFound, std::string("id")));
    CHECK(errorOf([&] { f.displays.rotateKey(f.admin(), 999); }) == std::make_pair(ErrorCode::NotFound, std::string("id")));
    CHECK(f.displays.keysVersion() == keptSeen);  // refusals change nothing

    SECTION("a new key") {
        const auto rotated = f.displays.rotateKey(f.admin(), target.id);
        CHECK(rotated.id == target.id);
        CHECK(rotated.key.size() == 22);
        CHECK(rotated.key != target.key);
        CHECK(rotated.settings.doctorIds == target.settings.doctorIds);
        CHECK(errorOf([&] { f.displays.state(target.key); }) == std::make_pair(ErrorCode::NotFound, std::string("key")));
        CHECK(f.displays.state(rotated.key).display.id == target.id);
        CHECK(f.lastAudit().action == "display.rotate_key");
        CHECK(f.lastAudit().detail.find(rotated.key) == std::string::npos);
        CHECK(f.lastAudit().detail.find(target.key) == std::string::npos);
        CHECK_FALSE(f.displays.keyStillValid(target.key, targetSeen));
    }
    SECTION("removed") {
        f.displays.deleteDisplay(f.admin(), target.id);
        CHECK(errorOf([&] { f.displays.state(target.key); }) == std::make_pair(ErrorCode::NotFound, std::string("key")));
        CHECK(f.displays.listDisplays(f.admin()).size() == 1);
        CHECK(f.lastAudit().action == "display.delete");
        CHECK(f.lastAudit().objectId == std::to_string(target.id));
        CHECK_FALSE(f.displays.keyStillValid(target.key, targetSeen));
        // Its doctor list went with it; the doctor is still there to show elsewhere.
        const auto again = f.create({f.doctorA.id});
        CHECK(again.settings.doctorIds == std::vector<long long>{f.doctorA.id});
    }
    // The other display's screens look once, find their key good, and stop asking.
    CHECK(f.displays.keyStillValid(kept.key, keptSeen));
    CHECK(keptSeen == f.displays.keysVersion());
}
