#include "hub/speech/announcement_service.h"

#include "hub/core/error.h"

namespace hub::speech {

Announcement AnnouncementService::announce(const std::string& displayKey, std::string_view label,
                                           std::string_view room) {
    const auto languages = displays_(displayKey);
    if (!languages) throw notFound("no display with this key");
    return announcer_.announce(parseTokenCall(label, room), *languages);
}

}  // namespace hub::speech
