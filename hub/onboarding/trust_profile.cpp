#include "hub/onboarding/trust_profile.h"

#include "hub/core/text.h"
#include "hub/tls/digest.h"

#include <Poco/Base64Encoder.h>

#include <sstream>

namespace hub::onboarding {

namespace {

std::string base64(std::string_view bytes) {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(64);
    encoder.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    encoder.close();
    return out.str();
}

std::string key(std::string_view name, std::string_view stringValue) {
    return "<key>" + std::string(name) + "</key><string>" + htmlEscape(stringValue) + "</string>\n";
}

}  // namespace

std::string derivedUuid(std::string_view label, std::string_view data) {
    std::string input(label);
    input += '\0';
    input += data;
    tls::Sha256 d = tls::sha256(input);
    d[6] = static_cast<unsigned char>((d[6] & 0x0f) | 0x80);  // version 8
    d[8] = static_cast<unsigned char>((d[8] & 0x3f) | 0x80);  // RFC variant
    std::string hex = hexEncode(std::string_view(reinterpret_cast<const char*>(d.data()), 16));
    for (auto& c : hex) c = static_cast<char>(c >= 'a' ? c - 'a' + 'A' : c);
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
           hex.substr(20, 12);
}

std::string appleTrustProfile(std::string_view rootDer, std::string_view hubName) {
    // Identifiers are reverse-DNS strings; the root's short digest keeps two hubs' profiles apart.
    const std::string id = "local.clinic-hub.trust." + tls::sha256Hex(rootDer).substr(0, 16);
    const std::string name = "Clinic Hub (" + std::string(hubName) + ")";
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
           "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
           "<plist version=\"1.0\">\n<dict>\n"
           "<key>PayloadContent</key>\n<array>\n<dict>\n" +
           key("PayloadCertificateFileName", "clinic-hub-root-ca.crt") +
           "<key>PayloadContent</key>\n<data>\n" + base64(rootDer) + "\n</data>\n" +
           key("PayloadDescription", "The root certificate of the clinic hub at " + std::string(hubName) + ".") +
           key("PayloadDisplayName", "Clinic Hub root certificate") +
           key("PayloadIdentifier", id + ".root") +
           key("PayloadType", "com.apple.security.root") +
           key("PayloadUUID", derivedUuid("root payload", rootDer)) +
           "<key>PayloadVersion</key><integer>1</integer>\n"
           "</dict>\n</array>\n" +
           key("PayloadDescription",
               "Lets this device open the clinic hub at " + std::string(hubName) +
                   " without certificate warnings. The root certificate is limited to .local names and "
                   "private network addresses.") +
           key("PayloadDisplayName", name) +
           key("PayloadIdentifier", id) +
           key("PayloadOrganization", "Clinic Hub") +
           "<key>PayloadRemovalDisallowed</key><false/>\n" +
           key("PayloadType", "Configuration") +
           key("PayloadUUID", derivedUuid("profile", rootDer)) +
           "<key>PayloadVersion</key><integer>1</integer>\n"
           "</dict>\n</plist>\n";
}

}  // namespace hub::onboarding
