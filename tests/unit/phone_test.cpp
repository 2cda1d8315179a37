#include "hub/domain/phone.h"

#include "support/catch.h"

using namespace hub::domain;

const std::vector<std::string> bangladeshClinic{"BD", "IN"};
const std::vector<std::string> indianClinic{"IN", "BD"};

TEST_CASE("Bangladeshi numbers in local and international formats", "[phone]") {
    for (const char* text : {"01712-345678", "01712345678", "+880 1712 345678", "+8801712345678", "8801712345678",
                             "(+880) 1712-345678"}) {
        INFO(text);
        CHECK(normalizePhone(text, bangladeshClinic) == "+8801712345678");
    }
}

TEST_CASE("Indian numbers in local and international formats", "[phone]") {
    for (const char* text : {"098765 43210", "98765 43210", "+91 98765 43210", "+91-9876543210"}) {
        INFO(text);
        CHECK(normalizePhone(text, indianClinic) == "+919876543210");
    }
    // A Bangladeshi clinic still recognises an Indian patient's number.
    CHECK(normalizePhone("+91 98765 43210", bangladeshClinic) == "+919876543210");
}

TEST_CASE("Bangla digits are digits", "[phone]") {
    // ০১৭১২-৩৪৫৬৭৮
    CHECK(normalizePhone("\xE0\xA7\xA6\xE0\xA7\xA7\xE0\xA7\xAD\xE0\xA7\xA7\xE0\xA7\xA8-"
                         "\xE0\xA7\xA9\xE0\xA7\xAA\xE0\xA7\xAB\xE0\xA7\xAC\xE0\xA7\xAD\xE0\xA7\xAE",
                         bangladeshClinic) == "+8801712345678");
    CHECK(phoneDigits("\xE0\xA7\xAB\xE0\xA7\xAC") == "56");
}

TEST_CASE("things that are not phone numbers are refused", "[phone]") {
    for (const char* bad : {"", "12345", "hello", "0171234", "+880 1712 345678 999 999", "not a 01712345678 number x"}) {
        INFO(bad);
        CHECK_FALSE(normalizePhone(bad, bangladeshClinic).has_value());
    }
}
