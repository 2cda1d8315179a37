// Spoken announcements from the real daemon over TLS: the chime, the default
// packs generated with espeak-ng at build time, a clinic's own pack.
#include "../unit/speech_test_support.h"
#include "test_support.h"

#include <filesystem>

using namespace hub::it;
using hub::speech::testing::builtPacks;
using hub::speech::testing::packsBuilt;
namespace fs = std::filesystem;

namespace {

HubOptions withVoices(const HubDataDir& dir) {
    return HubOptions{{"--default-voice-dir", builtPacks.string(), "--voice-dir", (dir.root() / "voices").string()}};
}

hub::speech::Audio audioOf(const HttpResult& r) {
    INFO(r.describe().substr(0, 300));
    REQUIRE(r.status == 200);
    CHECK(r.header("Content-Type") == "audio/wav");
    return hub::speech::parseWav(r.body);
}

}  // namespace

TEST_CASE("the hub serves the chime to anyone and an announcement only for a known display key",
          "[integration][speech]") {
    if (!packsBuilt()) return;
    HubDataDir dir;
    HubProcess hub(dir, withVoices(dir));
    auto client = hub.client();

    const auto chime = audioOf(client->get("/display/assets/chime.wav"));
    CHECK(chime.sampleRate == hub::speech::kSampleRate);
    CHECK(chime.seconds() == Approx(0.6).margin(0.02));

    const auto unknown = client->get("/api/v1/display/AAAAAAAAAAAAAAAAAAAAAA/announcement?label=A-023&room=2");
    CHECK(unknown.status == 404);
    CHECK(unknown.errorCode() == "not_found");
    const auto noLabel = client->get("/api/v1/display/AAAAAAAAAAAAAAAAAAAAAA/announcement?room=2");
    CHECK(noLabel.status == 400);
    CHECK(noLabel.errorField() == "label");
    CHECK_THAT(hub.log(), Catch::Contains("voices: en (default), bn (default)"));
}

TEST_CASE("a clinic's broken clip is named in the log at start and the hub still serves", "[integration][speech]") {
    if (!packsBuilt()) return;
    HubDataDir dir;
    fs::create_directories(dir.root() / "voices" / "bn");
    writeFile(dir.root() / "voices" / "bn" / "token.wav", "this is not a WAV file");
    HubProcess hub(dir, withVoices(dir));
    CHECK_THAT(hub.log(), Catch::Contains((dir.root() / "voices" / "bn" / "token.wav").string() + ": not a RIFF/WAVE file"));
    CHECK_THAT(hub.log(), Catch::Contains("bn (default)"));  // nothing usable in the clinic's bn pack
    CHECK(hub.client()->get("/display/assets/chime.wav").status == 200);
}
