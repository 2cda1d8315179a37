#pragma once
// Phone numbers as patients say them ("01712-345678", "+880 1712 345678",
// "098765 43210") normalized to E.164 with libphonenumber, so the same patient
// is found whichever way the receptionist typed the number.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hub::domain {

// regions: ISO 3166 codes to try for numbers without a country code, the
// clinic's own first (e.g. {"BD", "IN"}). Returns "+8801712345678", or nullopt
// when the text is not a valid number for any of them.
std::optional<std::string> normalizePhone(std::string_view text, const std::vector<std::string>& regions);

// The digits of text (ASCII and Bangla/Devanagari digits), for matching a
// number's last digits: "…345678" finds +8801712345678.
std::string phoneDigits(std::string_view text);

}  // namespace hub::domain
