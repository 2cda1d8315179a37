#include "hub/speech/announcement_cache.h"

namespace hub::speech {

std::optional<Announcement> AnnouncementCache::find(const std::string& key) {
    std::lock_guard lock(mutex_);
    const auto it = index_.find(key);
    if (it == index_.end()) return std::nullopt;
    entries_.splice(entries_.begin(), entries_, it->second);
    return it->second->second;
}

void AnnouncementCache::insert(const std::string& key, Announcement announcement) {
    const std::size_t size = announcement.wav->size();
    if (size > maxBytes_) return;
    std::lock_guard lock(mutex_);
    if (const auto it = index_.find(key); it != index_.end()) {
        bytes_ -= it->second->second.wav->size();
        entries_.erase(it->second);
        index_.erase(it);
    }
    while (bytes_ + size > maxBytes_) {
        bytes_ -= entries_.back().second.wav->size();
        index_.erase(entries_.back().first);
        entries_.pop_back();
    }
    entries_.emplace_front(key, std::move(announcement));
    index_[key] = entries_.begin();
    bytes_ += size;
}

std::size_t AnnouncementCache::bytes() const {
    std::lock_guard lock(mutex_);
    return bytes_;
}

std::size_t AnnouncementCache::size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
}

}  // namespace hub::speech
