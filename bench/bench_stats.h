#pragma once
// What the benchmarks share besides the HTTPS client: percentiles, durations in
// milliseconds, and splitting typed text into the code points a person types.
#include <algorithm>
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace bench {

inline double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

template <class Rep, class Period>
double milliseconds(std::chrono::duration<Rep, Period> d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

// "রহিমা" -> {"র", "হ", "ি", "ম", "া"}: one entry per keystroke on a phone's
// keyboard, which types code points, not bytes (the input is valid UTF-8).
inline std::vector<std::string> codePoints(std::string_view s) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        out.emplace_back(s.substr(i, len));
        i += len;
    }
    return out;
}

}  // namespace bench
