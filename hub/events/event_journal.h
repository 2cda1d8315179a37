#pragma once
// The recent past of the live streams: a bounded ring of events, each with a
// monotonic id, so a client that reconnects with Last-Event-ID gets exactly what
// it missed, or learns that the gap is too old and it must start afresh.
//
// Ids start at a random point of a 2^52 range (exact in JavaScript) chosen when
// the process starts, so an id from before a hub restart is, with overwhelming
// likelihood, outside this process's window and recognised as too old.
#include "hub/core/random.h"

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace hub::events {

struct Event {
    long long id = 0;
    std::string topic;  // who receives it: "staff", "display/3"
    std::string type;   // the SSE event name: queue, display, snapshot ...
    std::string data;   // JSON text
    std::string frame;  // the whole SSE frame ("id: …\nevent: …\ndata: …\n\n"), built once
};
using EventPtr = std::shared_ptr<const Event>;

// One SSE frame; data with line breaks becomes several data: lines.
std::string sseFrame(long long id, const std::string& type, const std::string& data);

// A random first id for this process, in [2^40, 2^52).
long long randomFirstId(Random& random);

class EventJournal {
public:
    static constexpr std::size_t defaultCapacity = 4096;

    // firstId: randomFirstId() for a process's journal.
    EventJournal(std::size_t capacity, long long firstId);
    EventJournal(const EventJournal&) = delete;
    EventJournal& operator=(const EventJournal&) = delete;

    // Appends and returns the event's id. Thread-safe; wakes the listener.
    long long append(std::string topic, std::string type, std::string data);

    // The id of the newest event (firstId - 1 before the first): a resume point
    // for a client that has just been sent the present state.
    long long lastId() const;

    // Every event after lastSeen in id order, or nullopt when some of them have
    // left the ring or lastSeen was never issued by this process (too old).
    std::optional<std::vector<EventPtr>> since(long long lastSeen) const;
    bool covers(long long lastSeen) const;

    // Called after every append, outside the journal's lock: the stream hub's
    // wake-up. Must be cheap and must not throw; null to stop listening.
    void setListener(std::function<void()> listener);

private:
    bool coversLocked(long long lastSeen) const;  // REQUIRES: mutex_ held

    const std::size_t capacity_;
    mutable std::mutex mutex_;
    std::vector<EventPtr> ring_;  // REQUIRES: mutex_; ring_[id % capacity_] once full
    long long firstId_;           // the first id this process issued
    long long nextId_;            // REQUIRES: mutex_
    std::shared_ptr<const std::function<void()>> listener_;  // REQUIRES: mutex_
};

}  // namespace hub::events
