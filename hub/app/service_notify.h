#pragma once
// systemd integration: READY=1 once both listeners accept, WATCHDOG=1 from the
// main loop, STOPPING=1 on shutdown. No-ops when not built with libsystemd or
// not started by systemd.
#include <chrono>
#include <optional>
#include <string>

namespace hub::app {

void notifyReady(const std::string& status);
void notifyStopping();
void notifyWatchdog();
// Half the watchdog interval systemd asked for, or nullopt when it asked none.
std::optional<std::chrono::milliseconds> watchdogPingInterval();

}  // namespace hub::app
