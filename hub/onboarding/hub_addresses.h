#pragma once
// Where staff devices reach the hub. Every place that shows the hub's address
// offers the `.local` name and the IP address URLs too: Android before 12, and
// any phone with Private DNS on, cannot resolve `.local`.
#include <string>
#include <string_view>
#include <vector>

namespace hub::onboarding {

struct HubAddresses {
    std::string hostname;                // "clinic-hub"; devices use "clinic-hub.local"
    std::vector<std::string> addresses;  // reachable IP addresses, IPv4 first ("192.168.1.20", "fd00::5")
    int httpsPort = 8443;
    int httpPort = 8080;                 // 0: no plain-HTTP listener

    std::string localName() const { return hostname + ".local"; }
};

// The addresses other devices can use: the listen address itself when the hub
// listens on one address, otherwise every interface address except loopback,
// link-local (it needs a zone no URL can carry) and public ones (the root CA's
// name constraints only permit private ranges). IPv4 before IPv6, each in order.
std::vector<std::string> reachableAddresses(std::string_view listenAddress,
                                            const std::vector<std::string>& interfaceAddresses);

// "https://clinic-hub.local:8443/welcome"; no port for 443.
std::string nameUrl(const HubAddresses& hub, std::string_view path = "/");
// One such URL per address; IPv6 in brackets.
std::vector<std::string> addressUrls(const HubAddresses& hub, std::string_view path = "/");

// The welcome page's URL for a device that trusts nothing and may not resolve
// `.local` yet (the TV's set-up QR): plain HTTP on the first address when both
// exist, HTTPS or the `.local` name otherwise.
std::string setUpUrl(const HubAddresses& hub, std::string_view welcomePath);

}  // namespace hub::onboarding
