#pragma once
// A voice pack: one directory per language holding one WAV clip per phrase
// (token.wav, letter_a.wav, number_23.wav, ...) and an optional pack.ini
// manifest. The format is documented in docs/voice-packs.md.
#include "hub/speech/spoken_call.h"
#include "hub/speech/wav.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hub::speech {

inline constexpr const char* kManifestFile = "pack.ini";

struct VoicePack {
    Language language = Language::English;
    std::filesystem::path directory;
    std::optional<std::string> announcement;    // [pack] announcement: the order of one call
    // By clip name: its file, read and checked at load. The samples are read again
    // when an announcement needs them (and the announcement is cached), so the
    // packs' 14 MB of audio never sit in the hub's memory.
    std::map<std::string, std::filesystem::path> clips;
    std::map<std::string, std::string> texts;   // [clips]: what each clip says
};

// A clip that cannot be used; what() names the file and says why.
class ClipError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// One clip: parsed, resampled to sampleRate, leading and trailing silence
// trimmed. Throws ClipError naming the file.
Audio readClip(const std::filesystem::path& file, int sampleRate);

struct PackLoad {
    std::optional<VoicePack> pack;      // none when the directory does not exist or has no usable clip
    std::vector<std::string> problems;  // one line each, naming the file: bad clips are left out
};

// Reads and checks every *.wav in directory (the clip name is the file name
// without .wav), keeping its path, and pack.ini if present. A broken clip or manifest does not lose the rest of
// the pack: it is reported in problems and left out, so the default pack's clip
// stands in for it.
PackLoad loadVoicePack(const std::filesystem::path& directory, Language language, int sampleRate);

}  // namespace hub::speech
