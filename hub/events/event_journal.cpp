#include "hub/events/event_journal.h"

#include <algorithm>
#include <cstring>

namespace hub::events {

std::string sseFrame(long long id, const std::string& type, const std::string& data) {
    std::string frame = "id: " + std::to_string(id) + "\nevent: " + type + "\n";
    std::size_t start = 0;
    for (;;) {
        const std::size_t end = data.find('\n', start);
        frame += "data: ";
        frame.append(data, start, end == std::string::npos ? std::string::npos : end - start);
        frame += '\n';
        if (end == std::string::npos) break;
        start = end + 1;
    }
    frame += '\n';
    return frame;
}

long long randomFirstId(Random& random) {
    const auto bytes = random.bytes(8);
    unsigned long long r = 0;
    std::memcpy(&r, bytes.data(), sizeof r);
    constexpr unsigned long long low = 1ULL << 40, high = 1ULL << 52;
    return static_cast<long long>(low + r % (high - low));
}

EventJournal::EventJournal(std::size_t capacity, long long firstId)
    : capacity_(std::max<std::size_t>(capacity, 1)), firstId_(firstId), nextId_(firstId) {
    ring_.reserve(capacity_);
}

long long EventJournal::append(std::string topic, std::string type, std::string data) {
    long long id = 0;
    std::shared_ptr<const std::function<void()>> listener;
    {
        std::lock_guard lock(mutex_);
        listener = listener_;
        id = nextId_++;
        auto event = std::make_shared<Event>();
        event->id = id;
        event->frame = sseFrame(id, type, data);
        event->topic = std::move(topic);
        event->type = std::move(type);
        event->data = std::move(data);
        if (ring_.size() < capacity_) ring_.push_back(std::move(event));
        else ring_[static_cast<std::size_t>(id - firstId_) % capacity_] = std::move(event);
    }
    if (listener) (*listener)();
    return id;
}

void EventJournal::setListener(std::function<void()> listener) {
    std::lock_guard lock(mutex_);
    listener_ = listener ? std::make_shared<const std::function<void()>>(std::move(listener)) : nullptr;
}

long long EventJournal::lastId() const {
    std::lock_guard lock(mutex_);
    return nextId_ - 1;
}

bool EventJournal::coversLocked(long long lastSeen) const {
    const long long oldest = nextId_ - static_cast<long long>(ring_.size());
    return lastSeen >= oldest - 1 && lastSeen < nextId_;
}

bool EventJournal::covers(long long lastSeen) const {
    std::lock_guard lock(mutex_);
    return coversLocked(lastSeen);
}

std::optional<std::vector<EventPtr>> EventJournal::since(long long lastSeen) const {
    std::lock_guard lock(mutex_);
    if (!coversLocked(lastSeen)) return std::nullopt;
    std::vector<EventPtr> out;
    out.reserve(static_cast<std::size_t>(nextId_ - 1 - lastSeen));
    for (long long id = lastSeen + 1; id < nextId_; ++id)
        out.push_back(ring_[static_cast<std::size_t>(id - firstId_) % capacity_]);
    return out;
}

}  // namespace hub::events
