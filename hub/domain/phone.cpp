#include "hub/domain/phone.h"

#include <phonenumbers/phonenumberutil.h>

namespace hub::domain {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

std::optional<std::string> normalizePhone(std::string_view text, const std::vector<std::string>& regions) {
    const std::string digitsOnly = phoneDigits(text);
    if (digitsOnly.size() < 6 || text.size() > 40) return std::nullopt;
    // libphonenumber understands ASCII digits; rewrite native digits first.
    std::string ascii;
    for (std::size_t i = 0; i < text.size();) {
        const std::string d = phoneDigits(text.substr(i, 3));
        if (static_cast<unsigned char>(text[i]) >= 0xE0 && d.size() == 1) {
            ascii += d;
            i += 3;
        } else {
            ascii += text[i];
            ++i;
        }
    }
    const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
    for (const auto& region : regions) {
        PhoneNumber number;
        if (util.Parse(ascii, region, &number) != PhoneNumberUtil::NO_PARSING_ERROR) continue;
        if (!util.IsValidNumber(number)) continue;
        std::string e164;
        util.Format(number, PhoneNumberUtil::E164, &e164);
        return e164;
    }
    return std::nullopt;
}

std::string phoneDigits(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= '0' && c <= '9') {
            out += static_cast<char>(c);
        } else if (c == 0xE0 && i + 2 < text.size()) {
            const auto b1 = static_cast<unsigned char>(text[i + 1]), b2 = static_cast<unsigned char>(text[i + 2]);
            // Bangla ০-৯ U+09E6..U+09EF = E0 A7 A6..AF; Devanagari ०-९ U+0966..U+096F = E0 A5 A6..AF.
            if ((b1 == 0xA7 || b1 == 0xA5) && b2 >= 0xA6 && b2 <= 0xAF) {
                out += static_cast<char>('0' + (b2 - 0xA6));
                i += 2;
            }
        }
    }
    return out;
}

}  // namespace hub::domain
