#include "discovery/advertiser.h"

#include "discovery/avahi_handles.h"
#include "hub/core/log.h"

#include <avahi-common/error.h>
#include <avahi-common/timeval.h>

#include <mutex>
#include <new>
#include <stdexcept>

namespace hub::discovery {
namespace {

constexpr const char* kLog = "mdns";
// How often to try again when the system D-Bus itself cannot be reached (with
// D-Bus up, avahi-client waits for avahi-daemon by itself).
constexpr unsigned kRetrySeconds = 5;
// Bounds the renaming loop when every candidate name is taken locally.
constexpr int kMaxRenames = 16;

std::string avahiError(int code) { return avahi_strerror(code); }

}  // namespace

// Everything below runs on Avahi's poll thread, or under its lock (update()).
class Advertiser::Impl {
public:
    Impl(Advertisement ad, AdvertiserEvents events)
        : ad_(std::move(ad)), events_(std::move(events)), name_(ad_.name) {
        poll_.reset(avahi_threaded_poll_new());
        if (!poll_) throw std::bad_alloc();
        // Connect from the poll thread: avahi_client_new() makes blocking D-Bus
        // calls, which must not hold up the hub's start.
        scheduleConnect(0);
        if (avahi_threaded_poll_start(poll_.get()) < 0) throw std::runtime_error("cannot start Avahi's thread");
    }

    ~Impl() {
        // Stop the thread first: the objects below are only touched from it.
        avahi_threaded_poll_stop(poll_.get());
        retry_.reset();
        group_.reset();  // withdraws the services (avahi-daemon sends goodbyes)
        client_.reset();
    }

    void update(Advertisement ad) {
        avahi_threaded_poll_lock(poll_.get());
        if (!(ad == ad_)) {
            ad_ = std::move(ad);
            name_ = ad_.name;
            if (client_ && avahi_client_get_state(client_.get()) == AVAHI_CLIENT_S_RUNNING) {
                if (group_) avahi_entry_group_reset(group_.get());
                setPublished({});
                publish(client_.get());
            }
        }
        avahi_threaded_poll_unlock(poll_.get());
    }

    std::string publishedName() const {
        std::lock_guard lock(publishedMutex_);
        return published_;
    }

private:
    const AvahiPoll* api() const { return avahi_threaded_poll_get(poll_.get()); }

    void scheduleConnect(unsigned seconds) {
        timeval when{};
        avahi_elapse_time(&when, seconds * 1000, 0);
        retry_ = avahi::Timeout(api(), api()->timeout_new(api(), &when, &Impl::onRetry, this));
    }

    static void onRetry(AvahiTimeout*, void* self) { static_cast<Impl*>(self)->connect(); }

    // A new client: NO_FAIL makes it wait for avahi-daemon (CONNECTING) instead of
    // failing when the daemon is not there yet.
    void connect() {
        retry_.reset();
        group_.reset();
        client_.reset();
        int error = 0;
        client_.reset(avahi_client_new(api(), AVAHI_CLIENT_NO_FAIL, &Impl::onClientState, this, &error));
        if (!client_) {
            warnUnavailable("cannot reach the system D-Bus (" + avahiError(error) + ")");
            scheduleConnect(kRetrySeconds);
        }
    }

    static void onClientState(AvahiClient* c, AvahiClientState state, void* self) {
        static_cast<Impl*>(self)->clientState(c, state);
    }

    void clientState(AvahiClient* c, AvahiClientState state) {
        switch (state) {
        case AVAHI_CLIENT_S_RUNNING:
            if (unavailable_) log::info(kLog, "avahi-daemon is running: advertising the hub");
            unavailable_ = false;
            reportHostName(c);
            publish(c);
            break;
        case AVAHI_CLIENT_S_COLLISION:
            log::warning(kLog, "another device on the network uses this box's host name; Avahi is choosing a new one");
            [[fallthrough]];
        case AVAHI_CLIENT_S_REGISTERING:
            // The host name is being (re-)registered: withdraw until it is settled,
            // then publish again under it (S_RUNNING).
            if (group_) avahi_entry_group_reset(group_.get());
            setPublished({});
            break;
        case AVAHI_CLIENT_CONNECTING:
            warnUnavailable("avahi-daemon is not running");
            break;
        case AVAHI_CLIENT_FAILURE: {
            const int error = avahi_client_errno(c);
            setPublished({});
            if (error == AVAHI_ERR_DISCONNECTED)
                warnUnavailable("avahi-daemon stopped");
            else
                warnUnavailable("Avahi failed (" + avahiError(error) + ")");
            // The client is dead and must not be freed inside its own callback:
            // start a new one from the event loop.
            scheduleConnect(error == AVAHI_ERR_DISCONNECTED ? 0 : kRetrySeconds);
            break;
        }
        }
    }

