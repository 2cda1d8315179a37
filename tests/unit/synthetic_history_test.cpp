// The OPD history generator behind `clinic-hub demo-data --years` and the
// benchmarks: the amounts it promises, complete visits, and an audit trail
// whose hash chain verifies like one the services wrote.
#include "hub/audit/audit_log.h"
#include "hub/audit/audit_verifier.h"
#include "hub/auth/bootstrap.h"
#include "hub/opd/synthetic_history.h"
#include "hub/store/patient_repository.h"
#include "hub/store/visit_repository.h"
#include "store_test_support.h"

#include "support/catch.h"

using namespace hub;

TEST_CASE("a week of synthetic OPD history: about 100 visits a day, complete visits, a sound audit chain",
          "[opd][synthetic]") {
    testing::TempDir dir;
    auto db = store::Database::open(dir.file("clinic-hub.db"));
    ManualClock clock(fromUnixSeconds(1795456800));
    auth::PasswordHasher hasher(auth::Argon2Params{1024, 1, 1});
    audit::AuditLog log(clock);
    const auth::AdminToolContext ctx{*db, clock, hasher, log};
    auth::initializeClinic(ctx, "History Clinic", "admin", "a-fine-password-1");
    domain::DoctorProfile profile;
    profile.nameEn = "Dr. A";
    profile.tokenPrefix = "A";
    const auto doctor = auth::addStaffByUsername(ctx, "dr.a", "Dr. A", "doctor", "a-fine-password-1", profile);
    const auto reception = auth::addStaffByUsername(ctx, "reception", "Reception", "receptionist", "a-fine-password-1");

    opd::HistoryOptions o;
    o.firstDay = {2026, 3, 30};  // across a month's end
    o.days = 7;
    o.doctors = {{doctor.id, "dr.a", "A"}};
    o.receptionId = reception.id;
    o.seed = 3;
    int daysSeen = 0;
    o.progress = [&](int day) { daysSeen = day; };
    opd::SyntheticPatients patients(5);
    const auto totals = opd::insertSyntheticHistory(*db, patients, o);

    CHECK(daysSeen == 7);
    CHECK(totals.visits >= 7 * 80);
    CHECK(totals.visits <= 7 * 120);
    CHECK(totals.patients > totals.visits / 5);
    CHECK(totals.patients < totals.visits / 2);
    CHECK(totals.prescriptionItems >= totals.visits);
    CHECK(totals.auditEvents >= totals.visits * 7);
    const auto report = audit::verifyAuditChain(*db);
    CHECK(report.ok);
    CHECK(report.eventsChecked > totals.auditEvents);

    const auto visits = db->read([](store::Connection& c) { return store::VisitRepository(c).listByPatient(1); });
    REQUIRE_FALSE(visits.empty());
    const auto& v = visits.front().visit;
    CHECK(v.status == domain::VisitStatus::Finalized);
    CHECK_FALSE(v.content.complaints.empty());
    REQUIRE_FALSE(v.content.diagnoses.empty());
    CHECK(domain::looksLikeIcd10(v.content.diagnoses.front().icd10));
    CHECK_FALSE(v.content.prescription.empty());
    CHECK(visits.front().vitalsId.has_value());
    CHECK(db->read([](store::Connection& c) { return store::PatientRepository(c).count(); }) == totals.patients);
}
