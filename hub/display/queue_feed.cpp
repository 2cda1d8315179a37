#include "hub/display/queue_feed.h"

#include "hub/core/log.h"
#include "hub/display/display_json.h"
#include "hub/opd/visit_json.h"
#include "hub/store/display_repository.h"
#include "hub/store/doctor_repository.h"

#include <algorithm>
#include <optional>

namespace hub::display {

std::string displayTopic(long long displayId) { return "display/" + std::to_string(displayId); }

void QueueFeed::publish(const opd::QueueEvent& event) {
    struct Read {
        ClinicHeading heading;
        std::vector<domain::Display> displays;  // those showing the event's doctor
        std::optional<DoctorBoard> board;
    };
    try {
        std::lock_guard lock(mutex_);
        const Read read = db_.read([&](store::Connection& c) {
            Read r;
            r.heading = readHeading(c, clock_.now());
            r.displays = store::DisplayRepository(c).list();
            std::erase_if(r.displays, [&](const auto& d) { return !shows(d, event.doctorId); });
            if (!r.displays.empty())
                if (auto doctor = store::DoctorRepository(c).find(event.doctorId))
                    r.board = readBoard(c, *doctor, r.heading.clinicDay);
            return r;
        });
        journal_.append(staffTopic, "queue", opd::jsonText(staffQueueEventJson(event, read.heading.utcOffsetMinutes)));
        if (!read.board) return;
        std::string plain, withInitial;  // rendered at most once each
        for (const auto& d : read.displays) {
            const bool initial = d.settings.showInitial;
            std::string& text = initial ? withInitial : plain;
            if (text.empty()) text = opd::jsonText(displayQueueEventJson(event, *read.board, initial));
            journal_.append(displayTopic(d.id), "queue", text);
        }
    } catch (const std::exception& e) {
        log::error("display", "could not publish queue event " + event.type + " of token " +
                                  std::to_string(event.tokenId) + ": " + e.what());
    }
}

void QueueFeed::displayChanged(long long displayId) {
    try {
        std::lock_guard lock(mutex_);
        auto state = db_.read([&](store::Connection& c) -> std::optional<DisplayState> {
            const auto d = store::DisplayRepository(c).find(displayId);
            if (!d) return std::nullopt;
            return readState(c, *d, clock_.now());
        });
        if (!state) return;
        const std::string topic = displayTopic(displayId);
        state->eventId = journal_.append(topic, "display", opd::jsonText(displayJson(state->display, false)));
        journal_.append(topic, "snapshot", opd::jsonText(stateJson(*state)));
    } catch (const std::exception& e) {
        log::error("display", "could not publish the change of display " + std::to_string(displayId) + ": " + e.what());
    }
}

void QueueFeed::noticeDayTurn() {
    try {
        std::lock_guard lock(mutex_);
        const TimePoint now = clock_.now();
        const std::string day = db_.read([&](store::Connection& c) { return readHeading(c, now).clinicDay; });
        const bool turned = !lastClinicDay_.empty() && day != lastClinicDay_;
        lastClinicDay_ = day;
        if (!turned) return;
        auto states = db_.read([&](store::Connection& c) {
            std::vector<DisplayState> out;
            for (const auto& d : store::DisplayRepository(c).list()) out.push_back(readState(c, d, now));
            return out;
        });
        Poco::JSON::Object::Ptr dayEvent = new Poco::JSON::Object;
        dayEvent->set("clinic_day", day);
        journal_.append(staffTopic, "day", opd::jsonText(dayEvent));
        for (auto& state : states) {
            state.eventId = journal_.lastId();
            journal_.append(displayTopic(state.display.id), "snapshot", opd::jsonText(stateJson(state)));
        }
        log::info("display", "the clinic day turned to " + day + ": " + std::to_string(states.size()) +
                                 " display(s) got a fresh board");
    } catch (const std::exception& e) {
        log::error("display", std::string("could not publish the turn of the clinic day: ") + e.what());
    }
}

}  // namespace hub::display
