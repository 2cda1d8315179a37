// Patient registration, records and search over a real temporary database.
#include "service_test_support.h"
#include "auth_test_support.h"
#include "hub/core/error.h"
#include "hub/opd/patient_service.h"
#include "hub/opd/synthetic_patients.h"
#include "hub/store/patient_repository.h"

#include "support/catch.h"

#include <algorithm>
#include <regex>

using namespace hub;
using hub::testing::errorOf;
using hub::testing::AuthFixture;

namespace {

struct PatientFixture : AuthFixture {
    opd::PatientService patients{*db, clock, audit};
    auth::ActorContext reception = actorFor(addStaff("reception", "receptionist"));
    auth::ActorContext cashier = actorFor(addStaff("cashier", "cashier"));
    auth::ActorContext nurse = actorFor(addStaff("nurse", "nurse"));
    auth::ActorContext doctor = actorFor(addStaff("doctor", "doctor"), 7);

    static opd::NewPatient newPatient(std::string name, std::string phone, int age = 30, std::string sex = "female") {
        opd::NewPatient p;
        p.fields.name = std::move(name);
        p.fields.phone = std::move(phone);
        p.fields.sex = std::move(sex);
        p.fields.ageYears = age;
        return p;
    }
    opd::PatientRecord create(std::string name, std::string phone, int age = 30) {
        return patients.createPatient(reception, newPatient(std::move(name), std::move(phone), age));
    }
    std::vector<std::string> mrnsFound(std::string_view query, int limit = 20) {
        std::vector<std::string> mrns;
        for (const auto& s : patients.searchPatients(reception, query, limit)) mrns.push_back(s.mrn);
        return mrns;
    }
    long long countOf(store::Sql sql) {
        return db->read([&](store::Connection& c) {
            auto q = c.prepare(sql);
            q->executeStep();
            return q->getColumn(0).getInt64();
        });
    }
};


bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

TEST_CASE("record numbers run per registration year of the clinic's calendar", "[patients][mrn]") {
    PatientFixture f;
    const auto first = f.create("Rahima Begum", "01712-345678");
    const auto second = f.create("Karim Uddin", "01812-345678");
    CHECK(first.patient.mrn == "25-000001");
    CHECK(second.patient.mrn == "25-000002");
    CHECK(std::regex_match(first.patient.mrn, std::regex(R"(\d{2}-\d{6})")));

    // 23:59 on 31 December in Dhaka is still 2025; a minute later (18:00 UTC) it is 2026.
    f.clock.set(fromUnixSeconds(1767203940));
    CHECK(f.create("Salma Akter", "01912-345678").patient.mrn == "25-000003");
    f.clock.set(fromUnixSeconds(1767204000));
    CHECK(f.create("Nasrin Akter", "01912-345679").patient.mrn == "26-000001");
    CHECK(f.create("Jamal Hossain", "01912-345670").patient.mrn == "26-000002");
}

TEST_CASE("phones are stored in E.164 whichever local format was typed", "[patients][phone]") {
    PatientFixture f;
    SECTION("Bangladesh") {
        for (const char* typed : {"01712-345678", "+880 1712 345678", "8801712345678", "(+880) 1712-345678"}) {
            INFO(typed);
            opd::NewPatient p = PatientFixture::newPatient("Rahima Begum", typed);
            p.differentPerson = true;
            const auto created = f.patients.createPatient(f.reception, p);
            CHECK(created.patient.phones == std::vector<std::string>{"+8801712345678"});
        }
    }
    SECTION("India, at a Bangladeshi clinic") {
        CHECK(f.create("Priya Sharma", "+91 98765 43210").patient.phones.front() == "+919876543210");
        CHECK(f.create("Anjali Gupta", "098765 43211").patient.phones.front() == "+919876543211");
    }
    SECTION("several numbers, the primary first and no repeats") {
        opd::NewPatient p = PatientFixture::newPatient("Rahima Begum", "01712-345678");
        p.fields.phones = std::vector<std::string>{"01812 000111", "+8801712345678"};
        CHECK(f.patients.createPatient(f.reception, p).patient.phones ==
              std::vector<std::string>{"+8801712345678", "+8801812000111"});
    }
    SECTION("an invalid number names its field") {
        CHECK(errorOf([&] { f.create("Rahima Begum", "01712"); }).field() == "phone");
        opd::NewPatient p = PatientFixture::newPatient("Rahima Begum", "01712-345678");
        p.fields.phones = std::vector<std::string>{"01812 000111", "hello"};
        const Error e = errorOf([&] { f.patients.createPatient(f.reception, p); });
        CHECK(e.code() == ErrorCode::InvalidInput);
        CHECK(e.field() == "phones[1]");
        CHECK(std::string(e.what()).find("hello") == std::string::npos);
    }
}

TEST_CASE("the same phone and name is a possible duplicate unless the receptionist says otherwise",
          "[patients][duplicates]") {
    PatientFixture f;
    const auto existing = f.create("Rahima Begum", "01712-345678");

    SECTION("same number in another format and the same name in another case: 409 with the candidate") {
        try {
            f.create("  rahima   BEGUM ", "+880 1712 345678");
            FAIL("no conflict");
        } catch (const opd::DuplicatePatientError& e) {
            CHECK(e.code() == ErrorCode::Conflict);
            REQUIRE(e.candidates().size() == 1);
            CHECK(e.candidates()[0].id == existing.patient.id);
            CHECK(e.candidates()[0].mrn == existing.patient.mrn);
            CHECK(e.candidates()[0].phone == "+8801712345678");
        }
        CHECK(f.countOf("SELECT count(*) FROM patients") == 1);
        CHECK(f.lastAudit().action == "patient.create");
        CHECK(f.lastAudit().outcome == "failure");
    }
    SECTION("different_person registers them anyway, and the audit says so") {
        opd::NewPatient p = PatientFixture::newPatient("Rahima Begum", "01712345678");
        p.differentPerson = true;
        const auto created = f.patients.createPatient(f.reception, p);
        CHECK(created.patient.id != existing.patient.id);
        CHECK(f.lastAudit().detail.find("different person") != std::string::npos);
    }
    SECTION("the same number with another name is another person (a family shares a phone)") {
        CHECK_NOTHROW(f.create("Karim Uddin", "01712-345678", 8));
    }
    SECTION("an update that turns a record into another patient's name and phone is caught too") {
        // Adding a phone keeps the patient's own name and number: never a match with itself.
        opd::PatientFields morePhones;
        morePhones.phones = std::vector<std::string>{"01712-345678", "01999-000111"};
        CHECK_NOTHROW(f.patients.updatePatient(f.reception, existing.patient.id, morePhones));

        const auto other = f.create("Rahima Begun", "01712-345678");  // a typo at registration
        opd::PatientFields fix;
        fix.name = "Rahima Begum";
        try {
            f.patients.updatePatient(f.reception, other.patient.id, fix);
            FAIL("no conflict");
        } catch (const opd::DuplicatePatientError& e) {
            REQUIRE(e.candidates().size() == 1);
            CHECK(e.candidates()[0].id == existing.patient.id);
        }
        CHECK(f.mrnsFound("Begun") == std::vector<std::string>{other.patient.mrn});  // nothing changed

        // The receptionist checked: two people. Saving says so; later edits of
        // other fields do not ask again.
        CHECK(f.patients.updatePatient(f.reception, other.patient.id, fix, true).patient.name == "Rahima Begum");
        opd::PatientFields address;
        address.address = "Mirpur 10";
        CHECK_NOTHROW(f.patients.updatePatient(f.reception, other.patient.id, address));
    }
}

TEST_CASE("an age becomes an approximate birth date and comes back as the age", "[patients][age]") {
    PatientFixture f;
    const auto created = f.create("Rahima Begum", "01712-345678", 40);
    CHECK(created.patient.birthDate == domain::Date{1985, 11, 24});
    CHECK(created.patient.birthDateApproximate);
    CHECK(created.ageYears == 40);
    CHECK(f.patients.getPatient(f.reception, created.patient.id).ageYears == 40);
    f.clock.advance(std::chrono::hours(24 * 366));
    CHECK(f.patients.getPatient(f.reception, created.patient.id).ageYears == 41);

    opd::NewPatient exact = PatientFixture::newPatient("Karim Uddin", "01812-345678");
    exact.fields.ageYears.reset();
    exact.fields.dateOfBirth = "2020-02-29";
    const auto child = f.patients.createPatient(f.reception, exact);
    CHECK_FALSE(child.patient.birthDateApproximate);
    CHECK(child.patient.birthDate->iso() == "2020-02-29");
}

TEST_CASE("bad fields are refused naming the field, and nothing is written", "[patients][validation]") {
    PatientFixture f;
    auto refusedField = [&](const std::function<void(opd::NewPatient&)>& change) {
        opd::NewPatient p = PatientFixture::newPatient("Rahima Begum", "01712-345678");
        change(p);
        // A doctor may write every field, so only validation can refuse.
        const Error e = errorOf([&] { f.patients.createPatient(f.doctor, p); });
        CHECK(e.code() == ErrorCode::InvalidInput);
        return e.field();
    };
    CHECK(refusedField([](auto& p) {
              p.fields.ageYears.reset();
              p.fields.dateOfBirth = "2025-11-25";  // tomorrow in Dhaka
          }) == "date_of_birth");
    CHECK(refusedField([](auto& p) {
              p.fields.ageYears.reset();
              p.fields.dateOfBirth = "2025-02-30";
          }) == "date_of_birth");
    CHECK(refusedField([](auto& p) { p.fields.dateOfBirth = "2000-01-01"; }) == "age_years");
    CHECK(refusedField([](auto& p) { p.fields.ageYears.reset(); }) == "date_of_birth");
    CHECK(refusedField([](auto& p) { p.fields.ageYears = 131; }) == "age_years");
    CHECK(refusedField([](auto& p) { p.fields.sex = "unknown"; }) == "sex");
    CHECK(refusedField([](auto& p) { p.fields.name = "12345"; }) == "name");
    CHECK(refusedField([](auto& p) { p.fields.name = "   "; }) == "name");
    CHECK(refusedField([](auto& p) { p.fields.bloodGroup = "C+"; }) == "blood_group");
    CHECK(refusedField([](auto& p) {
              p.fields.chronicConditions = std::vector<std::string>{"diabetes", "vampirism"};
          }) == "chronic_conditions");

    CHECK(f.countOf("SELECT count(*) FROM patients") == 0);
    CHECK(f.countOf("SELECT count(*) FROM patient_phones") == 0);
    CHECK(f.countOf("SELECT count(*) FROM mrn_counters") == 0);
    CHECK(f.create("Rahima Begum", "01712-345678").patient.mrn == "25-000001");
}

TEST_CASE("a registration that fails after its rows are written leaves nothing behind", "[patients][store]") {
    PatientFixture f;
    f.create("Rahima Begum", "01712-345678");
    opd::SyntheticPatients generator(7);
    CHECK_THROWS_AS(f.db->write([&](store::Connection& tx) {
        store::PatientRepository(tx).insert(generator.next({2025, 11, 24}), 2025, std::nullopt, f.clock.now());
        throw Error(ErrorCode::Internal, "the audit append failed");
    }),
                    Error);
    CHECK(f.countOf("SELECT count(*) FROM patients") == 1);
    CHECK(f.countOf("SELECT count(*) FROM patient_phones") == 1);
    CHECK(f.countOf("SELECT last_serial FROM mrn_counters WHERE year = 2025") == 1);
    CHECK(f.countOf("SELECT count(*) FROM patients_name_index") == 1);
    CHECK(f.create("Karim Uddin", "01812-345678").patient.mrn == "25-000002");
}

TEST_CASE("chronic conditions are codes from the clinic's list", "[patients]") {
    PatientFixture f;
    opd::NewPatient p = PatientFixture::newPatient("Rahima Begum", "01712-345678", 55);
    p.fields.chronicConditions = std::vector<std::string>{"hypertension", "diabetes", "diabetes"};
    const auto created = f.patients.createPatient(f.doctor, p);
    // In the clinic's order, once each.
    CHECK(f.patients.getPatient(f.nurse, created.patient.id).patient.chronicConditions ==
          std::vector<std::string>{"diabetes", "hypertension"});
}

TEST_CASE("search by phone in any format, by its last digits, by record number or by part of the name",
          "[patients][search]") {
    PatientFixture f;
    const auto rahima = f.create("Rahima Begum", "01712-345678");
    const auto karim = f.create("মোহাম্মদ করিম", "01812-990011", 62);
    const auto priya = f.create("Priya Sharma", "+91 98765 43210");
    f.create("Rafiq Islam", "01912-000000");

    CHECK(f.mrnsFound("5678") == std::vector<std::string>{rahima.patient.mrn});
    CHECK(f.mrnsFound("345678") == std::vector<std::string>{rahima.patient.mrn});
    CHECK(f.mrnsFound("+880 1712-345678") == std::vector<std::string>{rahima.patient.mrn});
    CHECK(f.mrnsFound("01712345678") == std::vector<std::string>{rahima.patient.mrn});
    CHECK(f.mrnsFound("098765 43210") == std::vector<std::string>{priya.patient.mrn});
    // Three Bangla digits: too few for a phone search.
    CHECK(errorOf([&] { f.mrnsFound("\xE0\xA7\xA6\xE0\xA7\xA7\xE0\xA7\xA7"); }).field() == "q");
    CHECK(errorOf([&] { f.mrnsFound("017"); }).field() == "q");
    CHECK(f.mrnsFound("৫৬৭৮") == std::vector<std::string>{rahima.patient.mrn});
    CHECK(f.mrnsFound(karim.patient.mrn) == std::vector<std::string>{karim.patient.mrn});
    CHECK(f.mrnsFound("25000002") == std::vector<std::string>{karim.patient.mrn});

    CHECK(f.mrnsFound("ahim") == std::vector<std::string>{rahima.patient.mrn});
    CHECK(f.mrnsFound("RAHIMA beg") == std::vector<std::string>{rahima.patient.mrn});
    CHECK(f.mrnsFound("করিম") == std::vector<std::string>{karim.patient.mrn});
    CHECK(f.mrnsFound("Sharma") == std::vector<std::string>{priya.patient.mrn});
    CHECK(f.mrnsFound("nobody at all").empty());
    // A quote in the query is part of the text, never FTS5 syntax.
    CHECK(f.mrnsFound("Rahima\" OR \"Priya").empty());
    CHECK(f.mrnsFound("AND").empty());

    SECTION("two letters match the start of the name; one is too few") {
        const auto ra = f.mrnsFound("ra");
        CHECK(ra.size() == 2);
        CHECK(contains(ra, rahima.patient.mrn));
        CHECK_FALSE(contains(ra, priya.patient.mrn));
        CHECK(errorOf([&] { f.mrnsFound("r"); }).field() == "q");
        // Letters as a reader counts them: মো is one letter (consonant and vowel
        // sign) in two code points; মোহা is two.
        CHECK(errorOf([&] { f.mrnsFound("মো"); }).field() == "q");
        CHECK(f.mrnsFound("মোহা") == std::vector<std::string>{karim.patient.mrn});
    }
    SECTION("results carry only what the front desk needs") {
        const auto found = f.patients.searchPatients(f.cashier, "করিম");
        REQUIRE(found.size() == 1);
        CHECK(found[0].name == "মোহাম্মদ করিম");
        CHECK(found[0].ageYears == 62);
        CHECK(found[0].sex == domain::Sex::Female);
        CHECK(found[0].phone == "+8801812990011");
    }
    SECTION("limit bounds the results") {
        for (int i = 0; i < 5; ++i) f.create("Begum " + std::to_string(i), "0171000000" + std::to_string(i));
        CHECK(f.mrnsFound("Begum", 3).size() == 3);
        CHECK(errorOf([&] { f.patients.searchPatients(f.reception, "Begum", 51); }).field() == "limit");
        CHECK(errorOf([&] { f.patients.searchPatients(f.reception, " ", 5); }).field() == "q");
    }
}

TEST_CASE("search ranks an exact record number before phone endings", "[patients][search]") {
    PatientFixture f;
    // Rahima's number ends in the digits of Karim's record number.
    const auto rahima = f.create("Rahima Begum", "01725-000002");
    const auto karim = f.create("Karim Uddin", "01812-345678");
    REQUIRE(karim.patient.mrn == "25-000002");
    CHECK(f.mrnsFound("25-000002") == std::vector<std::string>{karim.patient.mrn, rahima.patient.mrn});
}

TEST_CASE("an update changes only the fields sent", "[patients][update]") {
    PatientFixture f;
    opd::NewPatient p = PatientFixture::newPatient("Rahima Begum", "01712-345678");
    p.fields.phones = std::vector<std::string>{"01812-000111"};
    p.fields.address = "House 12, Dhanmondi";
    const auto created = f.patients.createPatient(f.reception, p);

    opd::PatientFields change;
    change.phone = "01912-222333";
    change.consentSms = true;
    change.chronicConditions = std::vector<std::string>{"asthma"};
    const auto updated = f.patients.updatePatient(f.doctor, created.patient.id, change);
    CHECK(updated.patient.phones == std::vector<std::string>{"+8801912222333", "+8801812000111"});
    CHECK(updated.patient.address == "House 12, Dhanmondi");
    CHECK(updated.patient.name == "Rahima Begum");
    CHECK(updated.patient.consentSms);
    CHECK(updated.patient.mrn == created.patient.mrn);
    CHECK(updated.patient.chronicConditions == std::vector<std::string>{"asthma"});
    CHECK(f.mrnsFound("5678").empty());
    CHECK(f.mrnsFound("2333") == std::vector<std::string>{created.patient.mrn});

    opd::PatientFields rename;
    rename.name = "Rahima Khatun";
    f.patients.updatePatient(f.reception, created.patient.id, rename);
    CHECK(f.mrnsFound("Khatun") == std::vector<std::string>{created.patient.mrn});
    CHECK(f.mrnsFound("Begum").empty());

    opd::PatientFields bad;
    bad.ageYears = 200;
    CHECK(errorOf([&] { f.patients.updatePatient(f.reception, created.patient.id, bad); }).field() == "age_years");
    CHECK(errorOf([&] { f.patients.updatePatient(f.reception, 9999, rename); }).code() == ErrorCode::NotFound);
}

TEST_CASE("every read, search and change of a patient is audited with the patient's id", "[patients][audit]") {
    PatientFixture f;
    const auto created = f.create("Rahima Begum", "01712-345678");
    const long long id = created.patient.id;
    auto last = f.lastAudit();
    CHECK(last.action == "patient.create");
    CHECK(last.patientId == id);

    f.patients.getPatient(f.nurse, id);
    last = f.lastAudit();
    CHECK(last.action == "patient.read");
    CHECK(last.patientId == id);
    CHECK(last.actorId == f.nurse.staffId);
    CHECK(last.outcome == "success");

    opd::PatientFields change;
    change.address = "Mirpur";
    f.patients.updatePatient(f.reception, id, change);
    last = f.lastAudit();
    CHECK(last.action == "patient.update");
    CHECK(last.patientId == id);
    CHECK(last.detail == "address");

    f.patients.searchPatients(f.reception, "01712-345678");
    last = f.lastAudit();
    CHECK(last.action == "patient.search");
    CHECK_THAT(last.detail, Catch::StartsWith("results 1; patients " + std::to_string(id) + "; query hmac-sha256 "));
    for (const auto& e : f.auditTrail()) {
        CHECK(e.detail.find("345678") == std::string::npos);
        CHECK(e.detail.find("Rahima") == std::string::npos);
    }

    CHECK(errorOf([&] { f.patients.getPatient(f.reception, 4242); }).code() == ErrorCode::NotFound);
    CHECK(f.lastAudit().outcome == "failure");
    CHECK(f.lastAudit().patientId == 4242);
}

TEST_CASE("a cashier finds patients but cannot open their records", "[patients][permissions]") {
    PatientFixture f;
    const auto created = f.create("Rahima Begum", "01712-345678");
    CHECK(f.patients.searchPatients(f.cashier, "Rahima").size() == 1);
    const Error e = errorOf([&] { f.patients.getPatient(f.cashier, created.patient.id); });
    CHECK(e.code() == ErrorCode::Forbidden);
    const auto last = f.lastAudit();
    CHECK(last.action == "patient.read");
    CHECK(last.outcome == "denied");
    CHECK(last.patientId == created.patient.id);
    CHECK(errorOf([&] { f.patients.createPatient(f.cashier, PatientFixture::newPatient("Karim", "01812345678")); })
              .code() == ErrorCode::Forbidden);
    opd::PatientFields rename;
    rename.name = "Karim";
    const Error nurseRename = errorOf([&] { f.patients.updatePatient(f.nurse, created.patient.id, rename); });
    CHECK(nurseRename.code() == ErrorCode::Forbidden);
    CHECK(nurseRename.field() == "name");
}

TEST_CASE("synthetic patients are valid, varied and reproducible", "[patients][synthetic]") {
    opd::SyntheticPatients a(42), b(42);
    const domain::Date today{2025, 11, 24};
    int bangla = 0, india = 0, withConditions = 0;
    for (int i = 0; i < 500; ++i) {
        const auto p = a.next(today);
        const auto q = b.next(today);
        CHECK(p.name == q.name);
        CHECK_FALSE(domain::checkPersonName(p.name));
        REQUIRE_FALSE(p.phones.empty());
        for (const auto& phone : p.phones)
            CHECK(std::regex_match(phone, std::regex(R"(\+8801[3-9]\d{8}|\+91[6-9]\d{9})")));
        const int age = domain::ageInYears(*p.birthDate, today);
        CHECK(age >= 0);
        CHECK(age <= 90);
        if (static_cast<unsigned char>(p.name[0]) >= 0x80) ++bangla;
        if (p.phones[0].rfind("+91", 0) == 0) ++india;
        if (!p.chronicConditions.empty()) ++withConditions;
    }
    CHECK(bangla > 100);
    CHECK(india > 50);
    CHECK(withConditions > 20);
}

TEST_CASE("synthetic patients go in in batches and are found by search", "[patients][synthetic]") {
    PatientFixture f;
    opd::SyntheticPatients generator(1);
    CHECK(opd::insertSyntheticPatients(*f.db, generator, 230, {2025, 11, 24}, f.clock.now(), 100) == 230);
    CHECK(f.countOf("SELECT count(*) FROM patients") == 230);
    CHECK(f.countOf("SELECT last_serial FROM mrn_counters WHERE year = 2025") == 230);
    CHECK_FALSE(f.patients.searchPatients(f.reception, "25-000230").empty());
}
