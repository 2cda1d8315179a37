#pragma once
// Recently assembled announcements, so a recall (and every other display
// announcing the same call) repeats the same audio without joining it again.
// Bounded by bytes, least recently used first out; safe across request threads.
#include "hub/speech/spoken_call.h"

#include <cstddef>
#include <list>
#include <memory>
#include <optional>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace hub::speech {

struct Announcement {
    std::shared_ptr<const std::string> wav;  // a complete WAV file
    std::vector<Language> spoken;            // the languages it speaks; empty = the chime alone
};

class AnnouncementCache {
public:
    explicit AnnouncementCache(std::size_t maxBytes) : maxBytes_(maxBytes) {}

    // The announcement stored under key (now the most recently used), or nullopt.
    std::optional<Announcement> find(const std::string& key);
    // Stores it, evicting the least recently used until the total fits. An
    // announcement larger than the whole budget is not kept.
    void insert(const std::string& key, Announcement announcement);

    std::size_t bytes() const;
    std::size_t size() const;

private:
    using Entry = std::pair<std::string, Announcement>;
    mutable std::mutex mutex_;
    std::list<Entry> entries_;  // most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> index_;
    std::size_t bytes_ = 0;
    const std::size_t maxBytes_;
};

}  // namespace hub::speech
