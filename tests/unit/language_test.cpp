// The one Language of the domain: its names, and the languages the hub has
// its own words in.
#include "hub/domain/language.h"

#include "support/catch.h"

#include <string>

using namespace hub::domain;

TEST_CASE("a language is parsed from its name and written back the same", "[language]") {
    for (const auto name : languageNames) {
        const auto language = parseLanguage(name);
        REQUIRE(language);
        CHECK(languageName(*language) == name);
    }
    CHECK(parseLanguage("bn") == Language::Bangla);
    CHECK(parseLanguage("en") == Language::English);
    CHECK(parseLanguage("hi") == Language::Hindi);
    for (const std::string bad : {"", "fr", "BN", "bn-BD", "bangla", " bn"}) {
        INFO(bad);
        CHECK_FALSE(parseLanguage(bad));
    }
}

TEST_CASE("a page is in the patient's language if the hub has the words, else English", "[language]") {
    CHECK(pageLanguage(Language::Bangla) == Language::Bangla);
    CHECK(pageLanguage(Language::English) == Language::English);
    CHECK(pageLanguage(Language::Hindi) == Language::English);
    CHECK(hasOwnWords(Language::Bangla));
    CHECK_FALSE(hasOwnWords(Language::Hindi));
    // The API's names of the hub's languages are the same languages' names.
    REQUIRE(std::size(hubLanguageNames) == std::size(hubLanguages));
    for (std::size_t i = 0; i < std::size(hubLanguages); ++i) CHECK(languageName(hubLanguages[i]) == hubLanguageNames[i]);
}
