#include "hub/display/display_service.h"

#include "hub/core/error.h"
#include "hub/service/audited.h"
#include "hub/store/display_repository.h"
#include "hub/store/doctor_repository.h"

namespace hub::display {
namespace {

constexpr std::size_t keyBytes = 16;  // 128 bits

void checkSettings(store::Connection& tx, const domain::DisplaySettings& settings) {
    if (auto problem = domain::checkDisplaySettings(settings))
        throw invalidInput(problem->field, problem->field + " " + problem->message);
    store::DoctorRepository doctors(tx);
    for (long long id : settings.doctorIds)
        if (!doctors.find(id)) throw unknownReference("doctor_ids", "doctor_ids: no doctor with id " + std::to_string(id));
}

domain::Display found(std::optional<domain::Display> display, const std::string& field) {
    if (!display) throw Error(ErrorCode::NotFound, "no such display", field);
    return std::move(*display);
}

void appendAudit(audit::AuditLog& log, store::Connection& tx, const auth::ActorContext& actor, std::string_view action,
                 const domain::Display& d) {
    auto e = service::auditEventFor(actor, action, "display", std::to_string(d.id), audit::Outcome::Success);
    e.detail = d.settings.name;
    log.append(tx, e);
}

}  // namespace

void DisplayUpdate::applyTo(domain::DisplaySettings& s) const {
    const auto apply = [](auto& field, const auto& value) {
        if (value) field = *value;
    };
    apply(s.name, name);
    apply(s.doctorIds, doctorIds);
    apply(s.languages, languages);
    apply(s.banglaNumerals, banglaNumerals);
    apply(s.theme, theme);
    apply(s.notice, notice);
    apply(s.showInitial, showInitial);
    apply(s.showWelcomeQr, showWelcomeQr);
    apply(s.sound, sound);
}

std::vector<domain::Display> DisplayService::listDisplays(const auth::ActorContext& actor) {
    service::requirePermission(actor, domain::Operation::ListDisplays);
    return db_.read([](store::Connection& c) { return store::DisplayRepository(c).list(); });
}

domain::Display DisplayService::createDisplay(const auth::ActorContext& actor, const domain::DisplaySettings& settings) {
    service::requirePermission(actor, domain::Operation::CreateDisplay);
    return db_.write([&](store::Connection& tx) {
        checkSettings(tx, settings);
        store::DisplayRepository displays(tx);
        const auto display = found(displays.find(displays.insert(random_.token(keyBytes), settings, clock_.now())), "id");
        appendAudit(audit_, tx, actor, "display.create", display);
        return display;
    });
}

domain::Display DisplayService::updateDisplay(const auth::ActorContext& actor, long long id, const DisplayUpdate& u) {
    service::requirePermission(actor, domain::Operation::UpdateDisplay);
    auto display = db_.write([&](store::Connection& tx) {
        store::DisplayRepository displays(tx);
        auto d = found(displays.find(id), "id");
        u.applyTo(d.settings);
        checkSettings(tx, d.settings);
        displays.update(id, d.settings, clock_.now());
        appendAudit(audit_, tx, actor, "display.update", d);
        return d;
    });
    feed_.displayChanged(id);
    return display;
}

void DisplayService::deleteDisplay(const auth::ActorContext& actor, long long id) {
    service::requirePermission(actor, domain::Operation::DeleteDisplay);
    db_.write([&](store::Connection& tx) {
        store::DisplayRepository displays(tx);
        const auto d = found(displays.find(id), "id");
        displays.remove(id);
        appendAudit(audit_, tx, actor, "display.delete", d);
    });
    ++keysVersion_;
}

domain::Display DisplayService::displayForQr(const auth::ActorContext& actor, long long id) {
    service::requirePermission(actor, domain::Operation::GetDisplayQr);
    return db_.read([&](store::Connection& c) { return found(store::DisplayRepository(c).find(id), "id"); });
}

domain::Display DisplayService::rotateKey(const auth::ActorContext& actor, long long id) {
    service::requirePermission(actor, domain::Operation::RotateDisplayKey);
    auto display = db_.write([&](store::Connection& tx) {
        store::DisplayRepository displays(tx);
        auto d = found(displays.find(id), "id");
        d.key = random_.token(keyBytes);
        displays.replaceKey(id, d.key, clock_.now());
        appendAudit(audit_, tx, actor, "display.rotate_key", d);  // the name, never the key
        return d;
    });
    ++keysVersion_;
    return display;
}

bool DisplayService::keyStillValid(const std::string& key, unsigned long long& seenVersion) {
    const unsigned long long now = keysVersion_.load();
    if (now == seenVersion) return true;
    const bool valid = db_.read([&](store::Connection& c) { return store::DisplayRepository(c).findByKey(key).has_value(); });
    seenVersion = now;
    return valid;
}

long long DisplayService::displayIdForKey(const std::string& key) {
    return db_.read([&](store::Connection& c) { return found(store::DisplayRepository(c).findByKey(key), "key").id; });
}

domain::DisplaySettings DisplayService::settingsForKey(const std::string& key) {
    return db_.read([&](store::Connection& c) { return found(store::DisplayRepository(c).findByKey(key), "key").settings; });
}

DisplayState DisplayService::state(const std::string& key) {
    const long long eventId = feed_.lastEventId();
    auto state = db_.read([&](store::Connection& c) {
        return readState(c, found(store::DisplayRepository(c).findByKey(key), "key"), clock_.now());
    });
    state.eventId = eventId;
    return state;
}

}  // namespace hub::display
