#include "hub/events/stream_hub.h"

#include "hub/core/error.h"
#include "hub/core/log.h"
#include "hub/net/connection_limits.h"
#include "hub/net/transport.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <map>

namespace hub::events {
namespace {

using SteadyClock = std::chrono::steady_clock;

// A TV that vanished without a FIN (unplugged) is noticed once unacknowledged
// data has waited this long, instead of TCP's default quarter of an hour.
constexpr unsigned tcpUserTimeoutMs = 60'000;
// One TLS record's worth per send call.
constexpr std::size_t sendChunk = 16 * 1024;

}  // namespace

// The places held, in all, per client address and per owner.
struct StreamHub::Reservation::Places {
    std::mutex mutex;
    std::size_t total = 0;                            // REQUIRES: mutex held
    std::map<std::string, std::size_t> perAddress;    // REQUIRES: mutex held
    std::map<std::string, std::size_t> perOwner;      // REQUIRES: mutex held

    static std::size_t held(const std::map<std::string, std::size_t>& counts, const std::string& key) {
        const auto it = counts.find(key);
        return it == counts.end() ? 0 : it->second;
    }
    static void release(std::map<std::string, std::size_t>& counts, const std::string& key) {
        const auto it = counts.find(key);
        if (it != counts.end() && --it->second == 0) counts.erase(it);
    }
};

// An eventfd the journal's appends and stop() write to, so the thread sleeps in
// poll(2) until there is something to do.
struct StreamHub::Wakeup {
    int fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    Wakeup() {
        if (fd < 0) throw Error(ErrorCode::Internal, "eventfd failed: errno " + std::to_string(errno));
    }
    ~Wakeup() { ::close(fd); }
    Wakeup(const Wakeup&) = delete;
    Wakeup& operator=(const Wakeup&) = delete;
    void signal() const {
        const std::uint64_t one = 1;
        (void)!::write(fd, &one, sizeof one);
    }
    void drain() const {
        std::uint64_t n = 0;
        (void)!::read(fd, &n, sizeof n);
    }
};

struct StreamHub::Stream {
    Reservation reservation;
    net::DetachedConnection connection;
    std::string topic;
    long long lastId = 0;   // the newest journal event this stream has been offered
    std::string out;        // bytes not yet sent
    std::size_t retryLength = 0;  // a write of this many bytes would block and must be repeated unchanged
    bool closed = false;
    const char* why = "";   // for the log when closed
    std::function<bool()> stillAllowed{};  // empty: always

    int fd() const { return connection.transport->fd(); }

    void offer(const std::vector<EventPtr>& events) {
        for (const auto& e : events) {
            if (e->id <= lastId) continue;
            lastId = e->id;
            if (e->topic == topic) out += e->frame;
        }
    }

    // At a heartbeat: the stream's right to exist, asked again.
    void recheck() {
        if (!stillAllowed) return;
        try {
            if (!stillAllowed()) close("its permission ended");
        } catch (const std::exception& e) {
            log::warning("events", std::string("could not recheck a stream, left open: ") + e.what());
        }
    }

    void close(const char* reason) {
        if (closed) return;
        closed = true;
        why = reason;
        connection = net::DetachedConnection();  // TLS close_notify, then close; the slot is given back
    }

    // Reads and discards what the client sends (nothing, normally) to notice a hang-up.
    void readSome() {
        char scratch[4096];
        for (int i = 0; i < 16; ++i) {
            const net::IoResult r = connection.transport->read(scratch, sizeof scratch);
            if (r.status == net::IoStatus::Closed) return close("the client closed the stream");
            if (r.status == net::IoStatus::Failed) return close("the connection failed");
            if (r.status != net::IoStatus::Done) return;
        }
    }

