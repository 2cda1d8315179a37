#pragma once
// Time is injected everywhere so that expiry, throttling and the clinic-day
// rollover are tested by moving a clock, never by sleeping.
#include <chrono>
#include <mutex>
#include <string>

namespace hub {

using TimePoint = std::chrono::system_clock::time_point;
using Seconds = std::chrono::seconds;

class Clock {
public:
    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
public:
    TimePoint now() const override { return std::chrono::system_clock::now(); }
};

// A clock that only moves when told to. Thread-safe.
class ManualClock final : public Clock {
public:
    explicit ManualClock(TimePoint start) : now_(start) {}
    TimePoint now() const override {
        std::lock_guard lock(mutex_);
        return now_;
    }
    void advance(std::chrono::system_clock::duration by) {
        std::lock_guard lock(mutex_);
        now_ += by;
    }
    void set(TimePoint to) {
        std::lock_guard lock(mutex_);
        now_ = to;
    }

private:
    mutable std::mutex mutex_;
    TimePoint now_;
};

// Unix seconds, the unit the store keeps times in.
inline long long toUnixSeconds(TimePoint t) {
    return std::chrono::duration_cast<Seconds>(t.time_since_epoch()).count();
}
inline TimePoint fromUnixSeconds(long long s) { return TimePoint(Seconds(s)); }

// RFC 3339 with an explicit offset, e.g. "2026-11-24T09:15:00+06:00".
// utcOffsetMinutes is the clinic's offset at that instant (0 gives "Z").
std::string formatRfc3339(TimePoint t, int utcOffsetMinutes = 0);

}  // namespace hub
