// The queue service on a real database: numbering, the clinic day, the moves
// of a token, transfers, vitals and visits, waits, events and audit.
#include "queue_test_support.h"

#include "hub/domain/clinic_day.h"
#include "hub/store/token_repository.h"

#include "support/catch.h"

#include <algorithm>
#include <sys/resource.h>
#include <set>
#include <thread>

using namespace hub;
using namespace hub::testing;
using domain::TokenState;
using std::chrono::minutes;
using std::chrono::seconds;

namespace {

using Refusal = std::optional<std::pair<ErrorCode, std::string>>;

// Vitals with only some fields set: VitalsOf().pulse(80).
struct VitalsOf {
    domain::Vitals v;
    VitalsOf& bp(int systolic, int diastolic) { v.bpSystolic = systolic; v.bpDiastolic = diastolic; return *this; }
    VitalsOf& systolic(int x) { v.bpSystolic = x; return *this; }
    VitalsOf& pulse(int x) { v.pulse = x; return *this; }
    VitalsOf& temperatureF(double x) { v.temperatureF = x; return *this; }
    VitalsOf& weightKg(double x) { v.weightKg = x; return *this; }
    VitalsOf& spo2(int x) { v.spo2 = x; return *this; }
    operator domain::Vitals() const { return v; }  // NOLINT: implicit on purpose
};

Refusal conflictOn(std::string field = {}) { return std::make_pair(ErrorCode::Conflict, std::move(field)); }

std::vector<std::string> labels(const std::vector<opd::TokenView>& views) {
    std::vector<std::string> out;
    for (const auto& v : views) out.push_back(v.row.token.label);
    return out;
}

}  // namespace

TEST_CASE("check-in issues each doctor's next token: A-001, A-002 ... and B-001", "[queue][numbering]") {
    QueueFixture f;
    const auto first = f.checkInNew(f.doctorA);
    const auto second = f.checkInNew(f.doctorA);
    const auto other = f.checkInNew(f.doctorB);
    CHECK(first.row.token.label == "A-001");
    CHECK(second.row.token.label == "A-002");
    CHECK(second.row.token.number == 2);
    CHECK(other.row.token.label == "B-001");
    CHECK(first.row.token.clinicDay == "2026-11-24");
    CHECK(first.row.token.state == TokenState::Waiting);
    CHECK(second.position == 2);
    CHECK(second.row.patient.name == "Patient 2");
    CHECK(second.row.patient.mrn == "26-100002");
    CHECK(first.utcOffsetMinutes == 360);
}

TEST_CASE("shared numbering runs one sequence across doctors, each token with its doctor's prefix",
          "[queue][numbering]") {
    QueueFixture f;
    f.setNumbering(domain::TokenNumbering::Shared);
    CHECK(f.checkInNew(f.doctorA).row.token.label == "A-001");
    CHECK(f.checkInNew(f.doctorB).row.token.label == "B-002");
    CHECK(f.checkInNew(f.doctorA).row.token.label == "A-003");
}

