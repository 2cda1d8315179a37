#pragma once
// The languages of the clinic: what a patient prefers, what the clinic's
// patients speak, what the hub prints, shows and announces in. One type for
// all of them; its name (a BCP 47 code) is parsed and written only at the
// edges (the API, the database, voice-pack and display settings).
#include <optional>
#include <string_view>

namespace hub::domain {

enum class Language { English, Bangla, Hindi };
inline constexpr std::string_view languageNames[] = {"en", "bn", "hi"};  // in enum order
std::string_view languageName(Language language);  // "en", "bn", "hi"
std::optional<Language> parseLanguage(std::string_view name);

// The languages the hub has its own words in: the slip, the tracking page, the
// printed prescription, the welcome page and the voice packs. A patient who
// prefers another is shown English.
inline constexpr Language hubLanguages[] = {Language::English, Language::Bangla};
inline constexpr std::string_view hubLanguageNames[] = {"en", "bn"};  // the same, as the API names them
bool hasOwnWords(Language language);
// The language a page for someone who prefers `preferred` is written in.
Language pageLanguage(Language preferred);

}  // namespace hub::domain
