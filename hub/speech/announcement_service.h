#pragma once
// The getAnnouncement use case: a display, known by its key, asks for the
// audio of one call; the display's languages setting decides what is spoken.
#include "hub/speech/announcer.h"

#include <functional>
#include <string>
#include <string_view>

namespace hub::speech {

// A display's languages setting ("en", "bn" or "both"), by its key; throws
// hub::Error(NotFound) when no display has that key. Supplied by the display
// module, so speech knows nothing of how displays are stored.
using DisplayLanguages = std::function<std::string(const std::string& key)>;

class AnnouncementService {
public:
    AnnouncementService(Announcer& announcer, DisplayLanguages displays)
        : announcer_(announcer), displays_(std::move(displays)) {}

    // Throws hub::Error(NotFound) for an unknown key (before looking at the
    // rest, so a guessed key learns nothing) and hub::Error(InvalidInput)
    // naming "label" or "room".
    Announcement announce(const std::string& displayKey, std::string_view label, std::string_view room);

    std::shared_ptr<const std::string> chime() const { return announcer_.chimeWav(); }

private:
    Announcer& announcer_;
    DisplayLanguages displays_;
};

}  // namespace hub::speech