TEST_CASE("numbering restarts at midnight in the clinic's timezone, not UTC", "[queue][numbering][clinic-day]") {
    QueueFixture f;
    f.clock.set(fromUnixSeconds(1'795'543'199));  // 2026-11-24 23:59:59 in Dhaka, 17:59:59 UTC
    f.checkInNew(f.doctorA);
    const auto late = f.checkInNew(f.doctorA);
    CHECK(late.row.token.label == "A-002");
    CHECK(late.row.token.clinicDay == "2026-11-24");
    f.clock.advance(seconds(1));  // 00:00:00 on the 25th in Dhaka, still the 24th in UTC
    const auto early = f.checkInNew(f.doctorA);
    CHECK(early.row.token.label == "A-001");
    CHECK(early.row.token.clinicDay == "2026-11-25");
    // Today's queue is the new day's; yesterday's waiting tokens are not in it.
    const auto q = f.queue.getQueue(f.reception(), f.doctorA.id);
    CHECK(q.clinicDay == "2026-11-25");
    CHECK(labels(q.waiting) == std::vector<std::string>{"A-001"});
}

TEST_CASE("receptionists checking in at the same moment never get the same number", "[queue][numbering][concurrency]") {
    QueueFixture f;
    constexpr int threads = 8, perThread = 25;
    std::vector<std::vector<long long>> patients(threads);
    for (auto& list : patients)
        for (int i = 0; i < perThread; ++i) list.push_back(f.addPatient());
    std::vector<std::vector<int>> numbers(threads);
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            for (long long patient : patients[static_cast<std::size_t>(t)])
                numbers[static_cast<std::size_t>(t)].push_back(f.checkIn(patient, f.doctorA).row.token.number);
        });
    }
    for (auto& w : workers) w.join();
    std::vector<int> all;
    for (const auto& n : numbers) all.insert(all.end(), n.begin(), n.end());
    std::sort(all.begin(), all.end());
    constexpr std::size_t total = threads * perThread;
    REQUIRE(all.size() == total);
    for (std::size_t i = 0; i < all.size(); ++i) CHECK(all[i] == static_cast<int>(i) + 1);  // unique and gapless
    CHECK(f.sink.events().size() == total);
}

TEST_CASE("priority check-ins go ahead of normal tokens, in check-in order among themselves", "[queue][priority]") {
    QueueFixture f;
    f.checkInNew(f.doctorA);                                   // A-001 normal
    f.clock.advance(minutes(1));
    f.checkInNew(f.doctorA);                                   // A-002 normal
    f.clock.advance(minutes(1));
    const auto elderly = f.checkInNew(f.doctorA, "elderly");
    f.clock.advance(minutes(1));
    const auto emergency = f.checkInNew(f.doctorA, "emergency");
    CHECK(elderly.position == 1);
    CHECK(emergency.position == 2);
    CHECK(labels(f.queue.getQueue(f.reception(), f.doctorA.id).waiting) ==
          std::vector<std::string>{"A-003", "A-004", "A-001", "A-002"});
    CHECK(f.queue.callNext(f.reception(), f.doctorA.id).row.token.label == "A-003");

    SECTION("a priority outside the list is refused naming priority") {
        CHECK(errorOf([&] { f.checkInNew(f.doctorA, "vip"); }) ==
              Refusal{std::make_pair(ErrorCode::InvalidInput, std::string("priority"))});
    }
}

TEST_CASE("a token that was never called cannot be completed", "[queue][transitions]") {
    QueueFixture f;
    const auto t = f.checkInNew(f.doctorA);
    CHECK(errorOf([&] { f.queue.complete(f.drA(), t.row.token.id); }) == conflictOn());
    // Nothing changed, and the refusal is in the audit trail with the patient.
    CHECK(f.queue.getQueue(f.reception(), f.doctorA.id).waiting.size() == 1);
    const auto trail = f.auditTrail();
    const auto refused = std::find_if(trail.begin(), trail.end(), [](const auto& r) { return r.action == "queue.complete"; });
    REQUIRE(refused != trail.end());
    CHECK(refused->outcome == "failure");
    CHECK(refused->patientId == t.row.patient.id);
}

TEST_CASE("every move the state machine does not allow is refused with Conflict", "[queue][transitions]") {
    QueueFixture f;
    const auto t = f.checkInNew(f.doctorA);
    const long long id = t.row.token.id;
    CHECK(errorOf([&] { f.queue.recall(f.reception(), id); }) == conflictOn());   // waiting: not called yet
    CHECK(errorOf([&] { f.queue.skip(f.reception(), id); }) == conflictOn());
    CHECK(errorOf([&] { f.queue.restore(f.reception(), id); }) == conflictOn());
    f.queue.callNext(f.reception(), f.doctorA.id);
    CHECK(errorOf([&] { f.queue.callNext(f.reception(), f.doctorA.id); }) == conflictOn());  // one at the door
    f.queue.startConsultation(f.drA(), id);
    CHECK(errorOf([&] { f.queue.cancel(f.reception(), id); }) == conflictOn());
    CHECK(errorOf([&] { f.queue.transfer(f.reception(), id, f.doctorB.id); }) == conflictOn());
    CHECK(errorOf([&] { f.queue.startConsultation(f.drA(), id); }) == conflictOn());
    f.queue.complete(f.drA(), id);
    CHECK(errorOf([&] { f.queue.complete(f.drA(), id); }) == conflictOn());
    CHECK(errorOf([&] { f.queue.callNext(f.reception(), f.doctorA.id); }) == conflictOn());  // no one waiting
}

