#include "hub/core/error.h"
#include "hub/speech/announcement_service.h"
#include "hub/speech/announcer.h"
#include "hub/speech/chime.h"
#include "speech_test_support.h"

#include "support/catch.h"

#include <algorithm>
#include <cmath>

using namespace hub::speech;
using namespace hub::speech::testing;
namespace fs = std::filesystem;
using hub::it::TempDir;
using hub::it::writeFile;

namespace {

std::size_t samplesOf(double seconds) { return static_cast<std::size_t>(std::lround(seconds * kSampleRate)); }

// Clip lengths in samples; each clip is distinct so a wrong pick shows in the total.
const std::map<std::string, std::size_t> defaultLengths = {
    {"token", 3000}, {"letter_a", 1100}, {"number_23", 2300}, {"room", 2000}, {"number_2", 900}};

// <root>/default/en: a pack saying "token {label} , room {room}".
struct Packs {
    TempDir root{"clinic-hub-speech"};
    fs::path clinic() const { return root.path() / "clinic"; }
    fs::path defaults() const { return root.path() / "default"; }

    Packs() {
        for (const auto& [name, length] : defaultLengths) writeClip(defaults() / "en", name, squareClip(length, 1000));
        writeFile(defaults() / "en" / "pack.ini", "[pack]\nlanguage = en\nannouncement = token {label} , room {room}\n");
    }

    VoiceLibrary library(std::vector<std::string>* problems = nullptr) const {
        std::vector<std::string> ignored;
        return VoiceLibrary::load(clinic(), defaults(), problems ? *problems : ignored);
    }
};

const TokenCall a23{"A", 23, "2"};
const AnnouncementTiming timing;

// Chime, the pause after it, then token A 23 , room 2: four clips follow one
// another with a short gap and one (room) after a pause.
std::size_t expectedSamples(std::size_t clipSamples) {
    return chime(kSampleRate).samples.size() + samplesOf(timing.afterChime) + clipSamples +
           3 * samplesOf(timing.betweenClips) + samplesOf(timing.pause);
}

std::size_t sumOfDefaults() {
    std::size_t sum = 0;
    for (const auto& [name, length] : defaultLengths) sum += length;
    return sum;
}

// The announcement's samples from `offset`, where the first clip begins.
std::size_t speechStart() { return chime(kSampleRate).samples.size() + samplesOf(timing.afterChime); }

}  // namespace

TEST_CASE("an announcement is one mono WAV: the chime, then the clips with silences between them", "[speech][announcer]") {
    Packs packs;
    Announcer announcer(packs.library());
    CHECK(announcer.script(Language::English, a23) ==
          std::vector<std::string>{"token", "letter_a", "number_23", ",", "room", "number_2"});

    const Announcement a = announcer.announce(a23, {Language::English});
    CHECK(a.spoken == std::vector<Language>{Language::English});
    const std::string& wav = *a.wav;
    CHECK(headerField(wav, 22, 2) == 1);  // channels
    CHECK(headerField(wav, 24, 4) == kSampleRate);
    const Audio audio = parseWav(wav);
    CHECK(audio.sampleRate == kSampleRate);
    CHECK(audio.samples.size() == expectedSamples(sumOfDefaults()));
    // The chime comes first, sample for sample, and the first word right after its pause.
    const auto chimeSamples = chime(kSampleRate).samples;
    CHECK(std::equal(chimeSamples.begin(), chimeSamples.end(), audio.samples.begin()));
    CHECK(audio.samples[speechStart() - 1] == 0);
    CHECK(std::abs(audio.samples[speechStart()]) == 1000);
}

