#include "hub/domain/dose.h"

#include <numeric>

namespace hub::domain {
namespace {

// UTF-8 spellings that stand for a digit or a fraction.
struct Glyph {
    std::string_view text;
    int quarters;   // value of a fraction glyph, or -1 for a digit
    int digit;      // value of a digit glyph, or -1 for a fraction
};

constexpr Glyph glyphs[] = {
    {"\xC2\xBD", 2, -1}, {"\xC2\xBC", 1, -1}, {"\xC2\xBE", 3, -1},  // ½ ¼ ¾
    {"\xE0\xA7\xA6", -1, 0}, {"\xE0\xA7\xA7", -1, 1}, {"\xE0\xA7\xA8", -1, 2}, {"\xE0\xA7\xA9", -1, 3},
    {"\xE0\xA7\xAA", -1, 4}, {"\xE0\xA7\xAB", -1, 5}, {"\xE0\xA7\xAC", -1, 6}, {"\xE0\xA7\xAD", -1, 7},
    {"\xE0\xA7\xAE", -1, 8}, {"\xE0\xA7\xAF", -1, 9},  // ০-৯
};

// Rewrites Bangla digits to ASCII and fraction glyphs to "#q" markers.
std::string normalise(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        bool matched = false;
        for (const auto& g : glyphs) {
            if (s.substr(i, g.text.size()) == g.text) {
                if (g.digit >= 0) out += static_cast<char>('0' + g.digit);
                else {
                    out += '#';
                    out += std::to_string(g.quarters);
                }
                i += g.text.size();
                matched = true;
                break;
            }
        }
        if (!matched) {
            if (s[i] != ' ') out += s[i];
            ++i;
        }
    }
    return out;
}

// One amount in quarters: "1", "#2", "1#2", "1/2", "0.5", "1.25". nullopt if not one.
std::optional<int> parseAmount(const std::string& a) {
    if (a.empty() || a.size() > 6) return std::nullopt;
    std::size_t i = 0;
    int whole = 0;
    bool hasWhole = false;
    while (i < a.size() && a[i] >= '0' && a[i] <= '9') {
        whole = whole * 10 + (a[i] - '0');
        hasWhole = true;
        ++i;
    }
    if (i == a.size()) return hasWhole ? std::optional<int>(whole * 4) : std::nullopt;
    const std::string rest = a.substr(i);
    if (rest == "#1" || rest == "#2" || rest == "#3") return whole * 4 + (rest[1] - '0');
    if (!hasWhole) return std::nullopt;
    if (rest == ".5") return whole * 4 + 2;
    if (rest == ".25") return whole * 4 + 1;
    if (rest == ".75") return whole * 4 + 3;
    if (whole == 1 && rest == "/2") return 2;
    if (whole == 1 && rest == "/4") return 1;
    if (whole == 3 && rest == "/4") return 3;
    return std::nullopt;
}

std::string spell(int quarters) {
    static constexpr std::string_view fraction[] = {"", "\xC2\xBC", "\xC2\xBD", "\xC2\xBE"};
    const int whole = quarters / 4, part = quarters % 4;
    if (part == 0) return std::to_string(whole);
    return (whole > 0 ? std::to_string(whole) : std::string()) + std::string(fraction[part]);
}

}  // namespace

int DoseSchedule::quartersPerDay() const { return std::accumulate(quarters.begin(), quarters.end(), 0); }

std::optional<DoseSchedule> parseDoseNotation(std::string_view text) {
    const std::string s = normalise(text);
    DoseSchedule out;
    std::size_t start = 0;
    while (true) {
        const std::size_t plus = s.find('+', start);
        const auto amount = parseAmount(s.substr(start, plus == std::string::npos ? std::string::npos : plus - start));
        if (!amount || *amount > 40) return std::nullopt;  // more than 10 units at once is not a dose
        out.quarters.push_back(*amount);
        if (plus == std::string::npos) break;
        start = plus + 1;
    }
    if (out.quarters.size() < 3 || out.quarters.size() > 4 || out.quartersPerDay() == 0) return std::nullopt;
    for (int q : out.quarters) {
        if (!out.notation.empty()) out.notation += '+';
        out.notation += spell(q);
    }
    return out;
}

std::optional<std::string> checkDose(std::string_view text) {
    if (text.empty()) return "is required";
    if (text.size() > 200) return "must be at most 200 bytes";
    if (text.find('+') != std::string_view::npos && !parseDoseNotation(text))
        return "is not a dose like 1+0+1 (morning+noon+night, 3 or 4 amounts, ½ allowed)";
    return std::nullopt;
}

}  // namespace hub::domain
