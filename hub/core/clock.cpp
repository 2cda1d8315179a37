#include "hub/core/clock.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace hub {

std::string formatRfc3339(TimePoint t, int utcOffsetMinutes) {
    const std::time_t shifted = static_cast<std::time_t>(toUnixSeconds(t) + utcOffsetMinutes * 60LL);
    std::tm tm{};
    gmtime_r(&shifted, &tm);
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
    if (utcOffsetMinutes == 0) return std::string(date) + "Z";
    char offset[16];
    const int abs = std::abs(utcOffsetMinutes);
    std::snprintf(offset, sizeof offset, "%c%02d:%02d", utcOffsetMinutes < 0 ? '-' : '+', abs / 60, abs % 60);
    return std::string(date) + offset;
}

}  // namespace hub
