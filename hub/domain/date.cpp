#include "hub/domain/date.h"

#include <algorithm>
#include <cstdio>

namespace hub::domain {
namespace {

bool leapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int daysInMonth(int y, int m) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leapYear(y) ? 29 : days[m - 1];
}

}  // namespace

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

}  // namespace hub::domain
