// The visit service over a real temporary database: opening, writing,
// finalizing and amending visits, history, repeat prescriptions, templates,
// the formulary, the printout, permissions and the audit trail.
#include "service_test_support.h"
#include "visit_test_support.h"

#include "hub/core/error.h"
#include "hub/opd/visit_json.h"

#include "support/catch.h"

using namespace hub;
using hub::testing::errorOf;
using hub::testing::VisitFixture;

namespace {

int countRows(VisitFixture& f, const std::string& table) {
    return f.db->read([&](store::Connection& c) {
        if (table == "vitals") {
            auto q = c.prepare("SELECT count(*) FROM vitals");
            q->executeStep();
            return q->getColumn(0).getInt();
        }
        auto q = c.prepare("SELECT count(*) FROM visit_amendments");
        q->executeStep();
        return q->getColumn(0).getInt();
    });
}

}  // namespace

TEST_CASE("a doctor opens a walk-in visit with vitals, diagnoses and a prescription", "[visits]") {
    VisitFixture f;
    const long long patient = f.addPatient("Fatema Begum");
    const auto opened = f.visits.createVisit(f.doctor, {patient, std::nullopt, VisitFixture::typicalContent()});
    CHECK(opened.created);
    const auto& v = opened.visit.visit;
    CHECK(v.patientId == patient);
    CHECK(v.doctorId == f.doctorMember.id);
    CHECK_FALSE(v.tokenId);
    CHECK(v.status == domain::VisitStatus::Draft);
    CHECK(v.content.vitals.pulse == 78);
    CHECK(v.content.vitals.temperatureF == 100.4);
    REQUIRE(v.content.diagnoses.size() == 1);
    CHECK(v.content.diagnoses[0].icd10 == "B34.9");
    REQUIRE(v.content.prescription.size() == 2);
    CHECK(v.content.prescription[1].drug == "Omeprazole");
    CHECK(v.content.prescription[1].dose == "1+0+1");
    CHECK(v.content.prescription[1].timing == domain::MealTiming::BeforeMeal);
    CHECK(v.content.prescription[1].duration.text() == "2 weeks");
    CHECK(opened.visit.doctorName == "Dr. Abdur Rahman");
    REQUIRE(opened.visit.vitalsRecordedAt);

    // The vitals are a vitals row recorded by the doctor.
    f.db->read([&](store::Connection& c) {
        auto q = c.prepare("SELECT recorded_by, patient_id FROM vitals WHERE id = ?1");
        q->bind(1, static_cast<int64_t>(*opened.visit.vitalsId));
        REQUIRE(q->executeStep());
        CHECK(q->getColumn(0).getInt64() == f.doctorMember.id);
        CHECK(q->getColumn(1).getInt64() == patient);
    });
    const auto event = f.lastAudit();
    CHECK(event.action == "visit.create");
    CHECK(event.patientId == patient);
    CHECK(event.objectId == std::to_string(v.id));
    CHECK(event.detail == "walk-in");
}

TEST_CASE("a visit for a token continues the draft the queue opened", "[visits]") {
    VisitFixture f;
    const long long patient = f.addPatient("Rahim Uddin");
    const long long token = f.addToken(f.doctorMember.id, patient);
    const long long draft = f.queueOpensDraft(patient, f.doctorMember.id, token);

    opd::VisitChanges changes;
    changes.complaints = "Cough";
    const auto opened = f.visits.createVisit(f.doctor, {patient, token, changes});
    CHECK_FALSE(opened.created);
    CHECK(opened.visit.visit.id == draft);
    CHECK(opened.visit.visit.tokenId == token);
    CHECK(opened.visit.visit.content.complaints == "Cough");

    SECTION("a token without a draft gets one, with the vitals the nurse took while the patient waited") {
        const long long token2 = f.addToken(f.doctorMember.id, patient, "called");
        const long long nurseVitals = f.addNurseVitals(patient, token2, 88);
        const auto second = f.visits.createVisit(f.doctor, {patient, token2, {}});
        CHECK(second.created);
        CHECK(second.visit.vitalsId == nurseVitals);
        CHECK(second.visit.visit.content.vitals.pulse == 88);
    }
    SECTION("another doctor's token is refused") {
        const long long token3 = f.addToken(f.otherDoctorMember.id, patient);
        CHECK(errorOf([&] { f.visits.createVisit(f.doctor, {patient, token3, {}}); }).code() == ErrorCode::Forbidden);
    }
    SECTION("a token of another patient names token_id") {
        const long long someoneElse = f.addPatient("Someone Else");
        const Error e = errorOf([&] { f.visits.createVisit(f.doctor, {someoneElse, token, {}}); });
        CHECK(e.code() == ErrorCode::InvalidInput);
        CHECK(e.field() == "token_id");
    }
    SECTION("once the token's visit is finalized, opening it again is a conflict") {
        f.visits.finalizeVisit(f.doctor, draft);
        CHECK(errorOf([&] { f.visits.createVisit(f.doctor, {patient, token, {}}); }).code() == ErrorCode::Conflict);
    }
}

