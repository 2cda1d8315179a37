#include "hub/speech/voice_pack.h"

#include "hub/config/ini.h"

#include <fstream>
#include <sstream>

namespace hub::speech {
namespace fs = std::filesystem;
namespace {

std::string readFile(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw ClipError(file.string() + ": cannot be read");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return std::move(bytes).str();
}

// Applies pack.ini to the pack; a problem leaves the rest of the pack usable.
void readManifest(VoicePack& pack, std::vector<std::string>& problems) {
    const fs::path file = pack.directory / kManifestFile;
    std::ifstream in(file);
    if (!in) return;  // optional: a pack may be just its clips
    try {
        for (const auto& e : ini::read(in).entries) {
            const std::string where = file.string() + ":" + std::to_string(e.line) + ": ";
            if (e.section == "pack" && e.key == "language") {
                if (e.value != domain::languageName(pack.language))
                    throw ClipError(where + "language is '" + e.value + "' but the pack is in the '" +
                                    std::string(domain::languageName(pack.language)) + "' directory");
            } else if (e.section == "pack" && e.key == "announcement") {
                pack.announcement = e.value;
            } else if (e.section == "clips") {
                pack.texts[e.key] = e.value;
            } else if (e.section != "espeak") {  // [espeak] only steers generation
                problems.push_back(where + "unknown key '" + e.key + "' in [" + e.section + "] (ignored)");
            }
        }
    } catch (const ini::SyntaxError& e) {
        problems.push_back(file.string() + ":" + std::to_string(e.line()) + ": " + e.what() + " (manifest ignored)");
    }
}

}  // namespace

Audio readClip(const fs::path& file, int sampleRate) {
    Audio audio;
    try {
        audio = parseWav(readFile(file));
    } catch (const WavError& e) {
        throw ClipError(file.string() + ": " + e.what());
    }
    audio = trimmedSilence(resampled(audio, sampleRate));
    if (audio.samples.empty()) throw ClipError(file.string() + ": only silence");
    return audio;
}

PackLoad loadVoicePack(const fs::path& directory, Language language, int sampleRate) {
    PackLoad load;
    std::error_code ec;
    if (!fs::is_directory(directory, ec)) return load;
    VoicePack pack;
    pack.language = language;
    pack.directory = directory;
    try {
        readManifest(pack, load.problems);
    } catch (const ClipError& e) {
        load.problems.push_back(std::string(e.what()) + " (pack ignored)");
        return load;
    }
    for (const auto& entry : fs::directory_iterator(directory, ec)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".wav") continue;
        try {
            readClip(entry.path(), sampleRate);  // checked now, so a broken clip is reported at start
            pack.clips.emplace(entry.path().stem().string(), entry.path());
        } catch (const ClipError& e) {
            load.problems.push_back(e.what());
        }
    }
    if (ec) load.problems.push_back(directory.string() + ": " + ec.message());
    if (!pack.clips.empty()) load.pack = std::move(pack);
    return load;
}

}  // namespace hub::speech
