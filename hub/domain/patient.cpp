#include "hub/domain/patient.h"

#include "hub/core/text.h"

#include <algorithm>
#include <cstdio>

namespace hub::domain {
namespace {

constexpr std::string_view sexNames[] = {"female", "male", "other"};

bool leapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int daysInMonth(int y, int m) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leapYear(y) ? 29 : days[m - 1];
}

}  // namespace

std::string_view sexName(Sex s) { return sexNames[static_cast<std::size_t>(s)]; }

std::optional<Sex> parseSex(std::string_view name) {
    for (std::size_t i = 0; i < std::size(sexNames); ++i)
        if (sexNames[i] == name) return static_cast<Sex>(i);
    return std::nullopt;
}

std::string Date::iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

std::optional<Date> parseIsoDate(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
    auto num = [&](std::size_t at, std::size_t len) {
        int v = 0;
        for (std::size_t i = at; i < at + len; ++i) {
            if (t[i] < '0' || t[i] > '9') return -1;
            v = v * 10 + (t[i] - '0');
        }
        return v;
    };
    const Date d{num(0, 4), num(5, 2), num(8, 2)};
    if (d.year < 1850 || d.month < 1 || d.month > 12 || d.day < 1) return std::nullopt;
    if (d.day > daysInMonth(d.year, d.month)) return std::nullopt;
    return d;
}

int ageInYears(const Date& birth, const Date& on) {
    int age = on.year - birth.year;
    if (on.month < birth.month || (on.month == birth.month && on.day < birth.day)) --age;
    return std::max(age, 0);
}

Date approximateBirthDate(int ageYears, const Date& today) {
    Date d{today.year - ageYears, today.month, today.day};
    if (d.month == 2 && d.day == 29 && !leapYear(d.year)) d.day = 28;
    return d;
}

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
