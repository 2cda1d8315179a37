#pragma once
// Owners for the Avahi objects the advertiser uses. Internal to discovery/: the
// rest of the hub never sees an Avahi type.
#include <avahi-client/client.h>
#include <avahi-client/publish.h>
#include <avahi-common/strlst.h>
#include <avahi-common/thread-watch.h>
#include <avahi-common/watch.h>

#include <memory>
#include <string>
#include <vector>

namespace hub::discovery::avahi {

struct ThreadedPollFree {
    void operator()(AvahiThreadedPoll* p) const { avahi_threaded_poll_free(p); }
};
struct ClientFree {
    void operator()(AvahiClient* c) const { avahi_client_free(c); }
};
struct EntryGroupFree {
    void operator()(AvahiEntryGroup* g) const { avahi_entry_group_free(g); }
};
struct StringListFree {
    void operator()(AvahiStringList* l) const { avahi_string_list_free(l); }
};

using ThreadedPoll = std::unique_ptr<AvahiThreadedPoll, ThreadedPollFree>;
using Client = std::unique_ptr<AvahiClient, ClientFree>;
using EntryGroup = std::unique_ptr<AvahiEntryGroup, EntryGroupFree>;
using StringList = std::unique_ptr<AvahiStringList, StringListFree>;

// A timer on the poll's event loop; freed through the poll that made it.
class Timeout {
public:
    Timeout() = default;
    Timeout(const AvahiPoll* api, AvahiTimeout* t) : api_(api), t_(t) {}
    ~Timeout() { reset(); }
    Timeout(Timeout&& o) noexcept : api_(o.api_), t_(o.t_) { o.t_ = nullptr; }
    Timeout& operator=(Timeout&& o) noexcept {
        if (this != &o) {
            reset();
            api_ = o.api_;
            t_ = o.t_;
            o.t_ = nullptr;
        }
        return *this;
    }
    Timeout(const Timeout&) = delete;
    Timeout& operator=(const Timeout&) = delete;

    AvahiTimeout* get() const { return t_; }
    void reset() {
        if (t_) api_->timeout_free(t_);
        t_ = nullptr;
    }

private:
    const AvahiPoll* api_ = nullptr;
    AvahiTimeout* t_ = nullptr;
};

// TXT records in the form Avahi takes them.
inline StringList stringList(const std::vector<std::string>& items) {
    AvahiStringList* list = nullptr;
    for (const auto& item : items) list = avahi_string_list_add(list, item.c_str());
    return StringList(list);
}

}  // namespace hub::discovery::avahi
