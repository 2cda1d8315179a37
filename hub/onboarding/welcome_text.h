#pragma once
// The welcome page's words in English and Bangla. Strings are trusted HTML
// fragments (<b>, <code>, entities): they are constants written here, never
// user input. Menu names stay in English in both languages, as most phones and
// computers in the clinics show them.
#include "hub/domain/language.h"

#include <string_view>
#include <vector>

namespace hub::onboarding {

using domain::Language;

struct PlatformSteps {
    std::string_view id;    // anchor: "android", "ios", ...
    std::string_view name;  // "Android", "iPhone / iPad", ...
    std::vector<std::string_view> steps;
};

struct WelcomeText {
    std::string_view htmlLang;  // "en", "bn"
    std::string_view title, intro, scope;
    std::string_view downloadHeading, derLabel, derHint, profileLabel, profileHint, pemLabel, pemHint;
    std::string_view fingerprintHeading, fingerprintExplain, fingerprintQrNote, fingerprintQrAlt;
    std::string_view trustHeading, trustHint;
    std::vector<PlatformSteps> platforms;  // Android, iPhone/iPad, Windows, macOS, ChromeOS
    std::string_view openHeading, openExplain, byName, byAddress, stillWarning;
};

// The words in language, or in English where the hub has none of its own.
const WelcomeText& welcomeText(Language language);

}  // namespace hub::onboarding