TEST_CASE("a doctor has at most one patient in consultation", "[queue][transitions]") {
    QueueFixture f;
    const auto first = f.checkInNew(f.doctorA);
    const auto second = f.checkInNew(f.doctorA);
    f.queue.startConsultation(f.drA(), first.row.token.id);
    CHECK(errorOf([&] { f.queue.startConsultation(f.drA(), second.row.token.id); }) == conflictOn());
    CHECK(errorOf([&] { f.queue.callNext(f.reception(), f.doctorA.id); }) == conflictOn());

    SECTION("even one left in consultation on an earlier day") {
        f.clock.advance(std::chrono::hours(24));
        const auto today = f.checkInNew(f.doctorA);
        CHECK(errorOf([&] { f.queue.startConsultation(f.drA(), today.row.token.id); }) == conflictOn());
        // Completing yesterday's frees the room.
        f.queue.complete(f.drA(), first.row.token.id);
        CHECK(f.queue.startConsultation(f.drA(), today.row.token.id).row.token.state == TokenState::InConsultation);
    }
    SECTION("and another doctor's consultation does not block this one") {
        const auto b = f.checkInNew(f.doctorB);
        CHECK(f.queue.startConsultation(f.drB(), b.row.token.id).row.token.state == TokenState::InConsultation);
    }
}

TEST_CASE("only the token's own doctor starts and completes it", "[queue][permissions]") {
    QueueFixture f;
    const auto t = f.checkInNew(f.doctorA);
    CHECK(errorOf([&] { f.queue.startConsultation(f.drB(), t.row.token.id); }) ==
          Refusal{std::make_pair(ErrorCode::Forbidden, std::string())});
    // The service checks the role itself, behind the router.
    CHECK(errorOf([&] { f.queue.startConsultation(f.reception(), t.row.token.id); }) ==
          Refusal{std::make_pair(ErrorCode::Forbidden, std::string())});
    CHECK(f.lastAudit().outcome == "denied");
    CHECK(errorOf([&] { f.queue.checkIn(f.actor(f.adminMember), {f.addPatient(), f.doctorA.id, "normal"}); }) ==
          std::nullopt);
}

TEST_CASE("a skipped token can be restored and keeps its place", "[queue][transitions]") {
    QueueFixture f;
    const auto first = f.checkInNew(f.doctorA);
    f.clock.advance(minutes(1));
    f.checkInNew(f.doctorA);
    const auto called = f.queue.callNext(f.reception(), f.doctorA.id);
    CHECK(called.row.token.id == first.row.token.id);
    const auto skipped = f.queue.skip(f.reception(), first.row.token.id);
    CHECK(skipped.row.token.state == TokenState::Skipped);
    CHECK_FALSE(skipped.position);
    auto q = f.queue.getQueue(f.reception(), f.doctorA.id);
    CHECK(labels(q.finished) == std::vector<std::string>{"A-001"});
    const auto restored = f.queue.restore(f.reception(), first.row.token.id);
    CHECK(restored.row.token.state == TokenState::Waiting);
    CHECK(restored.position == 1);
    CHECK_FALSE(restored.row.token.calledAt);
    q = f.queue.getQueue(f.reception(), f.doctorA.id);
    CHECK(labels(q.waiting) == std::vector<std::string>{"A-001", "A-002"});
    CHECK(q.finished.empty());
}

