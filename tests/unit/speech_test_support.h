#pragma once
// Helpers for the speech tests: clips of exactly known length written into
// voice-pack directories, and a look inside a WAV header.
#include "../integration/child_process.h"
#include "hub/speech/voice_library.h"
#include "hub/speech/wav.h"

#include "support/catch.h"

#include <cstdint>
#include <filesystem>
#include <string>

namespace hub::speech::testing {

// A square wave: every sample is loud, so trimming silence removes nothing and
// the clip's length in the announcement is exactly `samples`.
inline Audio squareClip(std::size_t samples, std::int16_t level, int sampleRate = kSampleRate) {
    Audio a{sampleRate, std::vector<std::int16_t>(samples)};
    for (std::size_t i = 0; i < samples; ++i) a.samples[i] = (i / 20) % 2 ? level : static_cast<std::int16_t>(-level);
    return a;
}

inline void writeClip(const std::filesystem::path& packDir, const std::string& name, const Audio& audio) {
    std::filesystem::create_directories(packDir);
    it::writeFile(packDir / (name + ".wav"), encodeWav(audio));
}

// Little-endian field of a WAV header.
inline std::uint32_t headerField(const std::string& wav, std::size_t offset, int bytes) {
    std::uint32_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(wav[offset + static_cast<std::size_t>(i)]);
    return v;
}

// The default packs this build generated with espeak-ng (hub/speech/CMakeLists.txt).
inline const std::filesystem::path builtPacks = std::filesystem::path(CLINIC_HUB_BINARY_DIR) / "voices";

// Whether they exist; if not, says SKIPPED with the reason.
inline bool packsBuilt() {
    if (std::filesystem::exists(builtPacks / "en" / "pack.ini") && std::filesystem::exists(builtPacks / "bn" / "pack.ini"))
        return true;
    WARN("SKIPPED: no default voice packs in " << builtPacks.string()
                                               << ": espeak-ng was not installed when cmake ran (apt-get install espeak-ng)");
    return false;
}

}  // namespace hub::speech::testing
