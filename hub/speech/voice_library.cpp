#include "hub/speech/voice_library.h"

#include "hub/core/log.h"

#include <array>

namespace hub::speech {
namespace fs = std::filesystem;

fs::path defaultVoiceDirectory() {
    const fs::path installed = CLINIC_HUB_INSTALLED_VOICE_DIR;
    std::error_code ec;
    if (fs::is_directory(installed, ec)) return installed;
    return CLINIC_HUB_BUILD_VOICE_DIR;
}

VoiceLibrary::VoiceLibrary(std::vector<VoicePack> clinicPacks, std::vector<VoicePack> defaultPacks)
    : clinic_(std::move(clinicPacks)), defaults_(std::move(defaultPacks)) {}

VoiceLibrary VoiceLibrary::load(const fs::path& clinicDirectory, const fs::path& defaultDirectory,
                                std::vector<std::string>& problems) {
    std::vector<VoicePack> clinic, defaults;
    for (const Language language : domain::hubLanguages) {
        const std::string code(domain::languageName(language));
        for (auto [dir, packs] : {std::pair{clinicDirectory, &clinic}, std::pair{defaultDirectory, &defaults}}) {
            if (dir.empty()) continue;
            PackLoad load = loadVoicePack(dir / code, language, kSampleRate);
            problems.insert(problems.end(), load.problems.begin(), load.problems.end());
            if (load.pack) packs->push_back(std::move(*load.pack));
        }
    }
    return VoiceLibrary(std::move(clinic), std::move(defaults));
}

const VoicePack* VoiceLibrary::find(const std::vector<VoicePack>& packs, Language language) const {
    for (const auto& p : packs)
        if (p.language == language) return &p;
    return nullptr;
}

std::array<const VoicePack*, 2> VoiceLibrary::inOrder(Language language) const {
    return {find(clinic_, language), find(defaults_, language)};
}

bool VoiceLibrary::hasClip(Language language, const std::string& name) const {
    for (const VoicePack* pack : inOrder(language))
        if (pack && pack->clips.count(name) != 0) return true;
    return false;
}

std::optional<Audio> VoiceLibrary::clip(Language language, const std::string& name) const {
    for (const VoicePack* pack : inOrder(language)) {
        if (!pack) continue;
        const auto it = pack->clips.find(name);
        if (it == pack->clips.end()) continue;
        try {
            return readClip(it->second, kSampleRate);
        } catch (const ClipError& e) {  // changed or removed since the hub started: the next pack stands in
            log::warning("speech", e.what());
        }
    }
    return std::nullopt;
}

std::string VoiceLibrary::announcement(Language language) const {
    for (const VoicePack* pack : inOrder(language))
        if (pack && pack->announcement) return *pack->announcement;
    return kDefaultAnnouncement;
}

std::string VoiceLibrary::text(Language language, const std::string& name) const {
    for (const VoicePack* pack : inOrder(language))
        if (pack)
            if (const auto it = pack->texts.find(name); it != pack->texts.end()) return it->second;
    return {};
}

bool VoiceLibrary::speaks(Language language) const {
    return find(clinic_, language) != nullptr || find(defaults_, language) != nullptr;
}

std::string VoiceLibrary::summary() const {
    std::string out;
    for (const Language language : domain::hubLanguages) {
        const bool own = find(clinic_, language) != nullptr, standard = find(defaults_, language) != nullptr;
        if (!own && !standard) continue;
        out += (out.empty() ? "" : ", ") + std::string(domain::languageName(language)) + " (" +
               (own ? (standard ? "clinic pack + default" : "clinic pack") : "default") + ")";
    }
    return out.empty() ? "no voice packs: announcements are the chime only" : out;
}

}  // namespace hub::speech
