#include "hub/speech/announcement_service.h"

#include "hub/core/error.h"

namespace hub::speech {

Announcement AnnouncementService::announce(const std::string& displayKey, std::string_view label,
                                           std::string_view room) {
    const std::string setting = displays_(displayKey);
    const auto languages = parseLanguages(setting);
    if (!languages) throw Error(ErrorCode::Internal, "display languages '" + setting + "' is not en, bn or both");
    return announcer_.announce(parseTokenCall(label, room), *languages);
}

}  // namespace hub::speech
