#include "hub/domain/dose.h"

#include "support/catch.h"

using namespace hub::domain;

TEST_CASE("dose notation reads morning+noon+night", "[dose]") {
    auto d = parseDoseNotation("1+0+1");
    REQUIRE(d);
    CHECK(d->quarters == std::vector<int>{4, 0, 4});
    CHECK(d->quartersPerDay() == 8);
    CHECK(d->notation == "1+0+1");
    CHECK(parseDoseNotation("0+0+1")->quarters == std::vector<int>{0, 0, 4});
    CHECK(parseDoseNotation("1+1+1+1")->quartersPerDay() == 16);
    CHECK(parseDoseNotation("2+0+2")->notation == "2+0+2");
}

TEST_CASE("halves and quarters in every common spelling", "[dose]") {
    CHECK(parseDoseNotation("\xC2\xBD+0+\xC2\xBD")->quarters == std::vector<int>{2, 0, 2});  // ½+0+½
    CHECK(parseDoseNotation("1/2+0+1/2")->notation == "\xC2\xBD+0+\xC2\xBD");
    CHECK(parseDoseNotation("0.5+0+0.5")->quartersPerDay() == 4);
    CHECK(parseDoseNotation("1\xC2\xBD+0+0")->quarters == std::vector<int>{6, 0, 0});  // 1½
    CHECK(parseDoseNotation("\xC2\xBC+\xC2\xBC+\xC2\xBC")->quartersPerDay() == 3);
    CHECK(parseDoseNotation(" 1 + 0 + 1 ")->notation == "1+0+1");
}

TEST_CASE("Bangla digits are the same dose", "[dose]") {
    // ১+০+১
    auto d = parseDoseNotation("\xE0\xA7\xA7+\xE0\xA7\xA6+\xE0\xA7\xA7");
    REQUIRE(d);
    CHECK(d->notation == "1+0+1");
}

TEST_CASE("things that are not a dose are refused", "[dose]") {
    for (const char* bad : {"1+0", "1+0+1+1+1", "0+0+0", "a+b+c", "1++1", "+1+1", "1+0+", "11+0+1", "1/3+0+0",
                            "1.3+0+1", "-1+0+1"}) {
        INFO(bad);
        CHECK_FALSE(parseDoseNotation(bad));
    }
}

TEST_CASE("a dose field takes notation or free text", "[dose]") {
    CHECK_FALSE(checkDose("1+0+1"));
    CHECK_FALSE(checkDose("as needed for fever"));
    CHECK_FALSE(checkDose("SOS"));
    CHECK(checkDose(""));
    CHECK(checkDose("1+0"));  // a '+' means notation, and this one is incomplete
    CHECK(checkDose(std::string(201, 'x')));
}
