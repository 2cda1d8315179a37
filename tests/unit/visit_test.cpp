#include "hub/domain/visit.h"

#include "support/catch.h"

using namespace hub::domain;

namespace {
std::string problemField(VisitContent c) {
    auto p = checkVisitContent(c, Date{2026, 11, 24});
    return p ? p->field : "";
}
}  // namespace

TEST_CASE("plausible vitals pass and slips of the finger are caught", "[visit]") {
    VisitContent c;
    c.vitals.bpSystolic = 120;
    c.vitals.bpDiastolic = 80;
    c.vitals.pulse = 88;
    c.vitals.temperatureF = 101.4;
    c.vitals.spo2 = 97;
    CHECK(problemField(c) == "");
    SECTION("pulse") { c.vitals.pulse = 720; CHECK(problemField(c) == "vitals.pulse"); }
    SECTION("temperature") { c.vitals.temperatureF = 1014; CHECK(problemField(c) == "vitals.temperature_f"); }
    SECTION("diastolic above systolic") { c.vitals.bpDiastolic = 130; CHECK(problemField(c) == "vitals.bp_diastolic"); }
    SECTION("half a blood pressure") { c.vitals.bpDiastolic.reset(); CHECK(problemField(c) == "vitals.bp_diastolic"); }
    SECTION("spo2 over 100") { c.vitals.spo2 = 101; CHECK(problemField(c) == "vitals.spo2"); }
}

TEST_CASE("prescription items need a drug and a dose, doses are made canonical", "[visit]") {
    VisitContent c;
    c.prescription.push_back({"Paracetamol", "500 mg", "tablet", "1/2+0+1/2", MealTiming::AfterMeal,
                              Duration{Duration::Unit::Days, 5}, ""});
    CHECK(problemField(c) == "");
    checkVisitContent(c, Date{2026, 11, 24});
    CHECK(c.prescription[0].dose == "\xC2\xBD+0+\xC2\xBD");
    c.prescription.push_back({"", "", "", "1+0+1", MealTiming::Any, {}, ""});
    CHECK(problemField(c) == "prescription[1].drug");
    c.prescription[1].drug = "Omeprazole";
    c.prescription[1].dose = "1+0";
    CHECK(problemField(c) == "prescription[1].dose");
}

TEST_CASE("diagnoses may carry an ICD-10 code, which must look like one", "[visit]") {
    CHECK(looksLikeIcd10("I10"));
    CHECK(looksLikeIcd10("E11.9"));
    CHECK(looksLikeIcd10("S52.521A"));
    CHECK_FALSE(looksLikeIcd10("E11."));
    CHECK_FALSE(looksLikeIcd10("11.9"));
    CHECK_FALSE(looksLikeIcd10("e11.9"));
    VisitContent c;
    c.diagnoses.push_back({"Type 2 diabetes", "E11.9"});
    c.diagnoses.push_back({"Hypertension", "hypertension"});
    CHECK(problemField(c) == "diagnoses[1].icd10");
}

TEST_CASE("a follow-up date is not in the past", "[visit]") {
    VisitContent c;
    c.followUpDate = Date{2026, 11, 23};
    CHECK(problemField(c) == "follow_up_date");
    c.followUpDate = Date{2026, 12, 1};
    CHECK(problemField(c) == "");
}

TEST_CASE("durations read as people write them", "[visit]") {
    CHECK(parseDuration("7 days")->text() == "7 days");
    CHECK(parseDuration("1 month")->text() == "1 month");
    CHECK(parseDuration("2weeks")->text() == "2 weeks");
    CHECK(parseDuration("continue")->unit == Duration::Unit::Continue);
    CHECK_FALSE(parseDuration("0 days"));
    CHECK_FALSE(parseDuration("forever"));
    CHECK_FALSE(parseDuration("7 fortnights"));
}
