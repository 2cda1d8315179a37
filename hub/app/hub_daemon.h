#pragma once
// The object graph of clinic-hubd, built once: database, services, the routing
// table, the HTTPS server over mbedTLS and the HTTP redirect listener.
#include "hub/config/config.h"
#include "hub/core/clock.h"
#include "hub/core/random.h"
#include "discovery/service_naming.h"

#include <memory>

namespace hub::app {

class HubDaemon {
public:
    // Everything the hub hands out as a secret or an id comes from random.
    HubDaemon(HubConfig config, const Clock& clock, Random& random);
    ~HubDaemon();
    HubDaemon(const HubDaemon&) = delete;
    HubDaemon& operator=(const HubDaemon&) = delete;

    // Opens the database (refusing an uninitialised data directory or a schema
    // newer than this build), makes sure the certificates exist, and starts the
    // listeners. Throws hub::Error with a message for the operator.
    void start();

    // Asks the job runner to look at its schedules now (SIGHUP). Background
    // work (certificate renewal, upkeep, the midnight roll, the nightly sync,
    // retention) runs on the runner's threads: registerJobs in hub_daemon.cpp.
    void maintain();

    // Stops accepting, lets requests in flight finish, closes the database.
    void stop();

    // One line for the service manager's status ("serving https://...:8443").
    std::string statusLine() const;

private:
    struct Parts;

    void registerJobs(Parts& p);

    // Re-issues the server certificate when the box's names or addresses changed
    // or expiry nears; new connections get the new one, live ones keep theirs.
    // REQUIRES: the certificate mutex held, the hub's own certificate in use.
    bool renewServerCertificate(Parts& p);

    // mDNS: advertise the hub, re-advertise when the clinic is renamed, and
    // follow Avahi's host name into the server certificate.
    void startAdvertising(Parts& p);
    discovery::Advertisement advertisement(const Parts& p, const std::string& clinicName) const;
    void followHostName(Parts& p, const std::string& label);

    HubConfig config_;
    const Clock& clock_;
    Random& random_;
    std::unique_ptr<Parts> parts_;
};

// clinic-hubd's main(): configuration, signals, sd_notify, the main loop.
int runDaemon(int argc, const char* const argv[]);

}  // namespace hub::app
