#include "hub/onboarding/hub_addresses.h"

#include "hub/core/text.h"
#include "hub/tls/x509_names.h"

#include <algorithm>

namespace hub::onboarding {

namespace {

bool isLoopbackOrLinkLocal(const tls::Bytes& a) {
    if (a.size() == 4) return a[0] == 127 || (a[0] == 169 && a[1] == 254);
    const bool loopback = std::all_of(a.begin(), a.end() - 1, [](unsigned char b) { return b == 0; }) && a[15] == 1;
    return loopback || (a[0] == 0xfe && (a[1] & 0xc0) == 0x80);
}

bool isWildcard(std::string_view address) { return address.empty() || address == "0.0.0.0" || address == "::"; }

}  // namespace

std::vector<std::string> reachableAddresses(std::string_view listenAddress,
                                            const std::vector<std::string>& interfaceAddresses) {
    if (!isWildcard(listenAddress)) return {std::string(listenAddress)};
    std::vector<std::string> v4, v6;
    for (const auto& text : interfaceAddresses) {
        const auto raw = tls::parseIpAddress(text);
        if (!raw || isLoopbackOrLinkLocal(*raw) || !tls::isPrivateAddress(*raw)) continue;
        // Re-formatted from the bytes: the canonical text, without a zone.
        auto& list = raw->size() == 4 ? v4 : v6;
        const std::string canonical = tls::formatIpAddress(*raw);
        if (std::find(list.begin(), list.end(), canonical) == list.end()) list.push_back(canonical);
    }
    v4.insert(v4.end(), v6.begin(), v6.end());
    return v4;
}

std::string nameUrl(const HubAddresses& hub, std::string_view path) {
    return webUrl("https", hub.localName(), hub.httpsPort, path);
}

std::vector<std::string> addressUrls(const HubAddresses& hub, std::string_view path) {
    std::vector<std::string> urls;
    for (const auto& address : hub.addresses) urls.push_back(webUrl("https", address, hub.httpsPort, path));
    return urls;
}

std::string setUpUrl(const HubAddresses& hub, std::string_view welcomePath) {
    const std::string host = hub.addresses.empty() ? hub.localName() : hub.addresses.front();
    if (hub.httpPort != 0) return webUrl("http", host, hub.httpPort, welcomePath);
    return webUrl("https", host, hub.httpsPort, welcomePath);
}

}  // namespace hub::onboarding