TEST_CASE("recall calls the same token again and counts it", "[queue][transitions]") {
    QueueFixture f;
    const auto t = f.checkInNew(f.doctorA);
    f.queue.callNext(f.reception(), f.doctorA.id);
    f.clock.advance(minutes(2));
    const auto recalled = f.queue.recall(f.reception(), t.row.token.id);
    CHECK(recalled.row.token.recallCount == 1);
    CHECK(recalled.row.token.calledAt == f.clock.now());
    const auto q = f.queue.getQueue(f.reception(), f.doctorA.id);
    REQUIRE(q.nowServing.size() == 1);
    CHECK(q.nowServing[0].row.token.state == TokenState::Called);
}

TEST_CASE("a transfer keeps the patient's place by original check-in time in the other queue", "[queue][transfer]") {
    QueueFixture f;
    const auto early = f.checkInNew(f.doctorA, "pregnant");  // 09:00
    f.clock.advance(minutes(10));
    f.checkInNew(f.doctorB);  // B-001 at 09:10
    f.clock.advance(minutes(10));
    f.checkInNew(f.doctorB);  // B-002 at 09:20
    f.clock.advance(minutes(10));

    const auto moved = f.queue.transfer(f.reception(), early.row.token.id, f.doctorB.id);
    CHECK(moved.row.token.label == "B-003");
    CHECK(moved.row.token.doctorId == f.doctorB.id);
    CHECK(moved.row.token.patientId == early.row.token.patientId);
    CHECK(moved.row.token.queuedAt == early.row.token.queuedAt);
    CHECK(moved.row.checkedInAt == f.clock.now());
    CHECK(moved.row.token.priority == domain::Priority::Pregnant);
    CHECK(moved.row.token.transferredFrom == early.row.token.id);
    CHECK(moved.position == 1);  // priority, and the earliest check-in

    const auto a = f.queue.getQueue(f.reception(), f.doctorA.id);
    REQUIRE(a.finished.size() == 1);
    CHECK(a.finished[0].row.token.state == TokenState::Transferred);
    CHECK(a.finished[0].row.token.transferredTo == moved.row.token.id);
    CHECK(a.waiting.empty());

    SECTION("a normal token transferred keeps its place by time among normal tokens") {
        const auto normal = f.checkInNew(f.doctorA);  // 09:30
        f.clock.advance(minutes(10));
        f.checkInNew(f.doctorB);  // B-004 at 09:40
        const auto n = f.queue.transfer(f.reception(), normal.row.token.id, f.doctorB.id);
        CHECK(n.row.token.label == "B-005");
        CHECK(labels(f.queue.getQueue(f.reception(), f.doctorB.id).waiting) ==
              std::vector<std::string>{"B-003", "B-001", "B-002", "B-005", "B-004"});
    }
    SECTION("not to the same doctor, nor to a disabled one, nor twice") {
        const auto t = f.checkInNew(f.doctorA);
        CHECK(errorOf([&] { f.queue.transfer(f.reception(), t.row.token.id, f.doctorA.id); }) == conflictOn("doctor_id"));
        CHECK(errorOf([&] { f.queue.transfer(f.reception(), early.row.token.id, f.doctorB.id); }) == conflictOn());
        auth::setDisabledByUsername({*f.db, f.clock, f.hasher, f.audit}, "dr.akter", true);
        CHECK(errorOf([&] { f.queue.transfer(f.reception(), t.row.token.id, f.doctorB.id); }) == conflictOn("doctor_id"));
    }
}

TEST_CASE("unknown doctors, patients and tokens are NotFound naming the field", "[queue][errors]") {
    QueueFixture f;
    const long long patient = f.addPatient();
    auto notFound = [](std::string field) { return Refusal{std::make_pair(ErrorCode::NotFound, std::move(field))}; };
    CHECK(errorOf([&] { f.queue.checkIn(f.reception(), {patient, 9999, "normal"}); }) == notFound("doctor_id"));
    CHECK(errorOf([&] { f.queue.checkIn(f.reception(), {9999, f.doctorA.id, "normal"}); }) == notFound("patient_id"));
    CHECK(errorOf([&] { f.queue.checkIn(f.reception(), {patient, f.nurseMember.id, "normal"}); }) == notFound("doctor_id"));
    CHECK(errorOf([&] { f.queue.getQueue(f.reception(), 9999); }) == notFound("doctor_id"));
    CHECK(errorOf([&] { f.queue.callNext(f.reception(), 9999); }) == notFound("doctor_id"));
    CHECK(errorOf([&] { f.queue.skip(f.reception(), 9999); }) == notFound("id"));
    CHECK(errorOf([&] { f.queue.transfer(f.reception(), 9999, f.doctorB.id); }) == notFound("id"));
    CHECK(errorOf([&] { f.queue.recordVitals(f.nurse(), 9999, VitalsOf().pulse(80)); }) == notFound("id"));
    const auto t = f.checkInNew(f.doctorA);
    CHECK(errorOf([&] { f.queue.transfer(f.reception(), t.row.token.id, 9999); }) == notFound("doctor_id"));
}

