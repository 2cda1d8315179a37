#pragma once
// A named waiting-room display, as an admin configures it: which doctors it
// shows, in which languages and theme, and how it sounds. Opened by its key.
#include "hub/domain/field_problem.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hub::domain {

// Each of the hub's own languages (domain::hubLanguageNames, checked in
// display.cpp), or all of them.
inline constexpr std::string_view displayLanguageChoices[] = {"en", "bn", "both"};
inline constexpr std::string_view displayThemes[] = {"dark", "light", "high-contrast"};
inline constexpr std::string_view displaySounds[] = {"speech", "chime", "off"};

struct DisplaySettings {
    std::string name;                  // "Waiting room TV"
    std::vector<long long> doctorIds;  // in screen order; empty = every active doctor
    std::string languages = "both";    // en | bn | both
    bool banglaNumerals = false;       // ০–৯ in token labels and the clock
    std::string theme = "dark";        // dark | light | high-contrast
    std::string notice;                // the scrolling line; may be empty
    bool showInitial = false;          // the patient's first-name initial beside the token
    bool showWelcomeQr = false;        // the staff onboarding QR
    std::string sound = "speech";      // speech | chime | off
};

struct Display {
    long long id = 0;
    std::string key;  // 128 random bits, base64url: whoever knows it may watch the display
    DisplaySettings settings;
};

// Field names are the API's ("name", "doctor_ids").
std::optional<FieldProblem> checkDisplaySettings(const DisplaySettings& settings);

// The first letter of a name ("rahima begum" -> "R"), all a display may show of a patient.
std::string nameInitial(std::string_view name);

}  // namespace hub::domain