    void flush() {
        while (!out.empty()) {
            const std::size_t length = retryLength > 0 ? retryLength : std::min(out.size(), sendChunk);
            const net::IoResult r = connection.transport->write(out.data(), length);
            if (r.status == net::IoStatus::WantRead || r.status == net::IoStatus::WantWrite) {
                retryLength = length;
                return;
            }
            if (r.status != net::IoStatus::Done) return close("the connection failed");
            retryLength = 0;
            out.erase(0, r.bytes);
        }
    }
};

StreamHub::Reservation::~Reservation() {
    if (!places_) return;
    std::lock_guard lock(places_->mutex);
    --places_->total;
    Places::release(places_->perAddress, address_);
    Places::release(places_->perOwner, owner_);
}

StreamHub::StreamHub(EventJournal& journal, StreamHubOptions options)
    : journal_(journal),
      options_(options),
      places_(std::make_shared<Reservation::Places>()),
      wakeup_(std::make_shared<Wakeup>()) {
    journal_.setListener([w = wakeup_] { w->signal(); });
}

StreamHub::~StreamHub() {
    stop();
    journal_.setListener(nullptr);
}

void StreamHub::start() {
    std::lock_guard lock(mutex_);
    if (thread_.joinable() || stopped_) return;
    thread_ = std::thread([this] { run(); });
}

void StreamHub::stop() {
    {
        std::lock_guard lock(mutex_);
        stopped_ = true;
    }
    wake();
    if (thread_.joinable()) thread_.join();
    std::lock_guard lock(mutex_);
    for (auto& s : arriving_) s->close("the hub is stopping");
    arriving_.clear();
}

void StreamHub::wake() { wakeup_->signal(); }

StreamHub::Reservation StreamHub::reserve(const std::string& clientAddress, const std::string& owner) {
    Reservation::Places& p = *places_;
    std::lock_guard lock(p.mutex);
    if (p.total >= options_.maxStreams)
        throw Error(ErrorCode::Unavailable,
                    "the hub already serves " + std::to_string(p.total) + " live streams; try again later")
            .withRetryAfter(30);
    if (Reservation::Places::held(p.perAddress, clientAddress) >= options_.maxPerAddress) {
        throw Error(ErrorCode::TooManyRequests, "this device already holds " + std::to_string(options_.maxPerAddress) +
                                                    " live streams; close a tab or screen first")
            .withRetryAfter(30);
    }
    if (Reservation::Places::held(p.perOwner, owner) >= options_.maxPerOwner) {
        throw Error(ErrorCode::TooManyRequests, "this session already holds " + std::to_string(options_.maxPerOwner) +
                                                    " live streams; close a tab or screen first")
            .withRetryAfter(30);
    }
    ++p.total;
    ++p.perAddress[clientAddress];
    ++p.perOwner[owner];
    return Reservation(places_, clientAddress, owner);
}

std::size_t StreamHub::streamCount() const {
    std::lock_guard lock(places_->mutex);
    return places_->total;
}

void StreamHub::adopt(Reservation reservation, net::DetachedConnection connection, std::string head, std::string topic,
                      long long afterId, std::function<bool()> stillAllowed) {
    auto s = std::make_unique<Stream>(Stream{std::move(reservation), std::move(connection), std::move(topic), afterId,
                                             std::move(head)});
    s->stillAllowed = std::move(stillAllowed);
    // A TV that vanished without a FIN is noticed by unacknowledged data (the heartbeat).
    ::setsockopt(s->fd(), IPPROTO_TCP, TCP_USER_TIMEOUT, &tcpUserTimeoutMs, sizeof tcpUserTimeoutMs);
    {
        std::lock_guard lock(mutex_);
        if (!stopped_) {
            arriving_.push_back(std::move(s));
            s = nullptr;
        }
    }
    if (s) s->close("the hub is stopping");
    wake();
}

void StreamHub::run() {
    pthread_setname_np(pthread_self(), "stream-hub");
    std::vector<std::unique_ptr<Stream>> streams;
    std::vector<pollfd> fds;
    long long cursor = journal_.lastId();
    auto nextHeartbeat = SteadyClock::now() + options_.heartbeat;

    for (;;) {
        fds.assign(1, pollfd{wakeup_->fd, POLLIN, 0});
        for (const auto& s : streams)
            fds.push_back(pollfd{s->fd(), static_cast<short>(POLLIN | (s->out.empty() ? 0 : POLLOUT)), 0});
        const auto wait = std::chrono::ceil<std::chrono::milliseconds>(nextHeartbeat - SteadyClock::now());
        const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(std::max<long long>(0, wait.count())));
        if (ready < 0 && errno != EINTR) log::error("events", "poll failed: errno " + std::to_string(errno));
        if (fds[0].revents != 0) wakeup_->drain();

        {
            std::lock_guard lock(mutex_);
            if (stopped_) break;
            for (auto& s : arriving_) {
                if (auto missed = journal_.since(s->lastId)) s->offer(*missed);
                else s->close("its resume point left the journal");
                streams.push_back(std::move(s));
            }
            arriving_.clear();
        }

        // New events, to every stream at once; a stream that fell a whole
        // journal behind cannot be served in order and is closed.
        if (auto batch = journal_.since(cursor)) {
            if (!batch->empty()) cursor = batch->back()->id;
            for (auto& s : streams) s->offer(*batch);
        } else {
            cursor = journal_.lastId();
            for (auto& s : streams) s->close("the hub fell a whole journal behind");
        }

        if (SteadyClock::now() >= nextHeartbeat) {
            for (auto& s : streams) {
                s->recheck();
                if (!s->closed) s->out += ": heartbeat\n\n";
            }
            nextHeartbeat = SteadyClock::now() + options_.heartbeat;
        }

        for (std::size_t i = 0; i < streams.size(); ++i) {
            Stream& s = *streams[i];
            if (s.closed) continue;
            const short revents = i + 1 < fds.size() ? fds[i + 1].revents : 0;
            try {
                if ((revents & (POLLERR | POLLNVAL)) != 0) s.close("the connection failed");
                if (!s.closed && (revents & (POLLIN | POLLHUP)) != 0) s.readSome();
                if (!s.closed) s.flush();
                if (!s.closed && s.out.size() > options_.maxBacklogBytes) s.close("the client stopped reading");
            } catch (const std::exception& e) {
                s.close("the connection failed");
                log::debug("events", std::string("stream error: ") + e.what());
            }
        }
        std::erase_if(streams, [](const auto& s) {
            if (s->closed) log::debug("events", std::string("closed a stream: ") + s->why);
            return s->closed;
        });
    }
    for (auto& s : streams) s->close("the hub is stopping");
}

}  // namespace hub::events
