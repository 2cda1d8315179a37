#pragma once
// The patient's tracking link, read without a session: where the token stands
// now in its doctor's queue. A code is valid until the end of its token's
// clinic day (the clinic's midnight); a code for a token that was transferred
// follows the patient to the new doctor's queue.
//
// Every read is limited per client address (a token bucket for all reads and
// a much smaller one for unknown codes), so guessing codes gets nowhere even
// before one counts the 2^128 of them. Reads write no audit event: they show
// no patient data (docs/security.md).
#include "hub/core/clock.h"
#include "hub/core/rate_limiter.h"
#include "hub/domain/language.h"
#include "hub/domain/queue.h"
#include "hub/opd/queue_service.h"
#include "hub/store/database.h"

#include <optional>
#include <string>
#include <string_view>

namespace hub::slip {

struct TrackingPolicy {
    // A phone refreshing every 15 s makes 4 reads a minute; a guest Wi-Fi that
    // NATs every phone behind one address needs room for many phones.
    RateLimit reads{120, 4};
    // Unknown or expired codes: a mistyped link or yesterday's slip, a few a day.
    RateLimit misses{20, 1.0 / 30};
};

// What the patient's page and trackToken show: their own token and, of
// everyone else, only the label now being served.
struct TrackingView {
    std::string label;
    domain::TokenState state = domain::TokenState::Waiting;
    std::optional<int> position;              // 1 = next; waiting only
    std::optional<int> estimatedWaitMinutes;  // waiting only
    std::optional<std::string> nowServing;
    std::string doctorName;  // in the page's language when the doctor has a Bangla name
    std::string room;
    domain::Language language = domain::Language::English;  // the page's (domain::pageLanguage)
    TimePoint expiresAt{};
    int utcOffsetMinutes = 0;
};

class TrackingService {
public:
    TrackingService(store::Database& db, const Clock& clock, opd::QueueService& queue, TrackingPolicy policy = {});

    // Throws Error(TooManyRequests) with retry-after when clientAddress is over
    // its limit, Error(NotFound) for a malformed, unknown or expired code (the
    // same message: a link never tells which).
    TrackingView track(std::string_view code, std::string_view clientAddress);

private:
    [[noreturn]] void miss(std::string_view clientAddress);

    store::Database& db_;
    opd::QueueService& queue_;
    RateLimiter reads_;
    RateLimiter misses_;
};

}  // namespace hub::slip
