#include "hub/api/routes/display_routes.h"

#include "hub/api/routes/event_stream.h"
#include "hub/api/routes/json_mapping.h"
#include "hub/api/routes/session_gate.h"
#include "hub/display/display_json.h"
#include "hub/opd/visit_json.h"
#include "hub/core/error.h"
#include "hub/qr/qr_code.h"

#include <Poco/JSON/Array.h>

namespace hub::api {
namespace {

// The settings an admin sends: all optional on update; name required on create.
std::vector<Property> settingsProperties(bool create) {
    auto name = withLength(string("shown to admins only"), 1, 400);
    return {
        create ? required("name", name) : optional("name", name),
        optional("doctor_ids", withLength(arrayOf(string(), "in screen order; empty = every active doctor"), 0, 32)),
        optional("languages", enumeration(domain::displayLanguageChoices)),
        optional("bangla_numerals", boolean("০–৯ in token labels and the clock")),
        optional("theme", enumeration(domain::displayThemes)),
        optional("notice", withLength(string("the scrolling line, at most 300 characters"), 0, 1200)),
        optional("show_initial", boolean("the patient's first-name initial beside the token")),
        optional("show_welcome_qr", boolean("the staff set-up QR code")),
        optional("sound", enumeration(domain::displaySounds)),
    };
}

std::optional<std::vector<long long>> doctorIdsFrom(const Poco::JSON::Object::Ptr& body) {
    if (!body->has("doctor_ids")) return std::nullopt;
    std::vector<long long> ids;
    const auto array = body->getArray("doctor_ids");
    for (std::size_t i = 0; i < array->size(); ++i)
        ids.push_back(parseId(array->getElement<std::string>(static_cast<unsigned>(i)),
                              "doctor_ids[" + std::to_string(i) + "]"));
    return ids;
}

display::DisplayUpdate updateFrom(const Poco::JSON::Object::Ptr& b) {
    display::DisplayUpdate u;
    u.name = optionalField<std::string>(b, "name");
    u.doctorIds = doctorIdsFrom(b);
    u.languages = optionalField<std::string>(b, "languages");
    u.banglaNumerals = optionalField<bool>(b, "bangla_numerals");
    u.theme = optionalField<std::string>(b, "theme");
    u.notice = optionalField<std::string>(b, "notice");
    u.showInitial = optionalField<bool>(b, "show_initial");
    u.showWelcomeQr = optionalField<bool>(b, "show_welcome_qr");
    u.sound = optionalField<std::string>(b, "sound");
    return u;
}

// A new display: the request's settings over the defaults (the schema requires a name).
domain::DisplaySettings settingsFrom(const Poco::JSON::Object::Ptr& b) {
    domain::DisplaySettings s;
    updateFrom(b).applyTo(s);
    return s;
}

Schema boardTokenSchema(bool withState) {
    std::vector<Property> props = {required("label", string("e.g. A-007"))};
    // A board shows the tokens being called and the one in consultation.
    const auto name = [](domain::TokenState s) { return std::string(domain::tokenStateName(s)); };
    if (withState)
        props.push_back(required("state", enumeration({name(domain::TokenState::Called),
                                                       name(domain::TokenState::InConsultation)})));
    props.push_back(optional("initial", string("the patient's first-name initial; only if the display shows it")));
    return object(std::move(props));
}

Schema doctorBoardSchema() {
    return object({
        required("doctor_id", string()),
        required("name_en", string()),
        required("name_bn", string()),
        required("room", string()),
        required("token_prefix", string()),
        required("now_serving", nullable(boardTokenSchema(true))),
        required("next", arrayOf(boardTokenSchema(false), "up to 5, in call order")),
        required("waiting_count", integer()),
    });
}

// The name the admin's browser reached the hub by ("clinic-hub.local",
// "192.168.1.10:8443"): the TV on the same network reaches it by the same.
// Anything else in Host is refused rather than drawn into a QR code.
std::string hostForUrl(const std::string& host) {
    const bool ok = !host.empty() && host.size() <= 255 &&
                    host.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") ==
                        std::string::npos;
    if (!ok) throw invalidInput("Host", "the Host header must be the hub's name or address");
    return host;
}

Route displayRoute(std::string method, std::string path, domain::Operation op, std::string summary) {
    Route r = staffRoute(std::move(method), std::move(path), op, std::move(summary));
    r.tag = "display";
    return r;
}

}  // namespace

Schema displaySchema(bool withKey) {
    std::vector<Property> props = {required("id", string()), required("name", string())};
    if (withKey) {
        props.push_back(required("key", string("128 random bits, base64url: the display's secret")));
        props.push_back(required("url", string("the TV page: /display/<key>")));
    }
    props.push_back(required("doctor_ids", arrayOf(string(), "empty = every active doctor")));
    props.push_back(required("languages", enumeration(domain::displayLanguageChoices)));
    props.push_back(required("bangla_numerals", boolean()));
    props.push_back(required("theme", enumeration(domain::displayThemes)));
    props.push_back(required("notice", string()));
    props.push_back(required("show_initial", boolean()));
    props.push_back(required("show_welcome_qr", boolean()));
    props.push_back(required("sound", enumeration(domain::displaySounds)));
    return object(std::move(props));
}

Schema displayStateSchema() {
    return object({
        required("event_id", integer("the last event included: resume the display stream from here")),
        required("server_time", withFormat(string(), "date-time")),
        required("clinic", object({required("name", string()), required("utc_offset_minutes", integer())})),
        required("display", displaySchema(false)),
        required("doctors", arrayOf(doctorBoardSchema())),
    });
}

std::vector<Route> displayRoutes(display::DisplayService& displays, events::EventJournal& journal,
                                 events::StreamHub& hub) {
    std::vector<Route> routes;

    Route list = displayRoute("GET", "/api/v1/displays", domain::Operation::ListDisplays,
                              "The waiting-room displays with their keys and URLs");
    list.responseBody = object({required("displays", arrayOf(displaySchema(true)))});
    list.handler = [&displays](ApiRequest& r) {
        Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
        for (const auto& d : displays.listDisplays(actorFor(r))) items->add(display::displayJson(d, true));
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
        body->set("displays", items);
        return ApiResponse::ok(body);
    };
    routes.push_back(std::move(list));

    Route create = displayRoute("POST", "/api/v1/displays", domain::Operation::CreateDisplay,
                                "Create a named display; its key (and URL) is made here");
    create.requestBody = object(settingsProperties(true));
    create.successStatus = 201;
    create.responseBody = displaySchema(true);
    create.errorStatuses = {422};  // doctor_ids names someone who is not a doctor
    create.handler = [&displays](ApiRequest& r) {
        return ApiResponse::created(display::displayJson(displays.createDisplay(actorFor(r), settingsFrom(r.body)), true));
    };
    routes.push_back(std::move(create));

    Route update = displayRoute("PATCH", "/api/v1/displays/{id}", domain::Operation::UpdateDisplay,
                                "Change a display; absent fields stay as they are. Open screens get the change at once");
    update.requestBody = object(settingsProperties(false));
    update.responseBody = displaySchema(true);
    update.errorStatuses = {404, 422};
    update.handler = [&displays](ApiRequest& r) {
        const long long id = parseId(r.path("id"), "id");
        return ApiResponse::ok(display::displayJson(displays.updateDisplay(actorFor(r), id, updateFrom(r.body)), true));
    };
    routes.push_back(std::move(update));

    Route remove = displayRoute("DELETE", "/api/v1/displays/{id}", domain::Operation::DeleteDisplay,
                                "Remove a display: its URL stops working at once and its open screens are "
                                "disconnected within 15 s");
    remove.successStatus = 204;
    remove.errorStatuses = {404};
    remove.handler = [&displays](ApiRequest& r) {
        displays.deleteDisplay(actorFor(r), parseId(r.path("id"), "id"));
        return ApiResponse::noContent();
    };
    routes.push_back(std::move(remove));

    Route rotate = displayRoute("POST", "/api/v1/displays/{id}/key", domain::Operation::RotateDisplayKey,
                                "Give a display a new key (and URL), when the old URL went where it should not: the "
                                "old one stops working as if the display were removed");
    rotate.responseBody = displaySchema(true);
    rotate.errorStatuses = {404};
    rotate.handler = [&displays](ApiRequest& r) {
        return ApiResponse::ok(display::displayJson(displays.rotateKey(actorFor(r), parseId(r.path("id"), "id")), true));
    };
    routes.push_back(std::move(rotate));

    Route qr = displayRoute("GET", "/api/v1/displays/{id}/qr", domain::Operation::GetDisplayQr,
                            "The display's TV address (https://<the name this request used>/display/<key>) as an "
                            "SVG QR code, to open it on a smart TV's browser or a phone without typing the key");
    qr.rawContentType = "image/svg+xml";
    qr.errorStatuses = {404};
    qr.handler = [&displays](ApiRequest& r) {
        const auto display = displays.displayForQr(actorFor(r), parseId(r.path("id"), "id"));
        const std::string url = "https://" + hostForUrl(r.http.getHost()) + display::displayUrl(display.key);
        return ApiResponse::bytes("image/svg+xml", qr::QrCode::encode(url).svg(url))
            .header("Cache-Control", "no-store");  // it holds the key: not for a shared cache
    };
    routes.push_back(std::move(qr));

    Route state = publicRoute("GET", "/api/v1/display/{key}/state", "getDisplayState",
                              "What the screen shows, for its first paint: per doctor the token now served, the next "
                              "ones and how many wait. Token labels, doctor names and rooms only");
    state.tag = "display";
    state.responseBody = displayStateSchema();
    state.errorStatuses = {404};
    state.handler = [&displays](ApiRequest& r) {
        return ApiResponse::ok(display::stateJson(displays.state(r.path("key"))));
    };
    routes.push_back(std::move(state));

    Route stream = publicRoute("GET", "/api/v1/display/{key}/events", "displayEvents",
                               "Server-Sent Events for the screen: `snapshot` (the state) first or after a gap too old "
                               "to resume, `queue` {type, doctor_id, label, room, doctor} for its doctors, `display` "
                               "(its settings) when an admin changes it. Closed within a heartbeat (15 s) once the display "
                               "is removed or re-keyed");
    stream.tag = "display";
    stream.errorStatuses = {404};
    declareEventStream(stream);
    stream.handler = [&displays, &journal, &hub](ApiRequest& r) {
        const std::string key = r.path("key");
        // Taken before the lookup: a removal racing it makes the first heartbeat look again.
        unsigned long long keysSeen = displays.keysVersion();
        const long long id = displays.displayIdForKey(key);
        auto starter = [&displays, &key](bool) {
            const auto now = displays.state(key);
            return StreamStart{events::sseFrame(now.eventId, "snapshot", opd::jsonText(display::stateJson(now))),
                               now.eventId};
        };
        auto keyHolds = [&displays, key, keysSeen]() mutable { return displays.keyStillValid(key, keysSeen); };
        return openEventStream(r, hub, journal, display::displayTopic(id), "display:" + std::to_string(id), starter,
                               keyHolds);
    };
    routes.push_back(std::move(stream));
    return routes;
}

}  // namespace hub::api
