#pragma once
// The queue-event sink that feeds the event journal: for every queue change, one
// event on the staff stream (ids and labels only) and one on the stream of each
// display that shows the doctor, carrying that doctor's whole board, so a screen
// that missed nothing is always up to date. The board is read once per change,
// however many screens watch it.
#include "hub/core/clock.h"
#include "hub/display/display_projection.h"
#include "hub/events/event_journal.h"
#include "hub/opd/queue_events.h"
#include "hub/store/database.h"

#include <mutex>
#include <string>

namespace hub::display {

inline const std::string staffTopic = "staff";
std::string displayTopic(long long displayId);  // "display/3"

class QueueFeed final : public opd::QueueEventSink {
public:
    QueueFeed(store::Database& db, const Clock& clock, events::EventJournal& journal)
        : db_(db), clock_(clock), journal_(journal) {}

    // Never throws: a failure is logged and the screens catch up on the next change.
    void publish(const opd::QueueEvent& event) override;

    // After an admin changed a display: its settings, then a fresh snapshot, to
    // every screen showing it (the doctors or the initials may have changed).
    void displayChanged(long long displayId);

    // Called every minute by the daemon's upkeep, and once at start. The first
    // call only notes the clinic's day. When a later call finds that the day
    // has turned (midnight in the clinic's timezone), every display gets a fresh
    // snapshot, so yesterday's tokens leave the waiting-room screen without
    // waiting for the first check-in, and the staff stream a `day` event
    // {clinic_day}. Never throws.
    void noticeDayTurn();

    // A resume point taken before reading a state: events after it may repeat
    // what the state shows, none is lost.
    long long lastEventId() const { return journal_.lastId(); }

private:
    store::Database& db_;
    const Clock& clock_;
    events::EventJournal& journal_;
    // Each read and its appends happen together, so the journal's order is the
    // order of the reads and a later event never carries an older board.
    std::mutex mutex_;
    std::string lastClinicDay_;  // REQUIRES: mutex_ held
};

}  // namespace hub::display