    // One warning per outage, not one per retry.
    void warnUnavailable(const std::string& why) {
        if (unavailable_) return;
        unavailable_ = true;
        log::warning(kLog, why + ": the hub is not advertised on the network; staff can still reach it by its "
                                 "IP address. It will be advertised when avahi-daemon is running.");
    }

    void reportHostName(AvahiClient* c) {
        const char* host = avahi_client_get_host_name(c);
        if (!host || hostName_ == host) return;
        hostName_ = host;
        if (events_.hostName) events_.hostName(hostName_);
    }

    // Adds both services to the (empty) entry group and commits it. A name that
    // this avahi-daemon already holds for another client fails right here; one
    // taken elsewhere on the network comes back as a group collision.
    void publish(AvahiClient* c) {
        if (!group_) group_.reset(avahi_entry_group_new(c, &Impl::onGroupState, this));
        if (!group_) {
            log::error(kLog, "cannot create an Avahi entry group: " + avahiError(avahi_client_errno(c)));
            return;
        }
        if (!avahi_entry_group_is_empty(group_.get())) return;
        for (int attempt = 0; attempt < kMaxRenames; ++attempt) {
            const int error = addServices();
            if (error == AVAHI_OK) {
                const int committed = avahi_entry_group_commit(group_.get());
                if (committed < 0) log::error(kLog, "cannot publish the services: " + avahiError(committed));
                return;
            }
            avahi_entry_group_reset(group_.get());
            if (error != AVAHI_ERR_COLLISION) {
                log::error(kLog, "cannot publish '" + name_ + "': " + avahiError(error));
                return;
            }
            rename("another program on this box");
        }
        log::error(kLog, "gave up publishing: every name tried is taken");
    }

    int addServices() {
        struct Service {
            const char* type;
            const std::vector<std::string>& txt;
        };
        for (const Service& s : {Service{kHttpsServiceType, ad_.httpsTxt}, Service{kHubServiceType, ad_.hubTxt}}) {
            const auto txt = avahi::stringList(s.txt);
            const int error = avahi_entry_group_add_service_strlst(group_.get(), AVAHI_IF_UNSPEC, AVAHI_PROTO_UNSPEC,
                                                                   AvahiPublishFlags{}, name_.c_str(), s.type,
                                                                   nullptr, nullptr, ad_.port, txt.get());
            if (error < 0) return error;
        }
        return AVAHI_OK;
    }

    void rename(const std::string& holder) {
        const std::string next = nameAfterCollision(ad_.name, ad_.suffix, name_);
        log::warning(kLog, "the service name '" + name_ + "' is already used by " + holder + "; advertising as '" +
                               next + "'");
        name_ = next;
    }

    static void onGroupState(AvahiEntryGroup* g, AvahiEntryGroupState state, void* self) {
        static_cast<Impl*>(self)->groupState(g, state);
    }

    void groupState(AvahiEntryGroup* g, AvahiEntryGroupState state) {
        switch (state) {
        case AVAHI_ENTRY_GROUP_ESTABLISHED:
            setPublished(name_);
            log::info(kLog, "advertised as '" + name_ + "' (" + kHttpsServiceType + ", " + kHubServiceType +
                                ", port " + std::to_string(ad_.port) + ") on " + hostName_ + ".local");
            break;
        case AVAHI_ENTRY_GROUP_COLLISION:
            rename("another device on the network");
            avahi_entry_group_reset(g);
            publish(avahi_entry_group_get_client(g));
            break;
        case AVAHI_ENTRY_GROUP_FAILURE:
            setPublished({});
            log::error(kLog, "Avahi could not publish the services: " +
                                 avahiError(avahi_client_errno(avahi_entry_group_get_client(g))));
            break;
        case AVAHI_ENTRY_GROUP_UNCOMMITED:
        case AVAHI_ENTRY_GROUP_REGISTERING:
            break;
        }
    }

    void setPublished(std::string name) {
        std::lock_guard lock(publishedMutex_);
        published_ = std::move(name);
    }

    Advertisement ad_;
    AdvertiserEvents events_;
    std::string name_;       // the name being published: ad_.name, or what a collision made of it
    std::string hostName_;   // Avahi's host label, as last reported
    bool unavailable_ = false;

    // Declared so that destruction frees the poll last.
    avahi::ThreadedPoll poll_;
    avahi::Timeout retry_;
    avahi::Client client_;
    avahi::EntryGroup group_;

    mutable std::mutex publishedMutex_;  // published_ is read from other threads
    std::string published_;
};

Advertiser::Advertiser(Advertisement advertisement, AdvertiserEvents events)
    : impl_(std::make_unique<Impl>(std::move(advertisement), std::move(events))) {}

Advertiser::~Advertiser() = default;

void Advertiser::update(Advertisement advertisement) { impl_->update(std::move(advertisement)); }

std::string Advertiser::publishedName() const { return impl_->publishedName(); }

}  // namespace hub::discovery
