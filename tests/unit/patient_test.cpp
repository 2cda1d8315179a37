#include "hub/domain/patient.h"

#include "support/catch.h"

using namespace hub::domain;

TEST_CASE("ISO dates are checked against the calendar", "[patient]") {
    CHECK(parseIsoDate("2024-02-29")->iso() == "2024-02-29");
    CHECK_FALSE(parseIsoDate("2023-02-29"));
    CHECK_FALSE(parseIsoDate("2023-13-01"));
    CHECK_FALSE(parseIsoDate("2023-1-01"));
    CHECK_FALSE(parseIsoDate("1700-01-01"));
    CHECK_FALSE(parseIsoDate("yesterday!"));
}

TEST_CASE("age counts whole years, birthdays included", "[patient]") {
    const Date birth{1990, 6, 15};
    CHECK(ageInYears(birth, {2026, 6, 14}) == 35);
    CHECK(ageInYears(birth, {2026, 6, 15}) == 36);
    CHECK(ageInYears({2026, 1, 1}, {2026, 11, 24}) == 0);
}

TEST_CASE("an age given instead of a birth date round-trips to the same age", "[patient]") {
    const Date today{2026, 11, 24};
    for (int age : {0, 1, 35, 90}) CHECK(ageInYears(approximateBirthDate(age, today), today) == age);
    CHECK(approximateBirthDate(1, {2024, 2, 29}).iso() == "2023-02-28");
}

TEST_CASE("record numbers are year and serial", "[patient]") {
    CHECK(formatMrn(2026, 123) == "26-000123");
    CHECK(formatMrn(2030, 1234567) == "30-1234567");
    CHECK(looksLikeMrn("26-000123"));
    CHECK_FALSE(looksLikeMrn("26000123"));
    CHECK_FALSE(looksLikeMrn("01712345678"));
}

TEST_CASE("names may be in any script but must be names", "[patient]") {
    CHECK_FALSE(checkPersonName("Rahima Begum"));
    CHECK_FALSE(checkPersonName("\xE0\xA6\xB0\xE0\xA6\xB9\xE0\xA6\xBF\xE0\xA6\xAE\xE0\xA6\xBE"));  // রহিমা
    CHECK(checkPersonName(""));
    CHECK(checkPersonName("12345"));
    CHECK(checkPersonName("bad\nname"));
    CHECK(checkPersonName("\xC3\x28"));  // invalid UTF-8
    CHECK(checkPersonName(std::string(101, 'a')));
}

TEST_CASE("sex parses from its names", "[patient]") {
    CHECK(parseSex("female") == Sex::Female);
    CHECK_FALSE(parseSex("F"));
}

namespace {

std::string fieldOf(const std::optional<FieldProblem>& problem) { return problem ? problem->field : ""; }

}  // namespace

