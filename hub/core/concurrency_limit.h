#pragma once
// At most N callers inside at once; the others wait their turn for a bounded
// time. Used where each caller costs a fixed slice of memory (an argon2id
// password check takes 19 MiB), so that the peak stays N slices however many
// requests arrive together. Thread-safe.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>

namespace hub {

class ConcurrencyLimit {
public:
    // Holding a Permit is being inside; its destructor lets the next waiter in.
    class Permit {
    public:
        Permit(Permit&& other) noexcept : limit_(other.limit_) { other.limit_ = nullptr; }
        Permit& operator=(Permit&&) = delete;
        Permit(const Permit&) = delete;
        ~Permit();

    private:
        friend class ConcurrencyLimit;
        explicit Permit(ConcurrencyLimit* limit) : limit_(limit) {}
        ConcurrencyLimit* limit_;
    };

    // maxInside >= 1; maxWait is how long enter() waits for a turn.
    ConcurrencyLimit(std::size_t maxInside, std::chrono::milliseconds maxWait);
    ConcurrencyLimit(const ConcurrencyLimit&) = delete;
    ConcurrencyLimit& operator=(const ConcurrencyLimit&) = delete;

    // Waits at most maxWait for a turn. Throws Error(Unavailable) with a
    // Retry-After of a few seconds when none came; `what` names the work in
    // the message ("password checks").
    Permit enter(const std::string& what);

    std::size_t maxInside() const { return maxInside_; }
    std::size_t inside() const;
    std::size_t mostInsideAtOnce() const;  // high-water mark, for tests and benchmarks

private:
    void leave();

    const std::size_t maxInside_;
    const std::chrono::milliseconds maxWait_;
    mutable std::mutex mutex_;
    std::condition_variable turn_;
    std::size_t inside_ = 0;      // REQUIRES: mutex_ held
    std::size_t highWater_ = 0;   // REQUIRES: mutex_ held
};

}  // namespace hub
