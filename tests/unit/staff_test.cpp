#include "hub/domain/staff.h"

#include "support/catch.h"

using namespace hub::domain;

TEST_CASE("roles round-trip through their names", "[staff]") {
    for (Role role : allRoles) CHECK(parseRole(roleName(role)) == role);
    CHECK_FALSE(parseRole("Admin").has_value());
    CHECK_FALSE(parseRole("superuser").has_value());
}

TEST_CASE("usernames are short lower-case identifiers", "[staff]") {
    CHECK_FALSE(checkUsername("reception1"));
    CHECK_FALSE(checkUsername("dr.rahman"));
    CHECK(checkUsername("ab"));
    CHECK(checkUsername("1doctor"));
    CHECK(checkUsername("Dr.Rahman"));
    CHECK(checkUsername("dr rahman"));
    CHECK(checkUsername(std::string(33, 'a')));
}

TEST_CASE("passwords are judged by length, counted in characters", "[staff]") {
    CHECK(checkPassword("short", "nurse1"));
    CHECK_FALSE(checkPassword("long enough pass", "nurse1"));
    // Ten Bangla letters are ten characters though thirty bytes.
    CHECK_FALSE(checkPassword("\xe0\xa6\x95\xe0\xa6\x96\xe0\xa6\x97\xe0\xa6\x98\xe0\xa6\x99"
                              "\xe0\xa6\x9a\xe0\xa6\x9b\xe0\xa6\x9c\xe0\xa6\x9d\xe0\xa6\x9e", "nurse1"));
    CHECK(checkPassword("\xe0\xa6\x95\xe0\xa6\x96\xe0\xa6\x97", "nurse1"));
    CHECK(checkPassword("receptionist", "receptionist"));
    CHECK(checkPassword(std::string(257, 'x'), "nurse1"));
    CHECK(checkPassword("\xff\xfe invalid utf8", "nurse1"));
}

TEST_CASE("display names are printable UTF-8", "[staff]") {
    CHECK_FALSE(checkDisplayName("Dr. Rahima Akter"));
    CHECK_FALSE(checkDisplayName("\xe0\xa6\xa1\xe0\xa6\xBE"));
    CHECK(checkDisplayName(""));
    CHECK(checkDisplayName("line\nbreak"));
}
