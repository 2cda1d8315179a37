#pragma once
// How many connections one client address may hold on a listener, and how many
// the hub holds in all. A connection takes a ConnectionSlot when accepted and
// gives it back when it closes, wherever it lives by then (the stream hub keeps
// the slot of a Server-Sent-Events connection it adopted), so a phone cannot
// escape its address's cap by turning requests into streams.
#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace hub::net {

class ConnectionSlot;

// Thread-safe. Shared by the server and every slot, which may outlive the server.
class ConnectionCounter {
public:
    // A slot for `address` (any stable byte key: the raw IP) under `perAddressCap`
    // on this listener, or an empty pointer when that address holds the cap.
    // The total is counted, never refused here: the server decides what to do
    // at its limit (close an idle connection first).
    static std::unique_ptr<ConnectionSlot> admit(const std::shared_ptr<ConnectionCounter>& counter,
                                                 const std::string& address, std::size_t perAddressCap);

    std::size_t total() const { return total_.load(std::memory_order_relaxed); }
    std::size_t heldBy(const std::string& address) const;

    // Every listener of one server shares the total.
    explicit ConnectionCounter(std::shared_ptr<std::atomic<std::size_t>> total = {})
        : sharedTotal_(total ? std::move(total) : std::make_shared<std::atomic<std::size_t>>(0)),
          total_(*sharedTotal_) {}
    std::shared_ptr<std::atomic<std::size_t>> sharedTotal() const { return sharedTotal_; }

private:
    friend class ConnectionSlot;
    void release(const std::string& address);

    std::shared_ptr<std::atomic<std::size_t>> sharedTotal_;
    std::atomic<std::size_t>& total_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::size_t> perAddress_;  // REQUIRES: mutex_ held
};

class ConnectionSlot {
public:
    ConnectionSlot(std::shared_ptr<ConnectionCounter> counter, std::string address)
        : counter_(std::move(counter)), address_(std::move(address)) {}
    ~ConnectionSlot() { counter_->release(address_); }
    ConnectionSlot(const ConnectionSlot&) = delete;
    ConnectionSlot& operator=(const ConnectionSlot&) = delete;

private:
    std::shared_ptr<ConnectionCounter> counter_;
    std::string address_;
};

}  // namespace hub::net
