#pragma once
// What the hub advertises over mDNS, as plain values: the service instance names,
// the per-box suffix used on a name collision, and the TXT records. No Avahi types
// here, so the rest of the hub (and the unit tests) can use it freely.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hub::discovery {

inline constexpr const char* kHttpsServiceType = "_https._tcp";
inline constexpr const char* kHubServiceType = "_clinichub._tcp";
inline constexpr const char* kApiPath = "/api/v1";

// DNS-SD instance names are one DNS label: at most 63 bytes of UTF-8.
inline constexpr std::size_t kMaxInstanceNameBytes = 63;

// "Clinic Hub – <clinic name>", cut at a character boundary to fit one label;
// "Clinic Hub" when the clinic has no name.
std::string instanceName(std::string_view clinicName);

// The box's stable suffix: the first six hex digits of its root CA fingerprint,
// upper-case ("3F9A2C"). Devices can match it against the fingerprint they were
// told to trust. Empty if the fingerprint is not hex.
std::string boxSuffix(std::string_view caFingerprintHex);

// "<name> (<suffix>)", shortening name (at a character boundary) to fit.
std::string withSuffix(std::string_view name, std::string_view suffix);

// The name to try after `current` collided with another device's service. The
// first collision of the preferred name adds this box's suffix, so the same box
// gets the same name every time; after that (two hubs restored from one backup)
// Avahi's own rule ("... #2") decides.
std::string nameAfterCollision(const std::string& preferred, const std::string& suffix, const std::string& current);

// Avahi's avahi_alternative_service_name(): "Name" -> "Name #2" -> "Name #3".
std::string avahiAlternativeName(const std::string& name);

// TXT records of the _https._tcp service: where the app is, which version
// serves it, and the SHA-256 fingerprint of the root CA (lower-case hex) so a
// device can check the hub before trusting it.
std::vector<std::string> httpsTxtRecords(std::string_view version, std::string_view caFingerprintHex);
// TXT records of the _clinichub._tcp service, for apps: where the API lives.
std::vector<std::string> hubTxtRecords();

// Everything one advertisement publishes.
struct Advertisement {
    std::string name;             // preferred instance name
    std::string suffix;           // boxSuffix(), used on a collision
    std::uint16_t port = 0;       // the HTTPS port
    std::vector<std::string> httpsTxt;
    std::vector<std::string> hubTxt;

    bool operator==(const Advertisement&) const = default;
};

// The advertisement of a hub serving HTTPS on `port` for `clinicName`, unless
// `nameOverride` (the [discovery] service-name option) is set.
Advertisement hubAdvertisement(std::string_view clinicName, const std::string& nameOverride, std::uint16_t port,
                               std::string_view version, std::string_view caFingerprintHex);

}  // namespace hub::discovery
