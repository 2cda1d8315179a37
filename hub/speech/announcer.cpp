#include "hub/speech/announcer.h"

#include "hub/core/log.h"
#include "hub/speech/chime.h"

#include <cmath>
#include <sstream>

namespace hub::speech {

Announcer::Announcer(VoiceLibrary voices, AnnouncementTiming timing, std::size_t cacheBytes)
    : voices_(std::move(voices)),
      timing_(timing),
      chime_(chime(kSampleRate)),
      chimeWav_(std::make_shared<const std::string>(encodeWav(chime_))),
      cache_(cacheBytes) {}

std::vector<std::string> Announcer::script(Language language, const TokenCall& call) const {
    std::vector<std::string> parts;
    std::istringstream words(voices_.announcement(language));
    for (std::string word; words >> word;) {
        const auto expanded = word == "{label}" ? labelClips(call)
                              : word == "{room}" ? roomClips(call.room)
                                                 : std::vector<std::string>{word};
        parts.insert(parts.end(), expanded.begin(), expanded.end());
    }
    return parts;
}

void Announcer::appendSilence(std::vector<std::int16_t>& out, double seconds) const {
    out.insert(out.end(), static_cast<std::size_t>(std::lround(seconds * kSampleRate)), 0);
}

bool Announcer::appendSpeech(std::vector<std::int16_t>& out, Language language, const TokenCall& call) const {
    std::vector<std::optional<Audio>> clips;  // nullopt marks a pause
    for (const std::string& part : script(language, call)) {
        if (part == ",") {
            clips.emplace_back();
            continue;
        }
        auto clip = voices_.clip(language, part);
        if (!clip) {
            log::warning("speech", std::string(domain::languageName(language)) + ": no clip '" + part +
                                       "' in any voice pack; the call is announced without this language");
            return false;
        }
        clips.push_back(std::move(clip));
    }
    bool spokeYet = false, pauseNext = false;
    for (const auto& clip : clips) {
        if (!clip) {
            pauseNext = spokeYet;
            continue;
        }
        if (spokeYet) appendSilence(out, pauseNext ? timing_.pause : timing_.betweenClips);
        out.insert(out.end(), clip->samples.begin(), clip->samples.end());
        spokeYet = true;
        pauseNext = false;
    }
    return spokeYet;
}

Announcement Announcer::announce(const TokenCall& call, const std::vector<Language>& languages) {
    std::string key;
    for (const Language l : languages) key += std::string(domain::languageName(l)) + "+";
    key += call.prefix + "-" + std::to_string(call.number) + "|" + call.room;
    if (auto cached = cache_.find(key)) return std::move(*cached);

    Audio audio{kSampleRate, chime_.samples};
    Announcement result;
    for (const Language language : languages) {
        if (!voices_.speaks(language)) continue;
        std::vector<std::int16_t> speech;
        if (!appendSpeech(speech, language, call)) continue;
        appendSilence(audio.samples, result.spoken.empty() ? timing_.afterChime : timing_.betweenLanguages);
        audio.samples.insert(audio.samples.end(), speech.begin(), speech.end());
        result.spoken.push_back(language);
    }
    result.wav = result.spoken.empty() ? chimeWav_ : std::make_shared<const std::string>(encodeWav(audio));
    cache_.insert(key, result);
    return result;
}

std::unique_ptr<Announcer> loadAnnouncer(const std::filesystem::path& clinicDirectory,
                                         const std::filesystem::path& defaultDirectory) {
    std::vector<std::string> problems;
    auto voices = VoiceLibrary::load(clinicDirectory, defaultDirectory, problems);
    for (const auto& problem : problems) log::warning("speech", problem);
    log::info("speech", "voices: " + voices.summary());
    return std::make_unique<Announcer>(std::move(voices));
}

}  // namespace hub::speech
