// Spoken announcements from the real daemon over TLS: a display's key and
// languages, the default packs generated with espeak-ng at build time, and a
// clinic's own pack taking precedence.
#include "../unit/speech_test_support.h"
#include "hub/speech/announcer.h"
#include "test_support.h"

#include <filesystem>

using namespace hub::it;
using hub::speech::testing::builtPacks;
using hub::speech::testing::packsBuilt;
namespace fs = std::filesystem;
namespace speech = hub::speech;

namespace {

HubOptions withVoices(const HubDataDir& dir) {
    return HubOptions{{"--default-voice-dir", builtPacks.string(), "--voice-dir", (dir.root() / "voices").string()}};
}

speech::Audio audioOf(const HttpResult& r) {
    INFO(r.describe().substr(0, 300));
    REQUIRE(r.status == 200);
    CHECK(r.header("Content-Type") == "audio/wav");
    return speech::parseWav(r.body);
}

// A display made by the admin; returns its key.
std::string createDisplay(HubClient& admin, const std::string& languages) {
    const auto r = admin.post("/api/v1/displays", json({{"name", "Waiting room " + languages}, {"languages", languages}}));
    INFO(r.describe());
    REQUIRE(r.status == 201);
    return r.json->getValue<std::string>("key");
}

std::string announcementPath(const std::string& key, const std::string& query) {
    return "/api/v1/display/" + key + "/announcement?" + query;
}

}  // namespace

TEST_CASE("a display's announcement is valid audio in its languages, and a recall is the same audio",
          "[integration][speech]") {
    if (!packsBuilt()) return;
    HubDataDir dir;
    HubProcess hub(dir, withVoices(dir));
    CHECK_THAT(hub.log(), Catch::Contains("voices: en (default), bn (default)"));
    auto admin = signedIn(hub, "admin");
    const std::string both = createDisplay(*admin, "both"), bangla = createDisplay(*admin, "bn");
    auto tv = hub.client();  // no session: the key is all a TV has

    const auto call = tv->get(announcementPath(both, "label=A-023&room=2"));
    const auto audio = audioOf(call);
    CHECK(call.header("Content-Language") == "en, bn");
    CHECK(speech::testing::headerField(call.body, 22, 2) == 1);  // mono
    CHECK(audio.sampleRate == speech::kSampleRate);
    CHECK(audio.seconds() > 4.0);  // chime, "Token A 23, please come to room 2", "টোকেন এ তেইশ, কক্ষ দুই, আসুন"
    CHECK(audio.seconds() < 14.0);
    CHECK(tv->get(announcementPath(both, "label=A-023&room=2")).body == call.body);  // recall

    const auto bn = tv->get(announcementPath(bangla, "label=A-023&room=Room%202"));  // "Room 2" says room once
    CHECK(bn.header("Content-Language") == "bn");
    CHECK(audioOf(bn).seconds() < audio.seconds() - 1.5);

    const auto chime = audioOf(tv->get("/display/assets/chime.wav"));
    CHECK(chime.seconds() == Approx(0.6).margin(0.02));
    CHECK(call.body.size() > chime.samples.size() * 2 + 44);
}

TEST_CASE("an unknown display key is 404 whatever else is asked, a known key with a bad label or room is 400",
          "[integration][speech]") {
    if (!packsBuilt()) return;
    HubDataDir dir;
    HubProcess hub(dir, withVoices(dir));
    auto admin = signedIn(hub, "admin");
    const std::string key = createDisplay(*admin, "en");
    auto tv = hub.client();

    for (const auto* query : {"label=A-023&room=2", "label=nonsense&room=2"}) {
        const auto r = tv->get(announcementPath("AAAAAAAAAAAAAAAAAAAAAA", query));
        INFO(r.describe());
        CHECK(r.status == 404);
        CHECK(r.errorCode() == "not_found");
    }
    const std::pair<const char*, const char*> bad[] = {
        {"room=2", "label"},          {"label=a-23&room=2", "label"},  {"label=A-1000&room=2", "label"},
        {"label=A-023", "room"},      {"label=A-023&room=2%3B", "room"}, {"label=A-023&room=%E0%A7%A8", "room"},
        {"label=A-023&room=2&x=1", "x"},
    };
    for (const auto& [query, field] : bad) {
        const auto r = tv->get(announcementPath(key, query));
        INFO(query << " -> " << r.describe());
        CHECK(r.status == 400);
        CHECK(r.errorField() == field);
    }
}

TEST_CASE("a clinic's recorded clip takes precedence over the default pack in what the hub serves",
          "[integration][speech]") {
    if (!packsBuilt()) return;
    HubDataDir dir;
    const fs::path clinicPacks = dir.root() / "voices";
    speech::testing::writeClip(clinicPacks / "en", "token", speech::testing::squareClip(6000, 3000));
    fs::create_directories(clinicPacks / "bn");
    writeFile(clinicPacks / "bn" / "token.wav", "this is not a WAV file");
    HubProcess hub(dir, withVoices(dir));
    CHECK_THAT(hub.log(), Catch::Contains((clinicPacks / "bn" / "token.wav").string() + ": not a RIFF/WAVE file"));
    CHECK_THAT(hub.log(), Catch::Contains("voices: en (clinic pack + default), bn (default)"));

    auto admin = signedIn(hub, "admin");
    const std::string key = createDisplay(*admin, "both");
    const auto served = hub.client()->get(announcementPath(key, "label=B-105&room=OPD%203"));
    REQUIRE(served.status == 200);

    // The same packs assembled here give the same bytes: the clinic's "token",
    // the default pack's every other clip, the bn pack's own "টোকেন".
    std::vector<std::string> problems;
    speech::Announcer local(speech::VoiceLibrary::load(clinicPacks, builtPacks, problems));
    const auto expected = local.announce(speech::parseTokenCall("B-105", "OPD 3"),
                                         {speech::Language::English, speech::Language::Bangla});
    CHECK(served.body == *expected.wav);
    speech::Announcer defaultsOnly(speech::VoiceLibrary::load({}, builtPacks, problems));
    const auto standard = defaultsOnly.announce(speech::parseTokenCall("B-105", "OPD 3"),
                                                {speech::Language::English, speech::Language::Bangla});
    const std::size_t defaultToken = defaultsOnly.voices().clip(speech::Language::English, "token")->samples.size();
    CHECK(speech::parseWav(served.body).samples.size() ==
          speech::parseWav(*standard.wav).samples.size() - defaultToken + 6000);
}