TEST_CASE("a disabled doctor's queue takes no check-ins", "[queue][errors]") {
    QueueFixture f;
    auth::setDisabledByUsername({*f.db, f.clock, f.hasher, f.audit}, "dr.rahman", true);
    CHECK(errorOf([&] { f.checkInNew(f.doctorA); }) == conflictOn("doctor_id"));
    CHECK(f.checkInNew(f.doctorB).row.token.label == "B-001");
}

TEST_CASE("starting a consultation opens a draft visit linked to the token and its latest vitals",
          "[queue][visit][vitals]") {
    QueueFixture f;
    const auto t = f.checkInNew(f.doctorA);
    f.queue.recordVitals(f.nurse(), t.row.token.id, VitalsOf().bp(120, 80));
    f.clock.advance(minutes(5));
    const auto latest = f.queue.recordVitals(f.nurse(), t.row.token.id, VitalsOf().pulse(88).weightKg(61.5));
    CHECK(latest.record.patientId == t.row.patient.id);
    CHECK(latest.record.recordedBy == f.nurseMember.id);

    const auto started = f.queue.startConsultation(f.drA(), t.row.token.id);
    REQUIRE(started.row.visitId);
    struct Row {
        long long patient, doctor, token, vitals;
        std::string status;
    };
    const auto visit = f.db->read([&](store::Connection& c) {
        auto q = c.prepare("SELECT patient_id, doctor_id, token_id, vitals_id, status FROM visits WHERE id = ?1");
        q->bind(1, static_cast<int64_t>(*started.row.visitId));
        REQUIRE(q->executeStep());
        return Row{q->getColumn(0).getInt64(), q->getColumn(1).getInt64(), q->getColumn(2).getInt64(),
                   q->getColumn(3).getInt64(), q->getColumn(4).getString()};
    });
    CHECK(visit.patient == t.row.patient.id);
    CHECK(visit.doctor == f.doctorA.id);
    CHECK(visit.token == t.row.token.id);
    CHECK(visit.vitals == latest.record.id);
    CHECK(visit.status == "draft");
    // The queue shows the visit beside the token in consultation.
    const auto q = f.queue.getQueue(f.drA(), f.doctorA.id);
    REQUIRE(q.nowServing.size() == 1);
    CHECK(q.nowServing[0].row.visitId == started.row.visitId);

    SECTION("vitals taken before a transfer follow the patient") {
        const auto other = f.checkInNew(f.doctorA);
        const auto v = f.queue.recordVitals(f.nurse(), other.row.token.id, VitalsOf().spo2(97));
        const auto moved = f.queue.transfer(f.reception(), other.row.token.id, f.doctorB.id);
        const auto s = f.queue.startConsultation(f.drB(), moved.row.token.id);
        const auto linked = f.db->read([&](store::Connection& c) {
            auto sel = c.prepare("SELECT vitals_id FROM visits WHERE id = ?1");
            sel->bind(1, static_cast<int64_t>(*s.row.visitId));
            sel->executeStep();
            return sel->getColumn(0).getInt64();
        });
        CHECK(linked == v.record.id);
    }

    SECTION("vitals taken during the consultation appear on the open visit, not on a finalized one") {
        const auto visitVitals = [&] {
            return f.db->read([&](store::Connection& c) {
                auto sel = c.prepare("SELECT vitals_id FROM visits WHERE id = ?1");
                sel->bind(1, static_cast<int64_t>(*started.row.visitId));
                REQUIRE(sel->executeStep());
                return sel->getColumn(0).getInt64();
            });
        };
        f.clock.advance(minutes(2));
        const auto during = f.queue.recordVitals(f.nurse(), t.row.token.id, VitalsOf().bp(150, 95));
        CHECK(visitVitals() == during.record.id);

        f.db->write([&](store::Connection& c) {
            auto fin = c.prepare("UPDATE visits SET status = 'finalized', finalized_at = updated_at WHERE id = ?1");
            fin->bind(1, static_cast<int64_t>(*started.row.visitId));
            fin->exec();
        });
        f.queue.recordVitals(f.nurse(), t.row.token.id, VitalsOf().pulse(70));
        CHECK(visitVitals() == during.record.id);
    }
}