TEST_CASE("a cancelled or transferred token opens no visit, and the error says which", "[visits]") {
    VisitFixture f;
    const long long patient = f.addPatient("Rahim Uddin");
    for (const std::string state : {"cancelled", "transferred"}) {
        const long long token = f.addToken(f.doctorMember.id, patient, state);
        const Error e = errorOf([&] { f.visits.createVisit(f.doctor, {patient, token, {}}); });
        CHECK(e.code() == ErrorCode::Conflict);
        CHECK(e.field() == "token_id");
        CHECK(std::string(e.what()) == "this token was " + state);
    }
    // A token in any other state opens one.
    const long long waiting = f.addToken(f.doctorMember.id, patient, "waiting");
    CHECK(f.visits.createVisit(f.doctor, {patient, waiting, {}}).created);
}

TEST_CASE("a draft changes in place: once finalized it refuses updates", "[visits]") {
    VisitFixture f;
    const long long patient = f.addPatient("Nasima Akter");
    const long long id = f.visits.createVisit(f.doctor, {patient, std::nullopt, {}}).visit.visit.id;

    opd::VisitChanges first = VisitFixture::typicalContent();
    f.visits.updateVisit(f.doctor, id, first);
    const int vitalsRows = countRows(f, "vitals");

    opd::VisitChanges second;
    second.advice = "Rest for two days";
    second.vitals = first.vitals;  // unchanged vitals are not recorded again
    const auto updated = f.visits.updateVisit(f.doctor, id, second);
    CHECK(updated.visit.content.advice == "Rest for two days");
    CHECK(updated.visit.content.complaints == "Fever for 3 days, body ache");  // absent fields keep their value
    CHECK(updated.visit.content.prescription.size() == 2);
    CHECK(countRows(f, "vitals") == vitalsRows);

    opd::VisitChanges clear;
    clear.followUpDate.emplace(std::nullopt);
    clear.prescription = std::vector<domain::PrescriptionItem>{};
    CHECK(f.visits.updateVisit(f.doctor, id, clear).visit.content.prescription.empty());

    const auto finalized = f.visits.finalizeVisit(f.doctor, id);
    CHECK(finalized.visit.status == domain::VisitStatus::Finalized);
    CHECK(finalized.visit.finalizedAt);
    CHECK(f.lastAudit().action == "visit.finalize");

    const Error refused = errorOf([&] { f.visits.updateVisit(f.doctor, id, second); });
    CHECK(refused.code() == ErrorCode::Conflict);
    CHECK(f.lastAudit().action == "visit.update");
    CHECK(f.lastAudit().outcome == "failure");
    CHECK(f.lastAudit().patientId == patient);
    CHECK(errorOf([&] { f.visits.finalizeVisit(f.doctor, id); }).code() == ErrorCode::Conflict);
}

