#pragma once
// The stream hub: ONE thread that owns every long-lived Server-Sent-Events
// connection, so a few hundred idle TVs and phones never hold a worker of the
// HTTP request pool.
//
// An HTTP worker answers the request, sends nothing itself, and hands the
// connection over (adopt) with the bytes it must start with: the response
// headers and any initial frames. From then on this thread alone touches the
// socket, in non-blocking mode: it sends every journal event of the stream's
// topic, a ": heartbeat" comment every 15 s, notices peers that hung up, and
// drops a client whose unsent backlog passes a bound instead of waiting for it,
// so a slow TV never delays the others. Connections arrive from the connection
// server (hub/net) as non-blocking transports, plain or TLS.
//
// Places are limited three ways: in all, per client address, and per owner
// (a staff session, a display's key), so one cashier's browser cannot take the
// slots the waiting-room TVs need.
#include "hub/events/event_journal.h"
#include "hub/net/http_message.h"

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace hub::events {

struct StreamHubOptions {
    std::size_t maxStreams = 1000;              // beyond it reserve() refuses (HTTP 503)
    std::size_t maxPerAddress = 8;              // streams one client address may hold (HTTP 429)
    std::size_t maxPerOwner = 4;                // streams one session or display key may hold (HTTP 429)
    std::size_t maxBacklogBytes = 256 * 1024;   // unsent bytes a client may fall behind by
    std::chrono::milliseconds heartbeat{15000};
};

class StreamHub {
public:
    // A place among the streams, taken before any response is sent so that a
    // full hub can still answer with an error. Released when destroyed unused,
    // or when the stream it was adopted with closes.
    class Reservation {
    public:
        Reservation(Reservation&& other) noexcept
            : places_(std::move(other.places_)), address_(std::move(other.address_)), owner_(std::move(other.owner_)) {}
        Reservation& operator=(Reservation&&) = delete;
        Reservation(const Reservation&) = delete;
        Reservation& operator=(const Reservation&) = delete;
        ~Reservation();

    private:
        friend class StreamHub;
        struct Places;
        Reservation(std::shared_ptr<Places> places, std::string address, std::string owner)
            : places_(std::move(places)), address_(std::move(address)), owner_(std::move(owner)) {}
        std::shared_ptr<Places> places_;
        std::string address_;
        std::string owner_;
    };

    explicit StreamHub(EventJournal& journal, StreamHubOptions options = {});
    ~StreamHub();
    StreamHub(const StreamHub&) = delete;
    StreamHub& operator=(const StreamHub&) = delete;

    void start();
    // Closes every stream and joins the thread; adopt() afterwards closes the
    // socket at once. Bounded: nothing here waits for a peer.
    void stop();

    // Throws hub::Error(Unavailable) when maxStreams are open or reserved, and
    // hub::Error(TooManyRequests) when the client address or the owner (a
    // session, a display) already holds its share.
    Reservation reserve(const std::string& clientAddress, const std::string& owner);

    // Takes over a connected socket. It first sends `head`, then every event of
    // `topic` with an id above afterId, in order, as the journal gets them. If
    // afterId has left the journal by the time the hub picks the stream up, the
    // stream is closed: its client reconnects and starts afresh.
    // `stillAllowed`, when given, is asked on this thread at every heartbeat;
    // false closes the stream (a staff stream whose session has ended). It
    // must be quick, and an exception from it leaves the stream open.
    void adopt(Reservation reservation, net::DetachedConnection connection, std::string head, std::string topic,
               long long afterId, std::function<bool()> stillAllowed = {});

    std::size_t streamCount() const;  // open or reserved

private:
    struct Stream;
    struct Wakeup;

    void run();
    void wake();

    EventJournal& journal_;
    StreamHubOptions options_;
    std::shared_ptr<Reservation::Places> places_;
    std::shared_ptr<Wakeup> wakeup_;  // shared with the journal's listener, which may outlive us briefly

    std::mutex mutex_;
    std::vector<std::unique_ptr<Stream>> arriving_;  // REQUIRES: mutex_ held
    bool stopped_ = false;                           // REQUIRES: mutex_ held
    std::thread thread_;
};

}  // namespace hub::events
