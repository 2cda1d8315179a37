#pragma once
// The hub's root CA in the form iPhones, iPads and Macs install: an Apple
// configuration profile (.mobileconfig), a plist holding one
// com.apple.security.root payload with the root's DER.
#include <string>
#include <string_view>

namespace hub::onboarding {

// The profile's UUIDs and identifiers are derived from the root's SHA-256, so
// downloading it again gives the same profile (iOS replaces it instead of
// listing it twice) and a new root gives a new profile. `hubName` (e.g.
// "clinic-hub.local") names the profile on the device's screen.
std::string appleTrustProfile(std::string_view rootDer, std::string_view hubName);

// An RFC 9562 version 8 (custom) UUID, upper case, from the first 16 bytes of
// SHA-256(label + 0x00 + data).
std::string derivedUuid(std::string_view label, std::string_view data);

}  // namespace hub::onboarding
