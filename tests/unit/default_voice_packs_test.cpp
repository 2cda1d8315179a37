// The default packs this build generated with espeak-ng (hub/speech/CMakeLists.txt).
#include "hub/speech/announcer.h"
#include "speech_test_support.h"

#include "support/catch.h"

using namespace hub::speech;
using namespace hub::speech::testing;
TEST_CASE("the generated default packs hold every clip an announcement can need, without problems", "[speech][packs]") {
    if (!packsBuilt()) return;
    std::vector<std::string> problems;
    const VoiceLibrary voices = VoiceLibrary::load({}, builtPacks, problems);
    CHECK(problems.empty());
    CHECK(voices.summary() == "en (default), bn (default)");
    Announcer announcer{VoiceLibrary(voices)};
    for (const Language language : hub::domain::hubLanguages) {
        INFO(hub::domain::languageName(language));
        for (int n = 0; n <= 999; ++n)
            for (const auto& part : announcer.script(language, {"A", n, "2"}))
                if (part != ",") CHECK(voices.hasClip(language, part));
        for (char c = 'A'; c <= 'Z'; ++c) CHECK(voices.hasClip(language, labelClips({std::string(1, c), 0, "1"})[0]));
        // A spoken clip is a word: between a tenth of a second and two seconds once trimmed.
        for (const auto* name : {"token", "room", "please_come_to", "letter_w", "number_0", "number_77", "hundreds_9"}) {
            INFO(name);
            CHECK(voices.clip(language, name)->seconds() > 0.1);
            CHECK(voices.clip(language, name)->seconds() < 2.0);
        }
    }
    CHECK(voices.text(Language::Bangla, "number_23") == "তেইশ");
}

TEST_CASE("a call in both languages from the default packs is a few seconds of speech", "[speech][packs]") {
    if (!packsBuilt()) return;
    std::vector<std::string> problems;
    Announcer announcer(VoiceLibrary::load({}, builtPacks, problems));
    const Announcement both = announcer.announce(parseTokenCall("A-023", "2"), {Language::English, Language::Bangla});
    CHECK(both.spoken == std::vector<Language>{Language::English, Language::Bangla});
    const Audio audio = parseWav(*both.wav);
    CHECK(audio.seconds() > 4.0);
    CHECK(audio.seconds() < 12.0);
    const Announcement english = announcer.announce(parseTokenCall("A-023", "2"), {Language::English});
    CHECK(parseWav(*english.wav).seconds() < audio.seconds() - 1.5);
}
