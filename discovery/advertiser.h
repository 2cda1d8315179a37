#pragma once
// Publishes the hub on the clinic LAN through avahi-daemon (the avahi-client API
// over D-Bus): _https._tcp for browsers and _clinichub._tcp for apps, under the
// box's Avahi host name (<host>.local).
//
// It runs on Avahi's own thread and never blocks the hub: without avahi-daemon or
// D-Bus it logs one warning and keeps trying, so the hub serves by IP address in
// the meantime and is advertised as soon as avahi-daemon starts, or comes back
// after a restart. A service name another device already uses is replaced by the
// name with this box's suffix ("Clinic Hub – X (3F9A2C)").
//
// No Avahi type appears here: the rest of the hub includes this header.
#include "discovery/service_naming.h"

#include <functional>
#include <memory>
#include <string>

namespace hub::discovery {

struct AdvertiserEvents {
    // Avahi's host name for this box, the label before ".local", each time it is
    // learned: at the first connection to avahi-daemon and after Avahi renamed the
    // host ("clinic-hub-2" when another device already answers to clinic-hub.local).
    // Runs on the advertiser's thread; must not call back into the Advertiser.
    std::function<void(const std::string& hostLabel)> hostName;
};

class Advertiser {
public:
    // Starts advertising in the background and returns at once.
    explicit Advertiser(Advertisement advertisement, AdvertiserEvents events = {});
    ~Advertiser();  // withdraws the services
    Advertiser(const Advertiser&) = delete;
    Advertiser& operator=(const Advertiser&) = delete;

    // Replaces what is advertised (the clinic was renamed, the port changed) and
    // re-publishes if anything differs. Thread-safe; not from an AdvertiserEvents
    // callback.
    void update(Advertisement advertisement);

    // The instance name avahi-daemon has established, after any renaming; "" while
    // nothing is published.
    std::string publishedName() const;

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace hub::discovery
