#pragma once
// Joins voice-pack clips into one WAV per call:
//   [chime] "Token A 23, please come to room 2" [pause] "টোকেন এ তেইশ, কক্ষ দুই, আসুন"
// in the languages the display asks for, with short silences between clips.
#include "hub/speech/announcement_cache.h"
#include "hub/speech/voice_library.h"

#include <memory>
#include <string>
#include <vector>

namespace hub::speech {

// Silences, in seconds, rounded to whole samples.
struct AnnouncementTiming {
    double afterChime = 0.35;
    double betweenClips = 0.08;       // between words
    double pause = 0.35;              // where the announcement order has ','
    double betweenLanguages = 0.8;
};

inline constexpr std::size_t kDefaultCacheBytes = 8 * 1024 * 1024;  // ~20 two-language calls

class Announcer {
public:
    explicit Announcer(VoiceLibrary voices, AnnouncementTiming timing = {},
                       std::size_t cacheBytes = kDefaultCacheBytes);

    // The announcement of one call. A language is left out when no pack speaks
    // it, or when a clip it needs is in no pack (logged, naming the clip); with
    // no language left it is the chime alone, which is what the TV plays then.
    Announcement announce(const TokenCall& call, const std::vector<Language>& languages);

    // The chime alone, as a WAV.
    std::shared_ptr<const std::string> chimeWav() const { return chimeWav_; }

    // One language's part, from its announcement order: clip names, and ","
    // for a pause.
    std::vector<std::string> script(Language language, const TokenCall& call) const;

    const VoiceLibrary& voices() const { return voices_; }
    const AnnouncementCache& cache() const { return cache_; }

private:
    // Appends one language's part; false (and nothing appended) if a clip is missing.
    bool appendSpeech(std::vector<std::int16_t>& out, Language language, const TokenCall& call) const;
    void appendSilence(std::vector<std::int16_t>& out, double seconds) const;

    VoiceLibrary voices_;
    AnnouncementTiming timing_;
    Audio chime_;
    std::shared_ptr<const std::string> chimeWav_;
    AnnouncementCache cache_;
};

// The daemon's announcer: the packs of both directories loaded, each problem
// (a bad clip, a bad manifest) logged as a warning naming the file, and one
// line saying which languages are spoken from which packs.
std::unique_ptr<Announcer> loadAnnouncer(const std::filesystem::path& clinicDirectory,
                                         const std::filesystem::path& defaultDirectory);

}  // namespace hub::speech
