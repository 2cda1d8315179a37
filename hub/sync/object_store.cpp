#include "hub/sync/object_store.h"

namespace hub::sync {

void MemoryObjectStore::put(const std::string& name, std::string_view body) {
    std::lock_guard lock(mutex_);
    objects_[name] = std::string(body);
    countUpload(body.size());
}

std::optional<std::string> MemoryObjectStore::get(const std::string& name) {
    std::lock_guard lock(mutex_);
    const auto it = objects_.find(name);
    if (it == objects_.end()) return std::nullopt;
    return it->second;
}

std::vector<StoredObject> MemoryObjectStore::list(const std::string& prefix) {
    std::lock_guard lock(mutex_);
    std::vector<StoredObject> out;
    for (auto it = objects_.lower_bound(prefix); it != objects_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
         ++it)
        out.push_back({it->first, it->second.size()});
    return out;
}

void MemoryObjectStore::remove(const std::string& name) {
    std::lock_guard lock(mutex_);
    objects_.erase(name);
}

}  // namespace hub::sync
