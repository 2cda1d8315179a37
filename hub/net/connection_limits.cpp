#include "hub/net/connection_limits.h"

namespace hub::net {

std::unique_ptr<ConnectionSlot> ConnectionCounter::admit(const std::shared_ptr<ConnectionCounter>& counter,
                                                         const std::string& address, std::size_t perAddressCap) {
    {
        std::lock_guard lock(counter->mutex_);
        std::size_t& held = counter->perAddress_[address];
        if (held >= perAddressCap) {
            if (held == 0) counter->perAddress_.erase(address);
            return nullptr;
        }
        ++held;
    }
    counter->total_.fetch_add(1, std::memory_order_relaxed);
    return std::make_unique<ConnectionSlot>(counter, address);
}

std::size_t ConnectionCounter::heldBy(const std::string& address) const {
    std::lock_guard lock(mutex_);
    const auto it = perAddress_.find(address);
    return it == perAddress_.end() ? 0 : it->second;
}

void ConnectionCounter::release(const std::string& address) {
    total_.fetch_sub(1, std::memory_order_relaxed);
    std::lock_guard lock(mutex_);
    const auto it = perAddress_.find(address);
    if (it != perAddress_.end() && --it->second == 0) perAddress_.erase(it);
}

}  // namespace hub::net
