#include "discovery/service_naming.h"

#include <avahi-common/alternative.h>
#include <avahi-common/malloc.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace hub::discovery {
namespace {

constexpr std::string_view kProduct = "Clinic Hub";
constexpr std::string_view kSeparator = " \xE2\x80\x93 ";  // " – " (en dash)

// At most maxBytes of s, never splitting a UTF-8 sequence, without trailing spaces.
std::string cutUtf8(std::string_view s, std::size_t maxBytes) {
    if (s.size() <= maxBytes) return std::string(s);
    std::size_t end = maxBytes;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
    while (end > 0 && s[end - 1] == ' ') --end;
    return std::string(s.substr(0, end));
}

}  // namespace

std::string instanceName(std::string_view clinicName) {
    if (clinicName.empty()) return std::string(kProduct);
    return cutUtf8(std::string(kProduct) + std::string(kSeparator) + std::string(clinicName), kMaxInstanceNameBytes);
}

std::string boxSuffix(std::string_view caFingerprintHex) {
    if (caFingerprintHex.size() < 6) return {};
    std::string suffix(caFingerprintHex.substr(0, 6));
    for (char& c : suffix) {
        if (!std::isxdigit(static_cast<unsigned char>(c))) return {};
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return suffix;
}

std::string withSuffix(std::string_view name, std::string_view suffix) {
    const std::string tail = " (" + std::string(suffix) + ")";
    return cutUtf8(name, kMaxInstanceNameBytes - std::min(tail.size(), kMaxInstanceNameBytes)) + tail;
}

std::string nameAfterCollision(const std::string& preferred, const std::string& suffix, const std::string& current) {
    if (current == preferred && !suffix.empty()) return withSuffix(preferred, suffix);
    return avahiAlternativeName(current);
}

std::string avahiAlternativeName(const std::string& name) {
    const std::unique_ptr<char, decltype(&avahi_free)> next(avahi_alternative_service_name(name.c_str()), &avahi_free);
    return next ? std::string(next.get()) : name + " #2";
}

std::vector<std::string> httpsTxtRecords(std::string_view version, std::string_view caFingerprintHex) {
    return {"path=/", "ver=" + std::string(version), "fp=" + std::string(caFingerprintHex)};
}

std::vector<std::string> hubTxtRecords() { return {"api=" + std::string(kApiPath)}; }

Advertisement hubAdvertisement(std::string_view clinicName, const std::string& nameOverride, std::uint16_t port,
                               std::string_view version, std::string_view caFingerprintHex) {
    Advertisement ad;
    ad.name = nameOverride.empty() ? instanceName(clinicName) : cutUtf8(nameOverride, kMaxInstanceNameBytes);
    ad.suffix = boxSuffix(caFingerprintHex);
    ad.port = port;
    ad.httpsTxt = httpsTxtRecords(version, caFingerprintHex);
    ad.hubTxt = hubTxtRecords();
    return ad;
}

}  // namespace hub::discovery
