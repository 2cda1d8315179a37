#include "hub/domain/patient.h"

#include "hub/core/text.h"
#include "hub/domain/names.h"

#include <algorithm>
#include <cstdio>

namespace hub::domain {
std::string_view sexName(Sex s) { return nameIn(sexNames, s); }

std::optional<Sex> parseSex(std::string_view name) { return parseNameIn<Sex>(sexNames, name); }

std::string formatMrn(int year, long long serial) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d-%06lld", year % 100, serial);
    return buf;
}

bool looksLikeMrn(std::string_view t) {
    const auto digits = [](std::string_view s) {
        return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (t.size() >= 9 && t[2] == '-') return digits(t.substr(0, 2)) && digits(t.substr(3));
    return false;
}

std::optional<std::string> checkPersonName(std::string_view name) {
    if (name.empty() || name.size() > 100) return "must be 1 to 100 bytes";
    if (!utf8Length(name)) return "must be valid UTF-8";
    bool hasLetter = false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        if (c < 0x20 || c == 0x7F) return "must not contain control characters";
        // Any non-ASCII byte belongs to a letter of some script (Bangla, Devanagari ...).
        if (c >= 0x80 || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) hasLetter = true;
    }
    if (!hasLetter) return "must contain a letter";
    return std::nullopt;
}

std::vector<std::string> defaultChronicConditions() {
    return {"diabetes", "hypertension", "asthma", "copd", "ckd", "heart_disease", "thyroid", "epilepsy",
            "pregnancy", "tuberculosis", "arthritis", "depression"};
}

}  // namespace hub::domain