TEST_CASE("a clinic's clip takes precedence over the default - a clip it lacks comes from the default", "[speech][announcer]") {
    Packs packs;
    writeClip(packs.clinic() / "en", "token", squareClip(5000, 2000));  // the clinic recorded only "token"
    const Announcement a = Announcer(packs.library()).announce(a23, {Language::English});
    const Audio audio = parseWav(*a.wav);
    CHECK(audio.samples.size() == expectedSamples(sumOfDefaults() - 3000 + 5000));
    CHECK(std::abs(audio.samples[speechStart()]) == 2000);         // the clinic's token
    CHECK(std::abs(audio.samples[speechStart() + 4999]) == 2000);
    CHECK(audio.samples[speechStart() + 5000] == 0);               // then the gap
    CHECK(std::abs(audio.samples.back()) == 1000);                 // the default's number_2

    SECTION("the clinic's announcement order wins too") {
        writeFile(packs.clinic() / "en" / "pack.ini", "[pack]\nannouncement = room {room} , token {label}\n");
        Announcer announcer(packs.library());
        CHECK(announcer.script(Language::English, a23).front() == "room");
    }
}

TEST_CASE("clips are read when a call needs them: a clinic clip removed after start gives way to the default",
          "[speech][announcer]") {
    Packs packs;
    writeClip(packs.clinic() / "en", "token", squareClip(5000, 2000));
    Announcer announcer(packs.library());  // checked and indexed now, read later
    fs::remove(packs.clinic() / "en" / "token.wav");
    const Audio audio = parseWav(*announcer.announce(a23, {Language::English}).wav);
    CHECK(audio.samples.size() == expectedSamples(sumOfDefaults()));  // the default "token"
    CHECK(std::abs(audio.samples[speechStart()]) == 1000);

    // A clip gone from every pack leaves the language out, never half a call.
    fs::remove_all(packs.defaults() / "en" / "room.wav");
    const Announcement a = announcer.announce({"A", 24, "2"}, {Language::English});
    CHECK(a.spoken.empty());
}

TEST_CASE("a clip at another sample rate is resampled to the announcement's rate", "[speech][announcer]") {
    Packs packs;
    writeClip(packs.clinic() / "en", "room", squareClip(4000, 1000, 44100));  // 4000 samples at 44.1 kHz
    const Audio audio = parseWav(*Announcer(packs.library()).announce(a23, {Language::English}).wav);
    CHECK(audio.samples.size() == expectedSamples(sumOfDefaults() - 2000 + 2000));
}

TEST_CASE("a broken clip is rejected naming the file, and the default clip stands in", "[speech][announcer]") {
    Packs packs;
    fs::create_directories(packs.clinic() / "en");
    writeFile(packs.clinic() / "en" / "token.wav", std::string("RIFF\x10\0\0\0WAVEfmt \x10\0\0\0", 20));  // cut short
    writeClip(packs.clinic() / "en", "room", Audio{kSampleRate, std::vector<std::int16_t>(500, 0)});
    std::vector<std::string> problems;
    Announcer announcer(packs.library(&problems));
    REQUIRE(problems.size() == 2);
    std::sort(problems.begin(), problems.end());
    CHECK(problems[0] == (packs.clinic() / "en" / "room.wav").string() + ": only silence");
    CHECK(problems[1].rfind((packs.clinic() / "en" / "token.wav").string() + ": truncated", 0) == 0);
    CHECK(parseWav(*announcer.announce(a23, {Language::English}).wav).samples.size() == expectedSamples(sumOfDefaults()));

    SECTION("and readClip says the same to whoever loads one clip") {
        CHECK_THROWS_WITH(readClip(packs.clinic() / "en" / "token.wav", kSampleRate),
                          Catch::StartsWith((packs.clinic() / "en" / "token.wav").string()));
    }
}

TEST_CASE("a pack whose manifest names another language is ignored, with the reason", "[speech][announcer]") {
    Packs packs;
    writeClip(packs.clinic() / "en", "token", squareClip(5000, 2000));
    writeFile(packs.clinic() / "en" / "pack.ini", "[pack]\nlanguage = bn\n");
    std::vector<std::string> problems;
    const VoiceLibrary voices = packs.library(&problems);
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0], Catch::Contains("pack.ini:2: language is 'bn'") && Catch::EndsWith("(pack ignored)"));
    CHECK(voices.clip(Language::English, "token")->samples.size() == 3000);
}

