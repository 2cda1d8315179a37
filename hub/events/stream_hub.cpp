#include "hub/events/stream_hub.h"

#include "hub/core/error.h"
#include "hub/core/log.h"

#include <Poco/Exception.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace hub::events {
namespace {

using SteadyClock = std::chrono::steady_clock;

// A TV that vanished without a FIN (unplugged) is noticed once unacknowledged
// data has waited this long, instead of TCP's default quarter of an hour.
constexpr unsigned tcpUserTimeoutMs = 60'000;
// One TLS record's worth per send call.
constexpr std::size_t sendChunk = 16 * 1024;

void closeQuietly(Poco::Net::StreamSocket& socket) {
    try {
        socket.close();
    } catch (const Poco::Exception&) {  // the peer is gone either way
    }
}

}  // namespace

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
    Poco::Net::StreamSocket socket;
    std::string topic;
    long long lastId = 0;   // the newest journal event this stream has been offered
    std::string out;        // bytes not yet sent
    int retryLength = 0;    // a send of this many bytes returned -1 and must be repeated unchanged
    bool closed = false;
    const char* why = "";   // for the log when closed
    std::function<bool()> stillAllowed{};  // empty: always

    int fd() const { return static_cast<int>(socket.impl()->sockfd()); }

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
        closeQuietly(socket);
    }

    // Reads and discards what the client sends (nothing, normally) to notice a hang-up.
    void readSome() {
        char scratch[4096];
        for (int i = 0; i < 16; ++i) {
            const int n = socket.receiveBytes(scratch, sizeof scratch);
            if (n == 0) return close("the client closed the stream");
            if (n < 0) return;
        }
    }

    void flush() {
        while (!out.empty()) {
            const int length = retryLength > 0 ? retryLength : static_cast<int>(std::min(out.size(), sendChunk));
            const int n = socket.sendBytes(out.data(), length);
            if (n < 0) {
                retryLength = length;
                return;
            }
            retryLength = 0;
            out.erase(0, static_cast<std::size_t>(n));
        }
    }
};

StreamHub::Reservation::~Reservation() {
    if (count_) count_->fetch_sub(1);
}

StreamHub::StreamHub(EventJournal& journal, StreamHubOptions options)
    : journal_(journal), options_(options), wakeup_(std::make_shared<Wakeup>()) {
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

StreamHub::Reservation StreamHub::reserve() {
    std::size_t n = reserved_.load();
    do {
        if (n >= options_.maxStreams)
            throw Error(ErrorCode::Unavailable,
                        "the hub already serves " + std::to_string(n) + " live streams; try again later")
                .withRetryAfter(30);
    } while (!reserved_.compare_exchange_weak(n, n + 1));
    return Reservation(&reserved_);
}

void StreamHub::adopt(Reservation reservation, Poco::Net::StreamSocket socket, std::string head, std::string topic,
                      long long afterId, std::function<bool()> stillAllowed) {
    auto s = std::make_unique<Stream>(Stream{std::move(reservation), std::move(socket), std::move(topic), afterId,
                                             std::move(head)});
    s->stillAllowed = std::move(stillAllowed);
    try {
        s->socket.setBlocking(false);
        s->socket.setNoDelay(true);  // events are small and should leave at once
        const int fd = s->fd();
        ::setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &tcpUserTimeoutMs, sizeof tcpUserTimeoutMs);
    } catch (const Poco::Exception& e) {
        log::debug("events", "could not adopt a stream: " + e.displayText());
        s->close("adopt failed");
        return;
    }
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
            } catch (const Poco::Exception& e) {
                s.close("the connection failed");
                log::debug("events", "stream error: " + e.displayText());
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
