#include "hub/domain/display.h"

#include "hub/core/text.h"
#include "hub/domain/language.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace hub::domain {
namespace {

constexpr std::size_t maxDoctors = 32;

static_assert(std::size(displayLanguageChoices) == std::size(hubLanguageNames) + 1 && [] {
    for (std::size_t i = 0; i < std::size(hubLanguageNames); ++i)
        if (displayLanguageChoices[i] != hubLanguageNames[i]) return false;
    return displayLanguageChoices[std::size(hubLanguageNames)] == "both";
}(), "a display speaks each of the hub's own languages, or all of them");

template <std::size_t N>
bool oneOf(const std::string& value, const std::string_view (&choices)[N]) {
    return std::find(std::begin(choices), std::end(choices), value) != std::end(choices);
}

// Bytes of the UTF-8 sequence that starts with lead (1 for anything malformed).
std::size_t sequenceLength(unsigned char lead) {
    if (lead >= 0xF0 && lead < 0xF8) return 4;
    if (lead >= 0xE0) return lead < 0xF0 ? 3 : 1;
    if (lead >= 0xC0) return 2;
    return 1;
}

}  // namespace

std::optional<FieldProblem> checkDisplaySettings(const DisplaySettings& s) {
    const auto nameLength = utf8Length(s.name);
    if (!nameLength || *nameLength == 0 || *nameLength > 100) return FieldProblem{"name", "must be 1 to 100 characters"};
    const auto noticeLength = utf8Length(s.notice);
    if (!noticeLength || *noticeLength > 300) return FieldProblem{"notice", "must be at most 300 characters"};
    if (s.doctorIds.size() > maxDoctors)
        return FieldProblem{"doctor_ids", "may list at most " + std::to_string(maxDoctors) + " doctors"};
    if (std::set<long long>(s.doctorIds.begin(), s.doctorIds.end()).size() != s.doctorIds.size())
        return FieldProblem{"doctor_ids", "lists a doctor twice"};
    if (!oneOf(s.languages, displayLanguageChoices)) return FieldProblem{"languages", "must be en, bn or both"};
    if (!oneOf(s.theme, displayThemes)) return FieldProblem{"theme", "must be dark, light or high-contrast"};
    if (!oneOf(s.sound, displaySounds)) return FieldProblem{"sound", "must be speech, chime or off"};
    return std::nullopt;
}

std::string nameInitial(std::string_view name) {
    const auto start = name.find_first_not_of(" \t");
    if (start == std::string_view::npos) return {};
    const std::size_t length = sequenceLength(static_cast<unsigned char>(name[start]));
    std::string initial(name.substr(start, length));
    if (length == 1) initial[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(initial[0])));
    return initial;
}

}  // namespace hub::domain
