#include "hub/app/hub_daemon.h"
#include "hub/app/service_notify.h"
#include "hub/core/error.h"
#include "hub/core/log.h"

#include <Poco/Exception.h>

#include <csignal>
#include <filesystem>
#include <malloc.h>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <pthread.h>

namespace hub::app {
namespace {

// Blocks the signals the main loop waits for. Must run before any thread
// starts, so that every thread inherits the mask and only sigtimedwait sees them.
sigset_t blockControlSignals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    std::signal(SIGPIPE, SIG_IGN);  // a client hanging up is an error return, not a crash
    return set;
}

}  // namespace

int runDaemon(int argc, const char* const argv[]) {
    const sigset_t signals = blockControlSignals();
    ParsedConfig parsed;
    try {
        parsed = parseConfig(argc, argv);
        if (parsed.action == ParsedConfig::Action::Exit) {
            std::cout << parsed.output;
            return 0;
        }
        validateForDaemon(parsed);
    } catch (const ConfigError& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 2;
    }
    log::setLevel(parsed.config.logLevel);

    SystemClock clock;
    SystemRandom random;
    HubDaemon daemon(parsed.config, clock, random);
    try {
        daemon.start();
    } catch (const Poco::Exception& e) {
        // displayText() carries the detail ("Address already in use"); what() does not.
        log::error("hub", "cannot start: " + e.displayText());
        return 1;
    } catch (const std::exception& e) {
        log::error("hub", std::string("cannot start: ") + e.what());
        // A failed migration is rolled back whole; the package's pre-upgrade
        // snapshot is the way back from one that turned out wrong.
        std::error_code ec;
        if (std::filesystem::is_directory(std::filesystem::path(parsed.config.dataDir) / "snapshots", ec))
            log::error("hub", "snapshots taken before upgrades are in " + parsed.config.dataDir +
                                  "/snapshots; 'clinic-hub restore-snapshot --list' shows them (INSTALL.md, Upgrade)");
        return 1;
    }
    // Start-up reads and checks every voice clip, builds certificates and hashes
    // a dummy password: buffers freed between long-lived allocations, which keep
    // glibc from shrinking the heap. Hand the free pages back once, now.
    malloc_trim(0);
    notifyReady(daemon.statusLine());

    // The main thread only waits: for a signal and for the watchdog. Background
    // work runs on the job runner's threads (HubDaemon::registerJobs), so a long
    // job can never make the watchdog miss a ping.
    const auto watchdog = watchdogPingInterval();
    const auto tick = std::min<std::chrono::milliseconds>(watchdog.value_or(std::chrono::seconds(60)),
                                                          std::chrono::seconds(60));
    for (;;) {
        timespec wait{static_cast<time_t>(tick.count() / 1000), static_cast<long>(tick.count() % 1000) * 1'000'000};
        const int sig = sigtimedwait(&signals, nullptr, &wait);
        if (sig == SIGTERM || sig == SIGINT) {
            log::info("hub", sig == SIGTERM ? "SIGTERM: shutting down" : "SIGINT: shutting down");
            break;
        }
        if (watchdog) notifyWatchdog();
        if (sig == SIGHUP) daemon.maintain();  // the runner looks at its schedules at once
    }
    notifyStopping();
    daemon.stop();
    return 0;
}

}  // namespace hub::app
