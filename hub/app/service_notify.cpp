#include "hub/app/service_notify.h"

#ifdef CLINIC_HUB_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

namespace hub::app {

#ifdef CLINIC_HUB_HAVE_SYSTEMD
void notifyReady(const std::string& status) { sd_notify(0, ("READY=1\nSTATUS=" + status).c_str()); }
void notifyStopping() { sd_notify(0, "STOPPING=1"); }
void notifyWatchdog() { sd_notify(0, "WATCHDOG=1"); }
std::optional<std::chrono::milliseconds> watchdogPingInterval() {
    uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return std::nullopt;
    return std::chrono::milliseconds(usec / 2000);
}
#else
void notifyReady(const std::string&) {}
void notifyStopping() {}
void notifyWatchdog() {}
std::optional<std::chrono::milliseconds> watchdogPingInterval() { return std::nullopt; }
#endif

}  // namespace hub::app
