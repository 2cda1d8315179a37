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
