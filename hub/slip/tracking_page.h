#pragma once
// The patient's tracking page (/t/{code}): small, phone-first HTML in the
// patient's language, no script at all (a meta refresh reloads it every 15 s
// while the patient waits), styles from the hub (its Content-Security-Policy
// forbids inline ones). Invalid links and rate-limited phones get a kind page
// in both languages instead of an error dump.
#include "hub/slip/tracking_service.h"

#include <string>
#include <string_view>

namespace hub::slip {

inline constexpr std::string_view trackingStylesheetPath = "/assets/track.css";
inline constexpr int trackingRefreshSeconds = 15;

std::string renderTrackingPage(const TrackingView& view);
std::string renderTrackingNotFoundPage();
std::string renderTrackingBusyPage(int retryAfterSeconds);
std::string trackingStylesheet();

}  // namespace hub::slip
