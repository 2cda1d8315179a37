#pragma once
// What happened in a queue, for whoever shows queues live (the waiting-room
// display and the staff screens, next issue). The queue service publishes an
// event only after the change it describes has committed, so a subscriber never
// shows a token that a rolled-back transaction never issued.
#include "hub/core/clock.h"

#include <string>

namespace hub::opd {

struct QueueEvent {
    // check_in, call, recall, skip, restore, start, complete, transfer, cancel.
    // A transfer publishes two: the old token in the source queue, then the new
    // token in the target queue.
    std::string type;
    long long tokenId = 0;
    long long doctorId = 0;
    std::string clinicDay;  // "2026-11-24"
    std::string label;      // "A-007"
    TimePoint at{};
};

class QueueEventSink {
public:
    virtual ~QueueEventSink() = default;
    // Called on the request's thread after the commit, in the order the changes
    // were made. REQUIRES: does not throw and does not block for long (the
    // change is already acknowledged to the database; the caller is waiting).
    virtual void publish(const QueueEvent& event) = 0;
};

}  // namespace hub::opd