TEST_CASE("an amendment keeps the original content, who changed it, when and why", "[visits]") {
    VisitFixture f;
    const long long patient = f.addPatient("Kamal Hossain");
    const long long id = f.visits.createVisit(f.doctor, {patient, std::nullopt, VisitFixture::typicalContent()})
                             .visit.visit.id;

    opd::VisitChanges change;
    change.prescription = std::vector<domain::PrescriptionItem>{VisitFixture::item("Azithromycin", "1+0+0", "5 days")};

    CHECK(errorOf([&] { f.visits.amendVisit(f.doctor, id, change, "typo"); }).code() == ErrorCode::Conflict);
    f.visits.finalizeVisit(f.doctor, id);

    const Error noReason = errorOf([&] { f.visits.amendVisit(f.doctor, id, change, "   "); });
    CHECK(noReason.code() == ErrorCode::InvalidInput);
    CHECK(noReason.field() == "reason");
    CHECK(countRows(f, "amendments") == 0);

    f.clock.advance(std::chrono::hours(2));
    const auto amended = f.visits.amendVisit(f.doctor, id, change, "Lab report: bacterial infection");
    CHECK(amended.visit.status == domain::VisitStatus::Finalized);
    REQUIRE(amended.visit.content.prescription.size() == 1);
    CHECK(amended.visit.content.prescription[0].drug == "Azithromycin");
    CHECK(amended.visit.content.complaints == "Fever for 3 days, body ache");
    REQUIRE(amended.visit.amendments.size() == 1);
    const auto& a = amended.visit.amendments[0];
    CHECK(a.byStaffId == f.doctorMember.id);
    CHECK(a.reason == "Lab report: bacterial infection");
    CHECK(a.at == f.clock.now());

    const auto withPrevious = f.visits.getVisit(f.otherDoctor, id, true);
    REQUIRE(withPrevious.previousContents.size() == 1);
    const auto before = opd::parseJsonText(withPrevious.previousContents[0]).extract<Poco::JSON::Object::Ptr>();
    const auto original = opd::visitContentFromJson(before);
    REQUIRE(original.prescription.size() == 2);
    CHECK(original.prescription[0].drug == "Paracetamol");
    CHECK(original.prescription[0].dose == "1+1+1");
    CHECK(original.vitals.pulse == 78);
    CHECK(f.visits.getVisit(f.doctor, id).previousContents.empty());  // only when asked for

    SECTION("only the visit's doctor may amend it") {
        CHECK(errorOf([&] { f.visits.amendVisit(f.otherDoctor, id, change, "mine now"); }).code() ==
              ErrorCode::Forbidden);
        CHECK(f.lastAudit().outcome == "denied");
    }
}

TEST_CASE("another doctor may read a visit but not change it", "[visits]") {
    VisitFixture f;
    const long long patient = f.addPatient("Shirin Sultana");
    const long long id = f.visits.createVisit(f.doctor, {patient, std::nullopt, {}}).visit.visit.id;
    CHECK(f.visits.getVisit(f.otherDoctor, id).visit.id == id);
    opd::VisitChanges change;
    change.notes = "not my patient";
    CHECK(errorOf([&] { f.visits.updateVisit(f.otherDoctor, id, change); }).code() == ErrorCode::Forbidden);
    CHECK(errorOf([&] { f.visits.finalizeVisit(f.otherDoctor, id); }).code() == ErrorCode::Forbidden);
    const auto event = f.lastAudit();
    CHECK(event.action == "visit.finalize");
    CHECK(event.outcome == "denied");
    CHECK(event.actorId == f.otherDoctorMember.id);
    CHECK(event.patientId == patient);
    CHECK(errorOf([&] { f.visits.getVisit(f.doctor, 9999); }).code() == ErrorCode::NotFound);
}

