// The patient record's safeguards: clinical fields for doctors and nurses with
// their history, bulk-read limits on search with a keyed hash of the query in
// the trail, and the disk floor (507, never a half-written change).
#include "service_test_support.h"
#include "auth_test_support.h"
#include "hub/audit/keyed_hash.h"
#include "hub/core/error.h"
#include "hub/opd/patient_service.h"
#include "hub/store/disk_space.h"

#include "support/catch.h"

#include <sys/stat.h>

#include <atomic>

using namespace hub;
using hub::testing::errorOf;

namespace {

const std::string searchKey(32, 'k');

struct Fixture : hub::testing::AuthFixture {
    opd::PatientService patients{*db, clock, audit, policy()};
    auth::ActorContext doctor = actorFor(addStaff("doctor", "doctor"), 11);
    auth::ActorContext nurse = actorFor(addStaff("nurse", "nurse"), 12);
    auth::ActorContext reception = actorFor(addStaff("desk", "receptionist"), 13);
    auth::ActorContext cashier = actorFor(addStaff("till", "cashier"), 14);
    auth::ActorContext adminInSession{adminMember.id, "admin", domain::Role::Admin, "192.168.1.10", 15};

    static opd::SearchPolicy policy() {
        opd::SearchPolicy p;
        p.perSession = RateLimit{3, 0.5};
        p.queryHasher = audit::KeyedHasher::withKey(searchKey);
        return p;
    }
    static opd::NewPatient newPatient(std::string name, std::string phone) {
        opd::NewPatient p;
        p.fields.name = std::move(name);
        p.fields.phone = std::move(phone);
        p.fields.sex = "female";
        p.fields.ageYears = 40;
        return p;
    }
    long long count(store::Sql sql) {
        return db->read([&](store::Connection& c) {
            auto q = c.prepare(sql);
            q->executeStep();
            return q->getColumn(0).getInt64();
        });
    }
};

}  // namespace

TEST_CASE("allergies and chronic conditions are read and written by doctors and nurses only, for every role",
          "[patients][clinical]") {
    Fixture f;
    opd::NewPatient p = Fixture::newPatient("Rahima Begum", "01712-345678");
    p.fields.allergies = "Penicillin";
    p.fields.chronicConditions = std::vector<std::string>{"diabetes"};
    const auto created = f.patients.createPatient(f.doctor, p);
    CHECK(created.clinicalShown);
    CHECK(created.patient.allergies == "Penicillin");
    const long long id = created.patient.id;

    struct Expect {
        const auth::ActorContext* actor;
        bool reads, writes;
    };
    const Expect roles[] = {{&f.doctor, true, true}, {&f.nurse, true, true}, {&f.reception, false, false},
                            {&f.admin, false, false}};
    for (const auto& r : roles) {
        INFO("role " << domain::roleName(r.actor->role));
        const auto record = f.patients.getPatient(*r.actor, id);
        CHECK(record.clinicalShown == r.reads);
        CHECK(record.patient.allergies.empty() != r.reads);
        CHECK(record.patient.chronicConditions.empty() != r.reads);
        CHECK(record.patient.name == "Rahima Begum");  // demographics for all four

        opd::PatientFields change;
        change.allergies = "Penicillin, sulfa (" + std::string(domain::roleName(r.actor->role)) + ")";
        if (r.writes) {
            CHECK(f.patients.updatePatient(*r.actor, id, change).patient.allergies == *change.allergies);
        } else {
            const Error e = errorOf([&] { f.patients.updatePatient(*r.actor, id, change); });
            CHECK(e.code() == ErrorCode::Forbidden);
            CHECK(e.field() == "allergies");
            CHECK(f.lastAudit().outcome == "denied");
            opd::PatientFields tags;
            tags.chronicConditions = std::vector<std::string>{"asthma"};
            CHECK(errorOf([&] { f.patients.updatePatient(*r.actor, id, tags); }).field() == "chronic_conditions");
            // The record a refused role gets back after its own change carries no clinical field either.
            opd::PatientFields address;
            address.address = "Mirpur";
            CHECK_FALSE(f.patients.updatePatient(*r.actor, id, address).clinicalShown);
        }
    }
    // A cashier may not open the record at all; a nurse changes only the clinical part.
    CHECK(errorOf([&] { f.patients.getPatient(f.cashier, id); }).code() == ErrorCode::Forbidden);
    opd::PatientFields phone;
    phone.phone = "01812-000111";
    const Error nurseDemographics = errorOf([&] { f.patients.updatePatient(f.nurse, id, phone); });
    CHECK(nurseDemographics.code() == ErrorCode::Forbidden);
    CHECK(nurseDemographics.field() == "phone");
    // A receptionist registering with allergies is refused whole: nothing is written.
    opd::NewPatient withAllergies = Fixture::newPatient("Karim Uddin", "01912-000111");
    withAllergies.fields.allergies = "Dust";
    CHECK(errorOf([&] { f.patients.createPatient(f.reception, withAllergies); }).field() == "allergies");
    CHECK(f.count("SELECT count(*) FROM patients") == 1);
}

