// What the hub advertises over mDNS: names, the per-box suffix, the collision
// rule and the TXT records. Pure functions; Avahi's own renaming rule is the
// library's, called for real.
#include "discovery/service_naming.h"
#include "hub/core/text.h"

#include "support/catch.h"

using namespace hub::discovery;

namespace {
const std::string dash = "\xE2\x80\x93";  // en dash, three bytes of UTF-8
const std::string fingerprint = "3f9a2c17d0e4b5a6978877665544332211000ffeeddccbbaa99887766554433";
}  // namespace

TEST_CASE("the service is named after the clinic, within one DNS label", "[discovery]") {
    CHECK(instanceName("Shanti Clinic") == "Clinic Hub " + dash + " Shanti Clinic");
    CHECK(instanceName("") == "Clinic Hub");

    SECTION("a long name is cut to 63 bytes without splitting a character") {
        // Bangla letters are three bytes each: a cut at byte 63 would land inside one.
        const std::string bangla = "\xE0\xA6\xB6\xE0\xA6\xBE\xE0\xA6\xA8\xE0\xA7\x8D\xE0\xA6\xA4\xE0\xA6\xBF";
        std::string longName;
        for (int i = 0; i < 6; ++i) longName += bangla;
        const std::string name = instanceName(longName);
        CHECK(name.size() <= kMaxInstanceNameBytes);
        CHECK(name.size() > kMaxInstanceNameBytes - 3);
        CHECK(hub::utf8Length(name).has_value());
        CHECK(name.rfind("Clinic Hub " + dash + " ", 0) == 0);
    }
    SECTION("a cut never leaves a trailing space") {
        const std::string name = instanceName(std::string(47, 'x') + "  yy");
        CHECK(name.back() != ' ');
    }
}

TEST_CASE("the box suffix is the start of the root CA fingerprint, upper-case", "[discovery]") {
    CHECK(boxSuffix(fingerprint) == "3F9A2C");
    CHECK(boxSuffix("3F9A2C") == "3F9A2C");
    CHECK(boxSuffix("3f9a").empty());
    CHECK(boxSuffix("not-hex-at-all").empty());
}

TEST_CASE("a suffixed name still fits one label", "[discovery]") {
    CHECK(withSuffix("Clinic Hub " + dash + " Shanti", "3F9A2C") == "Clinic Hub " + dash + " Shanti (3F9A2C)");
    const std::string full = instanceName(std::string(80, 'k'));
    const std::string suffixed = withSuffix(full, "3F9A2C");
    CHECK(suffixed.size() <= kMaxInstanceNameBytes);
    CHECK(suffixed.substr(suffixed.size() - 9) == " (3F9A2C)");
}

TEST_CASE("a collision renames with the box suffix first, then by Avahi's rule", "[discovery]") {
    const std::string preferred = "Clinic Hub " + dash + " Shanti";
    const std::string first = nameAfterCollision(preferred, "3F9A2C", preferred);
    CHECK(first == preferred + " (3F9A2C)");

    SECTION("the same box always gets the same name") {
        CHECK(nameAfterCollision(preferred, "3F9A2C", preferred) == first);
    }
    SECTION("if the suffixed name is taken too, Avahi numbers it") {
        const std::string second = nameAfterCollision(preferred, "3F9A2C", first);
        CHECK(second == first + " #2");
        CHECK(nameAfterCollision(preferred, "3F9A2C", second) == first + " #3");
    }
    SECTION("without a suffix Avahi's rule applies at once") {
        CHECK(nameAfterCollision(preferred, "", preferred) == preferred + " #2");
    }
}

TEST_CASE("the TXT records carry the path, the version and the CA fingerprint, and the app record the API",
          "[discovery]") {
    CHECK(httpsTxtRecords("0.1.0", fingerprint) ==
          std::vector<std::string>{"path=/", "ver=0.1.0", "fp=" + fingerprint});
    CHECK(hubTxtRecords() == std::vector<std::string>{"api=/api/v1"});
    for (const auto& record : httpsTxtRecords("0.1.0", fingerprint)) CHECK(record.size() <= 255);
}

TEST_CASE("the hub's advertisement follows the clinic's name unless a service name is configured", "[discovery]") {
    const Advertisement ad = hubAdvertisement("Shanti Clinic", "", 8443, "0.1.0", fingerprint);
    CHECK(ad.name == "Clinic Hub " + dash + " Shanti Clinic");
    CHECK(ad.suffix == "3F9A2C");
    CHECK(ad.port == 8443);
    CHECK(ad.httpsTxt == httpsTxtRecords("0.1.0", fingerprint));
    CHECK(ad.hubTxt == hubTxtRecords());

    CHECK(hubAdvertisement("Shanti Clinic", "Front desk hub", 8443, "0.1.0", fingerprint).name == "Front desk hub");
    CHECK_FALSE(hubAdvertisement("Nirapod Clinic", "", 8443, "0.1.0", fingerprint) == ad);
    CHECK_FALSE(hubAdvertisement("Shanti Clinic", "", 9443, "0.1.0", fingerprint) == ad);
    CHECK(hubAdvertisement("Shanti Clinic", "", 8443, "0.1.0", fingerprint) == ad);
}