TEST_CASE("implausible vitals are refused naming the field", "[queue][vitals]") {
    QueueFixture f;
    const auto t = f.checkInNew(f.doctorA);
    const long long id = t.row.token.id;
    auto invalid = [](std::string field) { return Refusal{std::make_pair(ErrorCode::InvalidInput, std::move(field))}; };
    CHECK(errorOf([&] { f.queue.recordVitals(f.nurse(), id, VitalsOf().pulse(720)); }) == invalid("vitals.pulse"));
    CHECK(errorOf([&] { f.queue.recordVitals(f.nurse(), id, VitalsOf().temperatureF(1002.0)); }) == invalid("vitals.temperature_f"));
    CHECK(errorOf([&] { f.queue.recordVitals(f.nurse(), id, VitalsOf().systolic(120)); }) == invalid("vitals.bp_diastolic"));
    CHECK(errorOf([&] { f.queue.recordVitals(f.nurse(), id, {}); }) == invalid("vitals"));
    CHECK(f.db->read([](store::Connection& c) {
        auto q = c.prepare("SELECT count(*) FROM vitals");
        q->executeStep();
        return q->getColumn(0).getInt();
    }) == 0);

    SECTION("and are not taken for a token that is closed") {
        f.queue.cancel(f.reception(), id);
        CHECK(errorOf([&] { f.queue.recordVitals(f.nurse(), id, VitalsOf().pulse(80)); }) == conflictOn());
    }
}

TEST_CASE("each waiting token's estimated wait comes from the doctor's recent consultations", "[queue][wait]") {
    QueueFixture f;
    std::vector<opd::TokenView> tokens;
    for (int i = 0; i < 5; ++i) tokens.push_back(f.checkInNew(f.doctorA));
    // Before any consultation: 5 minutes each.
    CHECK(tokens[2].estimatedWaitMinutes == 10);
    auto consult = [&](const opd::TokenView& t, minutes length) {
        f.queue.startConsultation(f.drA(), t.row.token.id);
        f.clock.advance(length);
        f.queue.complete(f.drA(), t.row.token.id);
    };
    consult(tokens[0], minutes(10));
    consult(tokens[1], minutes(20));  // average now 15
    auto q = f.queue.getQueue(f.reception(), f.doctorA.id);
    CHECK(q.averageConsultationMinutes == 15);
    REQUIRE(q.waiting.size() == 3);
    CHECK(q.waiting[0].estimatedWaitMinutes == 0);
    CHECK(q.waiting[1].estimatedWaitMinutes == 15);
    CHECK(q.waiting[2].estimatedWaitMinutes == 30);
    CHECK(q.waiting[2].position == 3);

    // The patient inside counts for what is left of an average consultation, rounded up.
    f.queue.startConsultation(f.drA(), tokens[2].row.token.id);
    f.clock.advance(seconds(4 * 60 + 30));
    q = f.queue.getQueue(f.reception(), f.doctorA.id);
    CHECK(q.waiting[0].estimatedWaitMinutes == 11);  // 15:00 - 4:30 = 10:30
    CHECK(q.waiting[1].estimatedWaitMinutes == 26);
    CHECK(labels(q.finished) == std::vector<std::string>{"A-002", "A-001"});  // latest first
    CHECK(labels(q.nowServing) == std::vector<std::string>{"A-003"});
}

