#include "hub/domain/language.h"

#include "hub/domain/names.h"

#include <algorithm>
#include <iterator>

namespace hub::domain {

static_assert(std::size(hubLanguages) == std::size(hubLanguageNames));
static_assert([] {
    for (std::size_t i = 0; i < std::size(hubLanguages); ++i)
        if (hubLanguageNames[i] != nameIn(languageNames, hubLanguages[i])) return false;
    return true;
}(), "hubLanguageNames must name hubLanguages, in the same order");

std::string_view languageName(Language language) { return nameIn(languageNames, language); }

std::optional<Language> parseLanguage(std::string_view name) { return parseNameIn<Language>(languageNames, name); }

bool hasOwnWords(Language language) {
    return std::find(std::begin(hubLanguages), std::end(hubLanguages), language) != std::end(hubLanguages);
}

Language pageLanguage(Language preferred) { return hasOwnWords(preferred) ? preferred : Language::English; }

}  // namespace hub::domain
