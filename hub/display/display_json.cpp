#include "hub/display/display_json.h"

#include <Poco/JSON/Array.h>

namespace hub::display {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr tokenJson(const BoardToken& t, bool withState, bool withInitial) {
    Object::Ptr o = new Object;
    o->set("label", t.label);
    if (withState) o->set("state", std::string(domain::tokenStateName(t.state)));
    if (withInitial && !t.initial.empty()) o->set("initial", t.initial);
    return o;
}

}  // namespace

std::string displayUrl(const std::string& key) { return "/display/" + key; }

Object::Ptr displayJson(const domain::Display& display, bool withKey) {
    const auto& s = display.settings;
    Object::Ptr o = new Object;
    o->set("id", std::to_string(display.id));
    o->set("name", s.name);
    if (withKey) {
        o->set("key", display.key);
        o->set("url", displayUrl(display.key));
    }
    Array::Ptr doctors = new Array;
    for (long long id : s.doctorIds) doctors->add(std::to_string(id));
    o->set("doctor_ids", doctors);
    o->set("languages", s.languages);
    o->set("bangla_numerals", s.banglaNumerals);
    o->set("theme", s.theme);
    o->set("notice", s.notice);
    o->set("show_initial", s.showInitial);
    o->set("show_welcome_qr", s.showWelcomeQr);
    o->set("sound", s.sound);
    return o;
}

Object::Ptr doctorBoardJson(const DoctorBoard& board, bool withInitial) {
    const auto& d = board.doctor;
    Object::Ptr o = new Object;
    o->set("doctor_id", std::to_string(d.staffId));
    o->set("name_en", d.nameEn);
    o->set("name_bn", d.nameBn);
    o->set("room", d.room);
    o->set("token_prefix", d.tokenPrefix);
    if (board.nowServing) o->set("now_serving", tokenJson(*board.nowServing, true, withInitial));
    else o->set("now_serving", Poco::Dynamic::Var());
    Array::Ptr next = new Array;
    for (const auto& t : board.next) next->add(tokenJson(t, false, withInitial));
    o->set("next", next);
    o->set("waiting_count", board.waitingCount);
    return o;
}

Object::Ptr stateJson(const DisplayState& state) {
    Object::Ptr o = new Object;
    o->set("event_id", state.eventId);
    o->set("server_time", formatRfc3339(state.serverTime, state.clinic.utcOffsetMinutes));
    Object::Ptr clinic = new Object;
    clinic->set("name", state.clinic.name);
    clinic->set("utc_offset_minutes", state.clinic.utcOffsetMinutes);
    o->set("clinic", clinic);
    o->set("display", displayJson(state.display, false));
    Array::Ptr doctors = new Array;
    for (const auto& b : state.doctors) doctors->add(doctorBoardJson(b, state.display.settings.showInitial));
    o->set("doctors", doctors);
    return o;
}

Object::Ptr displayQueueEventJson(const opd::QueueEvent& event, const DoctorBoard& board, bool withInitial) {
    Object::Ptr o = new Object;
    o->set("type", event.type);
    o->set("doctor_id", std::to_string(event.doctorId));
    o->set("label", event.label);
    o->set("room", board.doctor.room);
    o->set("doctor", doctorBoardJson(board, withInitial));
    return o;
}

Object::Ptr staffQueueEventJson(const opd::QueueEvent& event, int utcOffsetMinutes) {
    Object::Ptr o = new Object;
    o->set("type", event.type);
    o->set("token_id", std::to_string(event.tokenId));
    o->set("doctor_id", std::to_string(event.doctorId));
    o->set("label", event.label);
    o->set("clinic_day", event.clinicDay);
    o->set("at", formatRfc3339(event.at, utcOffsetMinutes));
    return o;
}

}  // namespace hub::display