TEST_CASE("queue events are published in order, after the commit, and never for a refused move", "[queue][events]") {
    QueueFixture f;
    const auto a = f.checkInNew(f.doctorA);
    const auto b = f.checkInNew(f.doctorA);
    const long long id = a.row.token.id;
    f.queue.callNext(f.reception(), f.doctorA.id);
    f.queue.recall(f.reception(), id);
    f.queue.skip(f.reception(), id);
    f.queue.restore(f.reception(), id);
    f.queue.startConsultation(f.drA(), id);
    f.queue.complete(f.drA(), id);
    f.queue.transfer(f.reception(), b.row.token.id, f.doctorB.id);
    const auto c = f.checkInNew(f.doctorA);
    f.queue.cancel(f.reception(), c.row.token.id);
    CHECK(f.sink.types() == std::vector<std::string>{"check_in", "check_in", "call", "recall", "skip", "restore",
                                                     "start", "complete", "transfer", "transfer", "check_in", "cancel"});
    const auto events = f.sink.events();
    CHECK(events[0].label == "A-001");
    CHECK(events[0].doctorId == f.doctorA.id);
    CHECK(events[0].clinicDay == "2026-11-24");
    CHECK(events[0].at == dhakaMorning);
    CHECK(events[8].tokenId == b.row.token.id);  // the old token, in A's queue
    CHECK(events[9].doctorId == f.doctorB.id);   // the new one, in B's
    CHECK(events[9].label == "B-001");

    f.sink.clear();
    CHECK(errorOf([&] { f.queue.complete(f.drA(), id); }));
    CHECK(errorOf([&] { f.checkInNew(f.doctorA, "vip"); }));
    CHECK(f.sink.events().empty());

    SECTION("an event is published only once the transaction has committed") {
        // A sink that looks at the database from another connection when told.
        struct CommittedCheck final : opd::QueueEventSink {
            store::Database* db = nullptr;
            std::vector<std::string> states;
            void publish(const opd::QueueEvent& e) override {
                states.push_back(db->read([&](store::Connection& conn) {
                    auto q = conn.prepare("SELECT state FROM tokens WHERE id = ?1");
                    q->bind(1, static_cast<int64_t>(e.tokenId));
                    return q->executeStep() ? q->getColumn(0).getString() : std::string("missing");
                }));
            }
        } sink;
        sink.db = f.db.get();
        opd::QueueService service(*f.db, f.clock, f.audit, &sink);
        const auto t = service.checkIn(f.reception(), {f.addPatient(), f.doctorB.id, "normal"});
        service.callNext(f.reception(), f.doctorB.id);
        CHECK(sink.states == std::vector<std::string>{"waiting", "called"});
        CHECK(t.row.token.label == "B-002");
    }
}

TEST_CASE("each queue operation is audited with its patient in the same transaction", "[queue][audit]") {
    QueueFixture f;
    const auto t = f.checkInNew(f.doctorA);
    auto e = f.lastAudit();
    CHECK(e.action == "queue.check_in");
    CHECK(e.patientId == t.row.patient.id);
    CHECK(e.objectId == std::to_string(t.row.token.id));
    CHECK(e.detail == "A-001");
    CHECK(e.actorId == f.receptionistMember.id);
    CHECK(e.outcome == "success");

    f.queue.callNext(f.reception(), f.doctorA.id);
    CHECK(f.lastAudit().action == "queue.call");
    CHECK(f.lastAudit().patientId == t.row.patient.id);
    f.queue.startConsultation(f.drA(), t.row.token.id);
    CHECK(f.lastAudit().action == "queue.start");
    f.queue.recordVitals(f.drA(), t.row.token.id, VitalsOf().pulse(72));
    CHECK(f.lastAudit().action == "vitals.record");
    CHECK(f.lastAudit().patientId == t.row.patient.id);
    f.queue.complete(f.drA(), t.row.token.id);
    CHECK(f.lastAudit().action == "queue.complete");
    CHECK(f.lastAudit().patientId == t.row.patient.id);

    const auto before = f.auditTrail().size();
    f.queue.getQueue(f.reception(), f.doctorA.id);
    const auto trail = f.auditTrail();
    REQUIRE(trail.size() == before + 1);  // one event per read, not one per patient shown
    CHECK(trail.back().action == "queue.read");
    CHECK_FALSE(trail.back().patientId);
    CHECK(trail.back().objectId == std::to_string(f.doctorA.id));
    // Names stay out of the trail.
    for (const auto& r : trail) CHECK(r.detail.find("Patient") == std::string::npos);
}

