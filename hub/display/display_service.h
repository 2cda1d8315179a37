#pragma once
// Named waiting-room displays: admins list, create and change them (audited,
// like every admin change); a screen reads its state by the display's key.
// A change reaches the display's open streams through the queue feed.
#include "hub/audit/audit_log.h"
#include "hub/auth/actor.h"
#include "hub/core/clock.h"
#include "hub/core/random.h"
#include "hub/display/display_projection.h"
#include "hub/display/queue_feed.h"
#include "hub/domain/display.h"
#include "hub/store/database.h"

#include <atomic>
#include <optional>
#include <string>
#include <vector>

namespace hub::display {

// Fields absent from the request stay as they are.
struct DisplayUpdate {
    std::optional<std::string> name;
    std::optional<std::vector<long long>> doctorIds;
    std::optional<std::string> languages;
    std::optional<bool> banglaNumerals;
    std::optional<std::string> theme;
    std::optional<std::string> notice;
    std::optional<bool> showInitial;
    std::optional<bool> showWelcomeQr;
    std::optional<std::string> sound;

    void applyTo(domain::DisplaySettings& settings) const;
};

class DisplayService {
public:
    // Display keys come from random.
    DisplayService(store::Database& db, const Clock& clock, Random& random, audit::AuditLog& audit, QueueFeed& feed)
        : db_(db), clock_(clock), random_(random), audit_(audit), feed_(feed) {}

    // Admin only (Forbidden otherwise). Bad settings are InvalidInput naming the
    // field; a doctor id that is not a doctor names "doctor_ids".
    std::vector<domain::Display> listDisplays(const auth::ActorContext& actor);
    domain::Display createDisplay(const auth::ActorContext& actor, const domain::DisplaySettings& settings);
    // NotFound naming "id" for an unknown display.
    domain::Display updateDisplay(const auth::ActorContext& actor, long long id, const DisplayUpdate& update);

    // Admin only; NotFound naming "id" for an unknown display. The old URL
    // answers 404 at once and the display's open streams close within a
    // heartbeat (the TV page then says the display is unknown).
    void deleteDisplay(const auth::ActorContext& actor, long long id);
    // A new key, hence a new URL, for a display whose URL went where it should not.
    domain::Display rotateKey(const auth::ActorContext& actor, long long id);
    // One display, for its QR code (getDisplayQr); NotFound naming "id".
    domain::Display displayForQr(const auth::ActorContext& actor, long long id);

    // Whether `key` still opens a display, for its open streams to ask at each
    // heartbeat: answered from memory unless a display was deleted or re-keyed
    // since `seenVersion` (which it then updates), so hundreds of screens cost
    // nothing until then.
    bool keyStillValid(const std::string& key, unsigned long long& seenVersion);
    unsigned long long keysVersion() const { return keysVersion_.load(); }

    // Public, by the display's secret key: NotFound naming "key" for any other.
    long long displayIdForKey(const std::string& key);
    // The display's settings, for its spoken announcements (languages).
    domain::DisplaySettings settingsForKey(const std::string& key);
    DisplayState state(const std::string& key);

private:
    store::Database& db_;
    const Clock& clock_;
    Random& random_;
    audit::AuditLog& audit_;
    QueueFeed& feed_;
    std::atomic<unsigned long long> keysVersion_{0};  // bumped by every delete and key change
};

}  // namespace hub::display