TEST_CASE("every change of a clinical field keeps who, when, the old and the new value, for the doctor",
          "[patients][clinical]") {
    Fixture f;
    opd::NewPatient p = Fixture::newPatient("Rahima Begum", "01712-345678");
    p.fields.chronicConditions = std::vector<std::string>{"diabetes"};
    const long long id = f.patients.createPatient(f.doctor, p).patient.id;
    f.clock.advance(Seconds(3600));
    opd::PatientFields change;
    change.allergies = "Penicillin";
    change.chronicConditions = std::vector<std::string>{"diabetes", "hypertension"};
    f.patients.updatePatient(f.nurse, id, change);
    opd::PatientFields same;
    same.allergies = "Penicillin";  // no change, no row
    f.patients.updatePatient(f.nurse, id, same);

    const auto history = f.patients.clinicalHistory(f.doctor, id);
    REQUIRE(history.size() == 3);
    // Newest first: the nurse's two changes, then the doctor's registration.
    CHECK(history[0].field == "chronic_conditions");
    CHECK(history[0].oldValue == "diabetes");
    CHECK(history[0].newValue == "diabetes\nhypertension");
    CHECK(history[0].changedBy == f.nurse.staffId);
    CHECK(history[0].changedByRole == "nurse");
    CHECK(history[0].changedAt == fromUnixSeconds(1'764'000'000 + 3600));
    CHECK(history[1].field == "allergies");
    CHECK(history[1].oldValue == "");
    CHECK(history[1].newValue == "Penicillin");
    CHECK(history[2].field == "chronic_conditions");
    CHECK(history[2].oldValue == "");
    CHECK(history[2].changedByUsername == "doctor");
    CHECK(f.lastAudit().action == "patient.clinical_history");
    CHECK(f.lastAudit().patientId == id);

    for (const auto* other : {&f.nurse, &f.reception, &f.admin, &f.cashier})
        CHECK(errorOf([&] { f.patients.clinicalHistory(*other, id); }).code() == ErrorCode::Forbidden);
    CHECK(errorOf([&] { f.patients.clinicalHistory(f.doctor, 4242); }).code() == ErrorCode::NotFound);
}

TEST_CASE("a search returns at most 50, needs 2 letters or 4 digits, and a session's searches are limited",
          "[patients][search][limits]") {
    Fixture f;
    for (int i = 0; i < 60; ++i)
        f.patients.createPatient(f.doctor, Fixture::newPatient("Begum Number" + std::string(1, static_cast<char>('a' + i % 26)) +
                                                                   std::to_string(i),
                                                               "017100" + std::to_string(10000 + i)));
    const auth::ActorContext tool{f.adminMember.id, "admin", domain::Role::Admin, "", 0};  // no session: not limited
    CHECK(f.patients.searchPatients(tool, "Begum", 50).size() == 50);
    CHECK(errorOf([&] { f.patients.searchPatients(tool, "Begum", 51); }).field() == "limit");
    CHECK(errorOf([&] { f.patients.searchPatients(tool, "B"); }).field() == "q");
    CHECK(errorOf([&] { f.patients.searchPatients(tool, "171"); }).field() == "q");
    CHECK(f.patients.searchPatients(tool, "10001").size() == 1);

    // Three searches that find someone at once, then one every 2 s. Searches
    // that find nobody do not spend the allowance.
    for (int i = 0; i < 2; ++i) CHECK(f.patients.searchPatients(f.reception, "Begum").size() == 20);
    for (int i = 0; i < 10; ++i) CHECK(f.patients.searchPatients(f.reception, "Nobody Here").empty());
    CHECK(f.patients.searchPatients(f.reception, "Begum").size() == 20);
    const Error spent = errorOf([&] { f.patients.searchPatients(f.reception, "Begum"); });
    CHECK(spent.code() == ErrorCode::TooManyRequests);
    CHECK(spent.retryAfterSeconds() == 2);
    CHECK_THAT(spent.what(), Catch::Contains("in this session"));
    CHECK(f.lastAudit().action == "patient.search");
    CHECK(f.lastAudit().outcome == "failure");
    // Another session has its own allowance; time earns it back.
    CHECK(f.patients.searchPatients(f.nurse, "Begum").size() == 20);
    f.clock.advance(Seconds(2));
    CHECK(f.patients.searchPatients(f.reception, "Begum").size() == 20);
}

TEST_CASE("a search's audit event holds the count, the ids and a keyed hash of the query, never the query",
          "[patients][search][audit]") {
    Fixture f;
    const auto rahima = f.patients.createPatient(f.reception, Fixture::newPatient("Rahima Begum", "01712-345678"));
    const auto karim = f.patients.createPatient(f.reception, Fixture::newPatient("Karim Begum", "01812-345678"));
    const audit::KeyedHasher hasher = audit::KeyedHasher::withKey(searchKey);

    f.patients.searchPatients(f.reception, "begum");
    const auto byName = f.lastAudit();
    CHECK(byName.action == "patient.search");
    CHECK(byName.detail == "results 2; patients " + std::to_string(karim.patient.id) + "," +
                               std::to_string(rahima.patient.id) + "; query hmac-sha256 " +
                               hasher.hash("begum"));
    // An investigator checks a query by hashing it again: spaces and ASCII case do not matter.
    CHECK_THAT(byName.detail, Catch::EndsWith(opd::searchQueryHash(hasher, "  BEGUM ")));

    f.patients.searchPatients(f.reception, "01712-345678");
    const auto byPhone = f.lastAudit();
    CHECK_THAT(byPhone.detail, Catch::StartsWith("results 1; patients " + std::to_string(rahima.patient.id)));
    // The same number in another format hashes the same: its digits.
    CHECK_THAT(byPhone.detail, Catch::EndsWith(opd::searchQueryHash(hasher, "017 1234 5678")));
    CHECK_THAT(byPhone.detail, !Catch::EndsWith(opd::searchQueryHash(hasher, "01712-345679")));

    f.patients.searchPatients(f.reception, "Nobody Here");
    CHECK_THAT(f.lastAudit().detail, Catch::StartsWith("results 0; patients -; query hmac-sha256 "));

    for (const auto& e : f.auditTrail()) {
        CHECK(e.detail.find("begum") == std::string::npos);
        CHECK(e.detail.find("Begum") == std::string::npos);
        CHECK(e.detail.find("345678") == std::string::npos);
        CHECK(e.detail.find("Nobody") == std::string::npos);
    }
}

TEST_CASE("HMAC-SHA256 matches RFC 4231, and the search key is made once with mode 0600", "[audit][search]") {
    // RFC 4231 test cases 1 and 2.
    CHECK(audit::hmacSha256Hex(std::string(20, '\x0b'), "Hi There") ==
          "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    CHECK(audit::hmacSha256Hex("Jefe", "what do ya want for nothing?") ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    // Test case 6: a key longer than the block is hashed first.
    CHECK(audit::hmacSha256Hex(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First") ==
          "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");

    hub::testing::TempDir dir;
    CHECK(errorOf([&] { audit::KeyedHasher::load(dir.path()); }).code() == ErrorCode::NotFound);
    const auto made = audit::KeyedHasher::loadOrCreate(dir.path());
    const auto file = audit::KeyedHasher::keyFile(dir.path());
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(std::filesystem::file_size(file) == 32);
    CHECK(audit::KeyedHasher::loadOrCreate(dir.path()).hash("q") == made.hash("q"));
    CHECK(audit::KeyedHasher::load(dir.path()).hash("q") == made.hash("q"));
}

TEST_CASE("below the warning floor writes go on, and at the hard floor patient data is refused with 507 while reads go on",
          "[patients][disk]") {
    Fixture f;
    std::atomic<std::uint64_t> freeBytes{5000ull * 1024 * 1024};
    store::DiskSpace disk([&] { return freeBytes.load(); }, {1024ull * 1024 * 1024, 100ull * 1024 * 1024});
    f.db->setSpaceGuard(&disk);
    const auto rahima = f.patients.createPatient(f.reception, Fixture::newPatient("Rahima Begum", "01712-345678"));
    CHECK(disk.state() == store::DiskState::Ok);
    CHECK_FALSE(disk.noteChange());

    freeBytes = 500ull * 1024 * 1024;
    CHECK(disk.state() == store::DiskState::Low);
    const auto warning = disk.noteChange();
    REQUIRE(warning);
    CHECK_THAT(*warning, Catch::Contains("low"));
    CHECK_FALSE(disk.noteChange());  // said once
    CHECK_NOTHROW(f.patients.createPatient(f.reception, Fixture::newPatient("Karim Uddin", "01812-345678")));

    freeBytes = 100ull * 1024 * 1024;  // exactly the floor
    CHECK(disk.state() == store::DiskState::Full);
    REQUIRE(disk.noteChange());
    const auto before = f.count("SELECT count(*) FROM patients");
    const Error refused =
        errorOf([&] { f.patients.createPatient(f.reception, Fixture::newPatient("Priya Sharma", "01912-345678")); });
    CHECK(refused.code() == ErrorCode::InsufficientStorage);
    CHECK_THAT(refused.what(), Catch::Contains("nothing was saved"));
    CHECK(f.count("SELECT count(*) FROM patients") == before);
    opd::PatientFields change;
    change.address = "Mirpur";
    CHECK(errorOf([&] { f.patients.updatePatient(f.reception, rahima.patient.id, change); }).code() ==
          ErrorCode::InsufficientStorage);
    // Reading a record (and its small audit row) still works inside the floor's margin.
    CHECK(f.patients.getPatient(f.reception, rahima.patient.id).patient.name == "Rahima Begum");

    SECTION("a source that cannot measure counts as full") {
        store::DiskSpace blind([]() -> std::uint64_t { throw Error(ErrorCode::Unavailable, "statvfs failed"); },
                               {1024, 10});
        CHECK(blind.state() == store::DiskState::Full);
        CHECK_THROWS_AS(blind.requireRoom(), Error);
    }
    SECTION("the real filesystem answers") {
        const auto real = store::filesystemFreeSpace(f.dir.path())();
        CHECK(real > 0);
    }
    f.db->setSpaceGuard(nullptr);
}

TEST_CASE("a disk that really fills up is a 507-kind error and leaves the database sound", "[store][disk]") {
    Fixture f;
    // SQLite's ceiling on the file's size stands in for a full disk: set below
    // the current size it becomes the current size, and any growth is SQLITE_FULL.
    f.db->write([](store::Connection& c) { c.exec("PRAGMA max_page_count = 1"); });
    std::optional<Error> full;
    int saved = 0;
    for (int i = 0; i < 5000 && !full; ++i) {
        try {
            f.patients.createPatient(f.reception, Fixture::newPatient("Patient Filler", "0171" + std::to_string(2000000 + i)));
            ++saved;
        } catch (const Error& e) {
            full = e;
        }
    }
    REQUIRE(full);
    CHECK(full->code() == ErrorCode::InsufficientStorage);
    CHECK(f.count("SELECT count(*) FROM patients") == saved);  // the failed one left nothing behind
    f.db->write([](store::Connection& c) { c.exec("PRAGMA max_page_count = 1073741823"); });
    CHECK(f.db->integrityCheck() == "ok");
    CHECK_NOTHROW(f.patients.createPatient(f.reception, Fixture::newPatient("Rahima Begum", "01712-345678")));
}