TEST_CASE("moves that bring a patient forward apply only to today's tokens", "[queue][clinic-day]") {
    QueueFixture f;
    const auto old = f.checkInNew(f.doctorA);
    const auto skipped = f.checkInNew(f.doctorA);
    f.queue.callNext(f.reception(), f.doctorA.id);
    f.queue.skip(f.reception(), old.row.token.id);
    f.clock.advance(std::chrono::hours(24));
    CHECK(errorOf([&] { f.queue.restore(f.reception(), old.row.token.id); }) == conflictOn());
    CHECK(errorOf([&] { f.queue.startConsultation(f.drA(), skipped.row.token.id); }) == conflictOn());
    CHECK(errorOf([&] { f.queue.callNext(f.reception(), f.doctorA.id); }) == conflictOn());  // today's queue is empty
    // Tidying up yesterday is allowed.
    CHECK(f.queue.cancel(f.reception(), skipped.row.token.id).row.token.state == TokenState::Cancelled);
}

// Not run by default (ctest skips hidden tests): `queue_tests "[.bench]"`.
TEST_CASE("check-in and call-next throughput with 16 concurrent callers", "[.bench]") {
    QueueFixture f;
    constexpr int threads = 16, perThread = 60;
    std::vector<domain::StaffMember> doctors;
    for (int d = 0; d < 8; ++d) doctors.push_back(f.addDoctor("dr.bench" + std::to_string(d), std::string(1, static_cast<char>('C' + d))));
    std::vector<long long> patients;
    for (int i = 0; i < threads * perThread; ++i) patients.push_back(f.addPatient());
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            const auto& doctor = doctors[static_cast<std::size_t>(t % 8)];
            for (int i = 0; i < perThread; ++i) {
                f.checkIn(patients[static_cast<std::size_t>(t * perThread + i)], doctor);
                try {
                    const auto called = f.queue.callNext(f.reception(), doctor.id);
                    f.queue.skip(f.reception(), called.row.token.id);
                } catch (const Error&) {  // another caller's token is at the door
                }
            }
        });
    }
    for (auto& w : workers) w.join();
    const auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    WARN("check-in + call-next + skip: " << (threads * perThread) / elapsed << " iterations/s");
}

TEST_CASE("processor time per queue operation", "[.bench]") {
    // User-space processor time, not wall time: fsync depends on the disk, this on us.
    QueueFixture f;
    constexpr int n = 300;
    std::vector<long long> patients;
    for (int i = 0; i < n; ++i) patients.push_back(f.addPatient());
    auto cpuMs = [] {
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        return 1000.0 * static_cast<double>(usage.ru_utime.tv_sec) + static_cast<double>(usage.ru_utime.tv_usec) / 1000.0;
    };
    const double t0 = cpuMs();
    for (int i = 0; i < n; ++i) f.checkIn(patients[static_cast<std::size_t>(i)], f.doctorA);
    const double t1 = cpuMs();
    for (int i = 0; i < n; ++i) {
        const auto called = f.queue.callNext(f.reception(), f.doctorA.id);
        f.queue.skip(f.reception(), called.row.token.id);
    }
    const double t2 = cpuMs();
    for (int i = 0; i < 20; ++i) f.queue.getQueue(f.reception(), f.doctorA.id);
    const double t3 = cpuMs();
    WARN("check-in " << (t1 - t0) / n << " ms; call-next + skip " << (t2 - t1) / n << " ms; getQueue of " << n
                     << " tokens " << (t3 - t2) / 20 << " ms");
}