TEST_CASE("validation errors name the field as the client sent it", "[visits]") {
    VisitFixture f;
    const long long patient = f.addPatient("Abul Kashem");
    auto fieldOf = [&](const opd::VisitChanges& c, long long patientId = 0) {
        const Error e = errorOf([&] { f.visits.createVisit(f.doctor, {patientId ? patientId : patient, std::nullopt, c}); });
        CHECK(e.code() == ErrorCode::InvalidInput);
        return e.field();
    };
    opd::VisitChanges c;
    c.prescription = std::vector<domain::PrescriptionItem>{VisitFixture::item("Paracetamol", "1+0+1"),
                                                           VisitFixture::item("Cetirizine", "1+x+1")};
    CHECK(fieldOf(c) == "prescription[1].dose");

    c = {};
    domain::Vitals v;
    v.pulse = 720;
    c.vitals = v;
    CHECK(fieldOf(c) == "vitals.pulse");

    c = {};
    c.diagnoses = std::vector<domain::Diagnosis>{{"Type 2 diabetes", "e11.9"}};
    CHECK(fieldOf(c) == "diagnoses[0].icd10");

    // 19:00 UTC on 24 Nov is already 01:00 on 25 Nov in Dhaka: the 24th is past.
    f.clock.set(fromUnixSeconds(1'764'010'800));
    c = {};
    c.followUpDate.emplace(domain::Date{2025, 11, 24});
    CHECK(fieldOf(c) == "follow_up_date");
    c.followUpDate.emplace(domain::Date{2025, 11, 25});
    CHECK(f.visits.createVisit(f.doctor, {patient, std::nullopt, c}).visit.visit.content.followUpDate);

    // An unknown patient named in the request is an unknown reference (422), as in check-in.
    const Error unknown = errorOf([&] { f.visits.createVisit(f.doctor, {424242, std::nullopt, {}}); });
    CHECK(unknown.code() == ErrorCode::UnknownReference);
    CHECK(unknown.field() == "patient_id");

    SECTION("dose notation is stored in its canonical spelling") {
        opd::VisitChanges half;
        half.prescription = std::vector<domain::PrescriptionItem>{VisitFixture::item("Clonazepam", "½ + 0 + ½"),
                                                                  VisitFixture::item("ORS", "after each loose stool")};
        const auto saved = f.visits.createVisit(f.doctor, {patient, std::nullopt, half}).visit.visit.content;
        CHECK(saved.prescription[0].dose == "\xC2\xBD+0+\xC2\xBD");
        CHECK(saved.prescription[1].dose == "after each loose stool");
    }
}

TEST_CASE("history lists every visit newest first with chronic tags and the latest vitals", "[visits][history]") {
    VisitFixture f;
    const long long patient = f.addPatient("Jahanara Khatun", "bn", {"hypertension", "diabetes"});
    const long long other = f.addPatient("Other Patient");
    f.visits.createVisit(f.doctor, {other, std::nullopt, VisitFixture::typicalContent()});

    std::vector<long long> ids;
    for (int i = 0; i < 3; ++i) {
        opd::VisitChanges c = VisitFixture::typicalContent();
        domain::Vitals v;
        v.bpSystolic = 140 + i;
        v.bpDiastolic = 90;
        c.vitals = v;
        c.diagnoses = std::vector<domain::Diagnosis>{{"Hypertension", "I10"}, {"Visit " + std::to_string(i), ""}};
        ids.push_back(f.visits.createVisit(i == 1 ? f.otherDoctor : f.doctor, {patient, std::nullopt, c}).visit.visit.id);
        f.clock.advance(std::chrono::hours(24 * 30));
    }
    f.visits.finalizeVisit(f.doctor, ids[0]);
    opd::VisitChanges fix;
    fix.advice = "Low salt diet";
    f.visits.amendVisit(f.doctor, ids[0], fix, "advice forgotten");

    const auto h = f.visits.patientHistory(f.doctor, patient);
    REQUIRE(h.visits.size() == 3);
    CHECK(h.visits[0].visit.id == ids[2]);
    CHECK(h.visits[2].visit.id == ids[0]);
    CHECK(h.visits[1].doctorName == "Dr. Priya Sen");
    CHECK(h.visits[0].visit.content.diagnoses.size() == 2);
    CHECK(h.visits[0].visit.content.diagnoses[1].text == "Visit 2");
    CHECK(h.visits[2].visit.content.prescription.size() == 2);
    CHECK(h.visits[2].visit.amendments.size() == 1);
    CHECK(h.visits[2].visit.content.advice == "Low salt diet");
    REQUIRE(h.latestVitals);
    CHECK(h.latestVitals->vitals.bpSystolic == 142);
    REQUIRE(h.patient.chronicConditions.size() == 2);
    CHECK(h.patient.chronicConditions[0].code == "diabetes");  // the clinic's order
    CHECK(h.patient.chronicConditions[1].labelBn == "উচ্চ রক্তচাপ");

    const auto event = f.lastAudit();
    CHECK(event.action == "patient.history");
    CHECK(event.patientId == patient);
    CHECK(event.actorId == f.doctorMember.id);
    CHECK(errorOf([&] { f.visits.patientHistory(f.doctor, 424242); }).code() == ErrorCode::NotFound);
}

TEST_CASE("repeat last prescription takes the newest finalized visit that prescribed anything", "[visits]") {
    VisitFixture f;
    const long long patient = f.addPatient("Moinul Islam");
    CHECK_FALSE(f.visits.lastPrescription(f.doctor, patient));
    CHECK(f.lastAudit().action == "patient.last_prescription");
    CHECK(f.lastAudit().patientId == patient);

    const long long first = f.visits.createVisit(f.doctor, {patient, std::nullopt, VisitFixture::typicalContent()})
                                .visit.visit.id;
    f.visits.finalizeVisit(f.doctor, first);
    f.clock.advance(std::chrono::hours(24));
    // A later visit with nothing prescribed, and a draft, do not count.
    const long long empty = f.visits.createVisit(f.doctor, {patient, std::nullopt, {}}).visit.visit.id;
    f.visits.finalizeVisit(f.doctor, empty);
    opd::VisitChanges draft;
    draft.prescription = std::vector<domain::PrescriptionItem>{VisitFixture::item("Metformin", "1+0+1", "continue")};
    f.visits.createVisit(f.doctor, {patient, std::nullopt, draft});

    const auto last = f.visits.lastPrescription(f.otherDoctor, patient);
    REQUIRE(last);
    CHECK(last->visitId == first);
    CHECK(last->doctorName == "Dr. Abdur Rahman");
    REQUIRE(last->items.size() == 2);
    CHECK(last->items[0].drug == "Paracetamol");
    CHECK(last->items[1].duration.text() == "2 weeks");
}

TEST_CASE("each doctor keeps their own prescription templates", "[visits][templates]") {
    VisitFixture f;
    const auto created = f.visits.createTemplate(
        f.doctor, "  Adult fever ", {VisitFixture::item("Paracetamol", "1 + 1 + 1"), VisitFixture::item("ORS", "as needed")});
    CHECK(created.name == "Adult fever");
    CHECK(created.items[0].dose == "1+1+1");
    f.visits.createTemplate(f.doctor, "Acidity", {VisitFixture::item("Omeprazole", "1+0+1", "1 month")});
    f.visits.createTemplate(f.otherDoctor, "Mine", {VisitFixture::item("Cetirizine", "0+0+1")});

    const auto mine = f.visits.listTemplates(f.doctor);
    REQUIRE(mine.size() == 2);
    CHECK(mine[0].name == "Acidity");
    CHECK(mine[0].items[0].duration.text() == "1 month");
    CHECK(mine[1].items.size() == 2);
    CHECK(f.visits.listTemplates(f.otherDoctor).size() == 1);

    CHECK(errorOf([&] { f.visits.createTemplate(f.doctor, "Acidity", {VisitFixture::item("X", "1+0+0")}); }).code() ==
          ErrorCode::Conflict);
    CHECK(errorOf([&] { f.visits.createTemplate(f.doctor, "Bad", {VisitFixture::item("X", "1+0")}); }).field() ==
          "items[0].dose");
    CHECK(errorOf([&] { f.visits.createTemplate(f.doctor, " ", {VisitFixture::item("X", "1+0+0")}); }).field() ==
          "name");
    CHECK(errorOf([&] { f.visits.createTemplate(f.nurse, "N", {VisitFixture::item("X", "1+0+0")}); }).code() ==
          ErrorCode::Forbidden);
}

TEST_CASE("the formulary auto-completes by name or generic prefix, in any case and in Bangla", "[visits][drugs]") {
    VisitFixture f;
    auto names = [&](const std::string& q, int limit = 20) {
        std::vector<std::string> out;
        for (const auto& d : f.visits.searchDrugs(f.doctor, q, limit)) out.push_back(d.name + " " + d.strength);
        return out;
    };
    const auto para = names("para");
    REQUIRE_FALSE(para.empty());
    CHECK(para[0].rfind("Paracetamol", 0) == 0);
    CHECK(names("PARA") == para);
    CHECK(names("  Omep") == std::vector<std::string>{"Omeprazole 20 mg"});
    // By generic name: Aspirin is "Acetylsalicylic acid".
    CHECK(names("acetylsal") == std::vector<std::string>{"Aspirin 75 mg"});
    CHECK(names("Am", 3).size() == 3);
    CHECK(names("%").empty());
    CHECK(names("zzz").empty());

    f.db->write([](store::Connection& c) {
        store::DrugRepository(c).add({0, "নাপা", "Paracetamol", "500 mg", "tablet"});
    });
    CHECK(names("না") == std::vector<std::string>{"নাপা 500 mg"});
    CHECK(f.visits.searchDrugs(f.admin, "met", 5).size() >= 2);  // admins keep the formulary
    CHECK(errorOf([&] { f.visits.searchDrugs(f.nurse, "met", 5); }).code() == ErrorCode::Forbidden);
}

TEST_CASE("the printout has the letterhead, doctor, patient and Rx, in the patient's language", "[visits][print]") {
    VisitFixture f;
    const long long bn = f.addPatient("<script>alert(1)</script> Rokeya", "bn", {}, "1970-01-15");
    const long long en = f.addPatient("John D'Souza", "en", {}, "1990-06-01", "male");

    opd::VisitChanges c = VisitFixture::typicalContent();
    c.followUpDate.emplace(domain::Date{2025, 12, 1});
    const long long bnVisit = f.visits.createVisit(f.doctor, {bn, std::nullopt, c}).visit.visit.id;
    const long long enVisit = f.visits.createVisit(f.doctor, {en, std::nullopt, c}).visit.visit.id;
    f.visits.finalizeVisit(f.doctor, enVisit);

    const std::string html = f.visits.prescriptionHtml(f.otherDoctor, bnVisit, opd::Paper::A5);
    CHECK(html.find("Shanti Clinic") != std::string::npos);
    CHECK(html.find("BMDC A-12345") != std::string::npos);
    CHECK(html.find("MBBS, FCPS (Medicine)") != std::string::npos);
    CHECK(html.find("25-000001") != std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt; Rokeya") != std::string::npos);
    CHECK(html.find("<script>") == std::string::npos);
    CHECK(html.find("1+1+1") != std::string::npos);
    CHECK(html.find("রোগনির্ণয়") != std::string::npos);
    CHECK(html.find("পরামর্শ") != std::string::npos);
    CHECK(html.find("পরবর্তী সাক্ষাৎ") != std::string::npos);
    CHECK(html.find("খাবারের পরে") != std::string::npos);
    CHECK(html.find("৫৫ বছর") != std::string::npos);  // 55 on 24 Nov 2025
    CHECK(html.find("paper=a5") != std::string::npos);
    CHECK(html.find("খসড়া") != std::string::npos);  // still a draft

    const auto event = f.lastAudit();
    CHECK(event.action == "visit.print");
    CHECK(event.patientId == bn);
    CHECK(event.actorId == f.otherDoctorMember.id);

    const std::string english = f.visits.prescriptionHtml(f.doctor, enVisit, opd::Paper::A4);
    CHECK(english.find("John D&#39;Souza") != std::string::npos);
    CHECK(english.find("Diagnosis") != std::string::npos);
    CHECK(english.find("Follow-up") != std::string::npos);
    CHECK(english.find("01-12-2025") != std::string::npos);
    CHECK(english.find("before meal") != std::string::npos);
    CHECK(english.find("DRAFT") == std::string::npos);
}

TEST_CASE("only doctors use visits: refusals are audited", "[visits][permissions]") {
    VisitFixture f;
    const long long patient = f.addPatient("Anwar Hossain");
    const long long id = f.visits.createVisit(f.doctor, {patient, std::nullopt, {}}).visit.visit.id;
    const auto receptionistMember = f.addStaff("front1", "receptionist");
    const auto receptionist = f.actorFor(receptionistMember);
    const std::vector<const auth::ActorContext*> refused{&f.admin, &f.nurse, &receptionist};
    for (const auth::ActorContext* actor : refused) {
        CHECK(errorOf([&] { f.visits.createVisit(*actor, {patient, std::nullopt, {}}); }).code() == ErrorCode::Forbidden);
        CHECK(errorOf([&] { f.visits.getVisit(*actor, id); }).code() == ErrorCode::Forbidden);
        CHECK(f.lastAudit().outcome == "denied");
        CHECK(f.lastAudit().patientId == std::nullopt);  // refused before the visit was read
        CHECK(errorOf([&] { f.visits.patientHistory(*actor, patient); }).code() == ErrorCode::Forbidden);
        CHECK(f.lastAudit().outcome == "denied");
        CHECK(f.lastAudit().patientId == patient);
        CHECK(errorOf([&] { f.visits.prescriptionHtml(*actor, id, opd::Paper::A4); }).code() == ErrorCode::Forbidden);
        CHECK(errorOf([&] { f.visits.lastPrescription(*actor, patient); }).code() == ErrorCode::Forbidden);
    }
    SECTION("a doctor account without a doctor's profile is refused too") {
        f.db->write([&](store::Connection& c) {
            auto q = c.prepare("DELETE FROM doctors WHERE staff_id = ?1");
            q->bind(1, static_cast<int64_t>(f.otherDoctorMember.id));
            q->exec();
        });
        CHECK(errorOf([&] { f.visits.getVisit(f.otherDoctor, id); }).code() == ErrorCode::Forbidden);
    }
}

TEST_CASE("every read of a visit is audited with the patient's id", "[visits][audit]") {
    VisitFixture f;
    const long long patient = f.addPatient("Selina Parvin");
    const long long id = f.visits.createVisit(f.doctor, {patient, std::nullopt, {}}).visit.visit.id;
    f.visits.getVisit(f.otherDoctor, id);
    const auto event = f.lastAudit();
    CHECK(event.action == "visit.read");
    CHECK(event.objectType == "visit");
    CHECK(event.objectId == std::to_string(id));
    CHECK(event.patientId == patient);
    CHECK(event.outcome == "success");
    for (const auto& e : f.auditTrail()) CHECK(e.detail.find("Selina") == std::string::npos);
}