TEST_CASE("both languages: English, a pause, then Bangla - a language no pack speaks is left out", "[speech][announcer]") {
    Packs packs;
    for (const auto& [name, length] : defaultLengths) writeClip(packs.defaults() / "bn", name, squareClip(length + 7, 500));
    writeFile(packs.defaults() / "bn" / "pack.ini", "[pack]\nannouncement = token {label} , room {room}\n");
    Announcer announcer(packs.library());
    const Announcement both = announcer.announce(a23, {Language::English, Language::Bangla});
    CHECK(both.spoken == std::vector<Language>{Language::English, Language::Bangla});
    const std::size_t bangla = expectedSamples(sumOfDefaults() + 5 * 7) - speechStart();
    CHECK(parseWav(*both.wav).samples.size() == expectedSamples(sumOfDefaults()) + samplesOf(timing.betweenLanguages) + bangla);

    fs::remove_all(packs.defaults() / "bn");
    Announcer englishOnly(packs.library());
    const Announcement a = englishOnly.announce(a23, {Language::English, Language::Bangla});
    CHECK(a.spoken == std::vector<Language>{Language::English});
    CHECK(parseWav(*a.wav).samples.size() == expectedSamples(sumOfDefaults()));
}

TEST_CASE("with no pack, or a clip missing from every pack, the announcement is the chime alone", "[speech][announcer]") {
    Announcer none{VoiceLibrary{}};
    const Announcement a = none.announce(a23, {Language::English, Language::Bangla});
    CHECK(a.spoken.empty());
    CHECK(*a.wav == *none.chimeWav());
    CHECK(parseWav(*a.wav).seconds() == Approx(0.6).margin(0.01));

    Packs packs;
    const Announcement b = Announcer(packs.library()).announce({"B", 23, "2"}, {Language::English});  // no letter_b
    CHECK(b.spoken.empty());
    CHECK(parseWav(*b.wav).samples.size() == chime(kSampleRate).samples.size());
}

TEST_CASE("a recall repeats the cached audio - the cache stays within its byte budget", "[speech][announcer]") {
    Packs packs;
    writeClip(packs.defaults() / "en", "number_24", squareClip(100, 1000));
    writeClip(packs.defaults() / "en", "number_25", squareClip(100, 1000));
    const std::size_t oneCall = expectedSamples(sumOfDefaults()) * 2 + 44;
    Announcer announcer(packs.library(), {}, 2 * oneCall);
    const auto first = announcer.announce(a23, {Language::English});
    CHECK(announcer.announce(a23, {Language::English}).wav == first.wav);  // the same bytes, not rebuilt
    CHECK(announcer.cache().size() == 1);

    announcer.announce({"A", 24, "2"}, {Language::English});
    announcer.announce(a23, {Language::English});             // A-23 is now the most recent
    announcer.announce({"A", 25, "2"}, {Language::English});  // evicts A-24, not A-23
    CHECK(announcer.cache().bytes() <= 2 * oneCall);
    CHECK(announcer.cache().size() == 2);
    CHECK(announcer.announce(a23, {Language::English}).wav == first.wav);
}

TEST_CASE("the announcement service answers only a known display key, in that display's languages", "[speech][announcer]") {
    Packs packs;
    Announcer announcer(packs.library());
    AnnouncementService service(announcer, [](const std::string& key) -> std::string {
        if (key == "known-key") return "en";
        throw hub::notFound("no display with this key");
    });
    CHECK(service.announce("known-key", "A-023", "2").spoken == std::vector<Language>{Language::English});
    try {
        service.announce("guessed", "not a label", "2");
        FAIL("an unknown key must be refused");
    } catch (const hub::Error& e) {
        CHECK(e.code() == hub::ErrorCode::NotFound);  // before the label is looked at
    }
    try {
        service.announce("known-key", "A-023", "2; DROP");
        FAIL("a bad room must be refused");
    } catch (const hub::Error& e) {
        CHECK(e.code() == hub::ErrorCode::InvalidInput);
        CHECK(e.field() == "room");
    }
}
