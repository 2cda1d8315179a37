#pragma once
// The voice packs the hub speaks with: for each language, the clinic's own pack
// (if any) over the default pack generated with espeak-ng. A clip missing from
// the clinic's pack comes from the default pack.
#include "hub/speech/voice_pack.h"

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace hub::speech {

// Every clip is resampled to this rate when read: espeak-ng's own rate, ample
// for speech.
inline constexpr int kSampleRate = 22050;

// Used when no pack names its own announcement order.
inline constexpr const char* kDefaultAnnouncement = "token {label} , room {room}";

// Where the default packs are: the installed ones
// (/usr/share/clinic-hub/voices) if present, else those of this build tree.
std::filesystem::path defaultVoiceDirectory();

class VoiceLibrary {
public:
    VoiceLibrary() = default;
    VoiceLibrary(std::vector<VoicePack> clinicPacks, std::vector<VoicePack> defaultPacks);

    // Loads <dir>/en and <dir>/bn from both directories; a directory that does
    // not exist simply has no packs. Problems (bad clips, bad manifests) are
    // appended to `problems`, one line each, for the operator's log.
    static VoiceLibrary load(const std::filesystem::path& clinicDirectory,
                             const std::filesystem::path& defaultDirectory, std::vector<std::string>& problems);

    // Whether the clinic's pack or the default has the clip.
    bool hasClip(Language language, const std::string& name) const;
    // The clip's audio, read from the clinic's pack, else the default's; none
    // when neither has it or its file can no longer be read (logged).
    std::optional<Audio> clip(Language language, const std::string& name) const;
    // The clinic pack's announcement order, else the default's, else kDefaultAnnouncement.
    std::string announcement(Language language) const;
    // What the clip says, from the manifests ("" if neither says).
    std::string text(Language language, const std::string& name) const;
    bool speaks(Language language) const;
    // One line for the log: "voices: en (clinic pack + default), bn (default)".
    std::string summary() const;

private:
    const VoicePack* find(const std::vector<VoicePack>& packs, Language language) const;
    std::array<const VoicePack*, 2> inOrder(Language language) const;  // clinic, default; null if absent
    std::vector<VoicePack> clinic_, defaults_;
};

}  // namespace hub::speech