TEST_CASE("a patient's field rules name the API's field", "[patient]") {
    const Date today{2026, 11, 24};
    SECTION("names are normalised, then checked") {
        CHECK(normalizeSpaces("  Rahima \t  Begum \n") == "Rahima Begum");
        CHECK_FALSE(checkPatientName("Rahima Begum"));
        CHECK(fieldOf(checkPatientName("")) == "name");
        CHECK(fieldOf(checkPatientName("12345")) == "name");
    }
    SECTION("free text: length, UTF-8, no control characters but newlines") {
        CHECK_FALSE(checkPatientText(std::string(300, 'a'), addressField));
        CHECK(fieldOf(checkPatientText(std::string(301, 'a'), addressField)) == "address");
        CHECK(checkPatientText(std::string(101, 'a'), guardianField)->message == "must be at most 100 bytes");
        CHECK_FALSE(checkPatientText(std::string(500, 'a'), allergiesField));
        CHECK(fieldOf(checkPatientText("\xFF", allergiesField)) == "allergies");
        CHECK(fieldOf(checkPatientText("a\tb", addressField)) == "address");
        CHECK_FALSE(checkPatientText("line 1\nline 2", addressField));
    }
    SECTION("one to five phone numbers") {
        CHECK(fieldOf(checkPhoneCount(0)) == "phones");
        CHECK_FALSE(checkPhoneCount(1));
        CHECK_FALSE(checkPhoneCount(maxPhones));
        CHECK(fieldOf(checkPhoneCount(maxPhones + 1)) == "phones");
    }
    SECTION("a birth date is not in the future nor more than 130 years ago; an age is 0-130") {
        CHECK_FALSE(checkBirthDate(today, today));
        CHECK(checkBirthDate({2026, 11, 25}, today)->message == "is in the future");
        CHECK_FALSE(checkBirthDate({1895, 11, 25}, today));  // 130 until tomorrow
        CHECK(fieldOf(checkBirthDate({1895, 11, 24}, today)) == "date_of_birth");  // 131 today
        CHECK_FALSE(checkAgeYears(0));
        CHECK_FALSE(checkAgeYears(maxAgeYears));
        CHECK(fieldOf(checkAgeYears(-1)) == "age_years");
        CHECK(fieldOf(checkAgeYears(131)) == "age_years");
        CHECK(fieldOf(checkAgeYears(9'000'000'000LL)) == "age_years");
    }
    SECTION("a blood group is one of the eight, or unknown") {
        for (const auto group : bloodGroups) CHECK_FALSE(checkBloodGroup(group));
        CHECK_FALSE(checkBloodGroup(""));
        CHECK(fieldOf(checkBloodGroup("C+")) == "blood_group");
        CHECK(fieldOf(checkBloodGroup("a+")) == "blood_group");
    }
}

TEST_CASE("the changed fields of a record: every field a client changes, by its API name", "[patient]") {
    Patient was;
    was.id = 7;
    was.name = "Rahima Begum";
    was.phones = {"+8801712345678"};
    CHECK(changedPatientFields(was, was).empty());

    // One change per field; each must be reported, alone, by its API name.
    const std::vector<std::pair<std::string, void (*)(Patient&)>> changes = {
        {"name", [](Patient& p) { p.name = "Rahima Khatun"; }},
        {"phones", [](Patient& p) { p.phones.push_back("+8801812345678"); }},
        {"sex", [](Patient& p) { p.sex = Sex::Female; }},
        {"date_of_birth", [](Patient& p) { p.birthDate = Date{1990, 1, 1}; }},
        {"date_of_birth", [](Patient& p) { p.birthDateApproximate = true; }},
        {"address", [](Patient& p) { p.address = "Mirpur"; }},
        {"guardian", [](Patient& p) { p.guardian = "Karim"; }},
        {"blood_group", [](Patient& p) { p.bloodGroup = "O+"; }},
        {"allergies", [](Patient& p) { p.allergies = "penicillin"; }},
        {"chronic_conditions", [](Patient& p) { p.chronicConditions = {"diabetes"}; }},
        {"consent_sms", [](Patient& p) { p.consentSms = true; }},
        {"consent_whatsapp", [](Patient& p) { p.consentWhatsapp = true; }},
        {"preferred_language", [](Patient& p) { p.preferredLanguage = Language::Hindi; }},
    };
    for (const auto& [field, change] : changes) {
        Patient now = was;
        change(now);
        INFO(field);
        CHECK(changedPatientFields(was, now) == std::vector<std::string_view>{field});
    }
    // The record's identity and bookkeeping are not fields a client changes.
    Patient touched = was;
    touched.updatedAt = was.updatedAt + std::chrono::seconds(60);
    touched.mrn = "26-000001";
    CHECK(changedPatientFields(was, touched).empty());

    Patient both = was;
    both.name = "R. Begum";
    both.preferredLanguage = Language::English;
    CHECK(changedPatientFields(was, both) == std::vector<std::string_view>{"name", "preferred_language"});
}
