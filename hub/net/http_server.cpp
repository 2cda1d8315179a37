#include "hub/net/http_server.h"

#include "hub/core/log.h"

#include <Poco/Net/NetException.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>

namespace hub::net {
namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr std::size_t readChunk = 16 * 1024;     // one TLS record
constexpr int acceptsPerEvent = 64;              // then the listener goes back to epoll: others get a turn
constexpr std::size_t keptBufferBytes = 16 * 1024;  // an idle connection's buffers shrink below this
constexpr std::size_t descriptorReserve = 128;   // database, logs, printer, Avahi, streams' timers

std::int64_t ticks(SteadyClock::time_point t) { return t.time_since_epoch().count(); }

std::string errnoText(int e) { return std::strerror(e); }

// The raw client IP: the key of the per-address cap (the port is not part of it).
std::string addressKey(const sockaddr_storage& peer) {
    if (peer.ss_family == AF_INET) {
        const auto& a = reinterpret_cast<const sockaddr_in&>(peer).sin_addr;
        return std::string(reinterpret_cast<const char*>(&a), sizeof a);
    }
    if (peer.ss_family == AF_INET6) {
        const auto& a = reinterpret_cast<const sockaddr_in6&>(peer).sin6_addr;
        // An IPv4 client on a dual-stack socket counts as that IPv4 address.
        if (IN6_IS_ADDR_V4MAPPED(&a)) return std::string(reinterpret_cast<const char*>(&a) + 12, 4);
        return std::string(reinterpret_cast<const char*>(&a), sizeof a);
    }
    return {};
}

void releaseIfLarge(std::string& buffer) {
    if (buffer.empty() && buffer.capacity() > keptBufferBytes) std::string().swap(buffer);
}

}  // namespace

std::size_t connectionBudget(std::size_t memoryBytes, std::size_t descriptorLimit, std::size_t bytesPerConnection) {
    // An eighth of the memory: a 2 GB Raspberry Pi holds about 4,000 connections.
    const std::size_t byMemory = memoryBytes == 0 ? 4096 : memoryBytes / 8 / bytesPerConnection;
    const std::size_t byDescriptors = descriptorLimit > 2 * descriptorReserve ? descriptorLimit - descriptorReserve
                                                                              : descriptorLimit / 2;
    return std::max<std::size_t>(64, std::min(byMemory, byDescriptors));
}

std::size_t raiseDescriptorLimit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
    }
    return limit.rlim_cur == RLIM_INFINITY ? 1 << 20 : static_cast<std::size_t>(limit.rlim_cur);
}

std::size_t physicalMemoryBytes() {
    std::ifstream meminfo("/proc/meminfo");
    std::string key, unit;
    std::size_t kib = 0;
    while (meminfo >> key >> kib >> unit)
        if (key == "MemTotal:") return kib * 1024;
    return 0;
}

struct HttpServer::Pollable {
    enum class Kind { Listener, Connection, Wakeup };
    explicit Pollable(Kind k) : kind(k) {}
    Kind kind;
};

struct HttpServer::Listener : Pollable {
    explicit Listener(ListenerOptions o)
        : Pollable(Kind::Listener), options(std::move(o)) {}
    ~Listener() {
        if (fd >= 0) ::close(fd);
    }
    ListenerOptions options;
    int fd = -1;
    std::shared_ptr<ConnectionCounter> counter;
    std::atomic<bool> paused{false};  // out of descriptors: the janitor re-arms it
};

struct HttpServer::Connection : Pollable {
    enum class Phase { Handshake, Read, Write };

    Connection(Listener& l, std::unique_ptr<Transport> t, std::unique_ptr<ConnectionSlot> s,
               Poco::Net::SocketAddress p)
        : Pollable(Kind::Connection),
          listener(l),
          transport(std::move(t)),
          slot(std::move(s)),
          peer(std::move(p)),
          fd(transport->fd()),
          reader(l.options.requestLimits) {}

    Listener& listener;
    std::unique_ptr<Transport> transport;
    std::unique_ptr<ConnectionSlot> slot;
    const Poco::Net::SocketAddress peer;
    const int fd;

    // Owned by the worker serving the connection.
    Phase phase = Phase::Read;
    RequestReader reader;
    std::string in;
    std::string out;
    std::size_t outSent = 0;
    std::size_t retryLength = 0;  // a write that would block is repeated with these bytes
    bool interim = false;         // `out` is a 100 Continue: reading goes on after it
    bool closeAfterWrite = false;
    SteadyClock::time_point acceptedAt = SteadyClock::now();
    SteadyClock::time_point idleSince = acceptedAt;
    std::optional<SteadyClock::time_point> headStarted;
    std::optional<SteadyClock::time_point> bodyStarted;

    // Read by the janitor under the registry's lock.
    std::atomic<bool> parked{false};
    std::atomic<bool> idle{false};  // parked between requests: the first to go at the total limit
    std::atomic<std::int64_t> deadline{0};
    std::atomic<std::int64_t> idleSinceTicks{0};
    std::atomic<bool> kicked{false};
};

HttpServer::HttpServer(ServerOptions options)
    : options_(options), total_(std::make_shared<std::atomic<std::size_t>>(0)) {
    epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
    wakeup_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (epoll_ < 0 || wakeup_ < 0) throw Poco::Net::NetException("cannot create the server's epoll set: " + errnoText(errno));
    // Level-triggered and never read: once written, every worker sees it and leaves.
    static Pollable wakeupMarker(Pollable::Kind::Wakeup);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.ptr = &wakeupMarker;
    ::epoll_ctl(epoll_, EPOLL_CTL_ADD, wakeup_, &ev);
}

HttpServer::~HttpServer() {
    stop(std::chrono::milliseconds(0));
    ::close(wakeup_);
    ::close(epoll_);
}

Poco::Net::SocketAddress HttpServer::listen(ListenerOptions options) {
    auto listener = std::make_unique<Listener>(std::move(options));
    const Poco::Net::SocketAddress& address = listener->options.address;
    const int family = address.family() == Poco::Net::SocketAddress::IPv6 ? AF_INET6 : AF_INET;
    listener->fd = ::socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (listener->fd < 0) throw Poco::Net::NetException("socket: " + errnoText(errno));
    const int one = 1;
    // SO_REUSEADDR only: a port another process serves must be an error (no SO_REUSEPORT).
    ::setsockopt(listener->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (family == AF_INET6) {
        const int v6only = listener->options.ipv6Only ? 1 : 0;
        ::setsockopt(listener->fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, sizeof v6only);
    }
    if (::bind(listener->fd, address.addr(), address.length()) != 0)
        throw Poco::Net::NetException("cannot listen on " + address.toString() + ": " + errnoText(errno));
    if (::listen(listener->fd, listener->options.backlog) != 0)
        throw Poco::Net::NetException("cannot listen on " + address.toString() + ": " + errnoText(errno));
    sockaddr_storage bound{};
    socklen_t length = sizeof bound;
    ::getsockname(listener->fd, reinterpret_cast<sockaddr*>(&bound), &length);
    listener->counter = std::make_shared<ConnectionCounter>(total_);
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLONESHOT;
    ev.data.ptr = static_cast<Pollable*>(listener.get());
    ::epoll_ctl(epoll_, EPOLL_CTL_ADD, listener->fd, &ev);
    listeners_.push_back(std::move(listener));
    return Poco::Net::SocketAddress(reinterpret_cast<const sockaddr*>(&bound), length);
}

void HttpServer::start() {
    accepting_ = true;
    std::lock_guard lock(poolMutex_);
    for (int i = 0; i < std::min(options_.workers, pollersWanted()); ++i) spawnWorker();
    janitor_ = std::thread([this] { janitor(); });
}

int HttpServer::pollersWanted() const {
    return static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
}

void HttpServer::spawnWorker() {
    workers_.emplace_back([this] { work(); });
}

// Threads take turns waiting in epoll_wait: about one per core polls, the rest
// rest on a condition variable, and more are started (up to `workers`) only
// when every running one is busy with a request that blocks (a database
// commit, a password hash). With 64 threads all asleep in epoll_wait, the
// kernel would wake a different one for each event: a context switch per
// request. A few busy pollers instead find the next event already there.
void HttpServer::work() {
    pthread_setname_np(pthread_self(), "hub-worker");
    const int wanted = pollersWanted();
    for (;;) {
        if (pollers_.load() >= wanted) {
            std::unique_lock lock(poolMutex_);
            ++resting_;
            restingWake_.wait(lock, [&] { return leaving_ || pollers_.load() < wanted; });
            --resting_;
            if (leaving_) return;
        }
        pollers_.fetch_add(1);
        epoll_event ev{};
        const int n = ::epoll_wait(epoll_, &ev, 1, -1);
        if (pollers_.fetch_sub(1) == 1) relievePollers();  // the last poller is off to work: another takes over
        if (n < 0) {
            if (errno == EINTR) continue;
            log::error("http", "epoll_wait failed: " + errnoText(errno));
            return;
        }
        if (n == 0) continue;
        auto* p = static_cast<Pollable*>(ev.data.ptr);
        switch (p->kind) {
        case Pollable::Kind::Wakeup:
            return;
        case Pollable::Kind::Listener:
            acceptSome(*static_cast<Listener*>(p));
            break;
        case Pollable::Kind::Connection:
            serve(*static_cast<Connection*>(p), ev.events);
            break;
        }
    }
}

void HttpServer::relievePollers() {
    std::lock_guard lock(poolMutex_);
    if (leaving_) return;
    if (resting_ > 0)
        restingWake_.notify_one();
    else if (static_cast<int>(workers_.size()) < options_.workers)
        spawnWorker();
}

void HttpServer::acceptSome(Listener& listener) {
    for (int i = 0; i < acceptsPerEvent && accepting_.load(); ++i) {
        sockaddr_storage peer{};
        socklen_t length = sizeof peer;
        const int fd = ::accept4(listener.fd, reinterpret_cast<sockaddr*>(&peer), &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            if (errno == EMFILE || errno == ENFILE) {
                // The connection waits in the backlog; re-arming now would spin on it.
                log::warning("http", "out of file descriptors; closing idle connections to make room");
                listener.paused = true;
                makeRoom();
                return;
            }
            if (errno != EAGAIN && errno != EWOULDBLOCK) log::warning("http", "accept failed: " + errnoText(errno));
            break;
        }
        try {
            admit(listener, fd, Poco::Net::SocketAddress(reinterpret_cast<const sockaddr*>(&peer), length));
        } catch (const std::exception& e) {
            log::warning("http", std::string("could not take a connection: ") + e.what());
        }
    }
    if (!accepting_.load()) return;
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLONESHOT;
    ev.data.ptr = static_cast<Pollable*>(&listener);
    ::epoll_ctl(epoll_, EPOLL_CTL_MOD, listener.fd, &ev);
}

void HttpServer::admit(Listener& listener, int fd, const Poco::Net::SocketAddress& peer) {
    sockaddr_storage raw{};
    std::memcpy(&raw, peer.addr(), std::min<std::size_t>(peer.length(), sizeof raw));
    auto slot = ConnectionCounter::admit(listener.counter, addressKey(raw), listener.options.connectionsPerAddress);
    if (!slot) {
        // Closed at once, never queued: the address's other connections are its share.
        log::debug("http", listener.options.name + ": " + peer.host().toString() + " holds " +
                               std::to_string(listener.options.connectionsPerAddress) + " connections; refused another");
        ::close(fd);
        return;
    }
    if (total_->load() > options_.maxConnections && !makeRoom()) {  // nothing idle to close
        log::warning("http", "at the connection limit (" + std::to_string(options_.maxConnections) +
                                 "); refused a connection from " + peer.host().toString());
        ::close(fd);
        return;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // a response is one write: send it now
    auto transport = listener.options.transport(fd);
    auto owned = std::make_unique<Connection>(listener, std::move(transport), std::move(slot), peer);
    Connection& c = *owned;
    c.phase = c.transport->secure() ? Connection::Phase::Handshake : Connection::Phase::Read;
    c.deadline = ticks(c.acceptedAt + (c.transport->secure() ? options_.handshakeTimeout : options_.idleTimeout));
    c.idleSinceTicks = ticks(c.acceptedAt);
    c.parked = true;
    {
        std::lock_guard lock(registryMutex_);
        connections_.emplace(&c, std::move(owned));
    }
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLONESHOT;
    ev.data.ptr = static_cast<Pollable*>(&c);
    if (::epoll_ctl(epoll_, EPOLL_CTL_ADD, c.fd, &ev) != 0) close(c);
}

void HttpServer::serve(Connection& c, std::uint32_t) {
    c.parked = false;
    c.idle = false;
    if (c.kicked) return close(c);
    ++busy_;
    Next next = Next::Close;
    try {
        next = advance(c);
    } catch (const std::exception& e) {
        log::warning("http", c.listener.options.name + ": dropped a connection: " + e.what());
    }
    --busy_;
    switch (next) {
    case Next::WaitRead:
    case Next::WaitWrite:
        return park(c, next);
    case Next::Close:
        return close(c);
    case Next::TakenOver:
        return;  // respond() handed it over and forgot it
    }
}

// Runs the connection as far as it goes without waiting for the client.
HttpServer::Next HttpServer::advance(Connection& c) {
    thread_local char scratch[readChunk];
    for (;;) {
        switch (c.phase) {
        case Connection::Phase::Handshake: {
            const IoResult r = c.transport->handshake();
            if (r.status == IoStatus::WantRead) return Next::WaitRead;
            if (r.status == IoStatus::WantWrite) return Next::WaitWrite;
            if (r.status != IoStatus::Done) return Next::Close;
            c.phase = Connection::Phase::Read;
            c.idleSince = SteadyClock::now();
            if (!c.transport->hasBufferedInput()) return Next::WaitRead;
            break;
        }
        case Connection::Phase::Read: {
            switch (c.reader.consume(c.in)) {
            case RequestReader::State::Complete:
                if (auto waiting = respond(c)) return *waiting;
                continue;
            case RequestReader::State::Refused: {
                const auto& why = c.reader.refusal();
                HttpResponse refusal;
                c.listener.options.refusal(why.status, why.message, refusal);
                c.out = serializeHead(refusal, refusal.body.size(), false) + refusal.body;
                c.closeAfterWrite = true;
                c.phase = Connection::Phase::Write;
                continue;
            }
            case RequestReader::State::Body:
                if (!c.bodyStarted) c.bodyStarted = SteadyClock::now();
                if (c.reader.takeContinueRequest()) {
                    c.out = "HTTP/1.1 100 Continue\r\n\r\n";
                    c.interim = true;
                    c.phase = Connection::Phase::Write;
                    continue;
                }
                break;
            case RequestReader::State::Head:
                if (c.reader.startedHead() && !c.headStarted) c.headStarted = SteadyClock::now();
                break;
            }
            const IoResult r = c.transport->read(scratch, sizeof scratch);
            if (r.status == IoStatus::Done) {
                c.in.append(scratch, r.bytes);
                continue;
            }
            if (r.status == IoStatus::WantRead) return Next::WaitRead;
            if (r.status == IoStatus::WantWrite) return Next::WaitWrite;
            return Next::Close;  // the client went away, between requests or in the middle of one
        }
        case Connection::Phase::Write: {
            if (auto waiting = flush(c)) return *waiting;
            break;
        }
        }
    }
}

// Writes what is left of `out`. nullopt: all of it left, and the connection reads again.
std::optional<HttpServer::Next> HttpServer::flush(Connection& c) {
    while (c.outSent < c.out.size()) {
        const std::size_t length = c.retryLength > 0 ? c.retryLength : c.out.size() - c.outSent;
        const IoResult r = c.transport->write(c.out.data() + c.outSent, length);
        if (r.status == IoStatus::Done) {
            c.outSent += r.bytes;
            c.retryLength = 0;
            continue;
        }
        if (r.status == IoStatus::WantWrite || r.status == IoStatus::WantRead) {
            c.retryLength = length;
            return r.status == IoStatus::WantWrite ? Next::WaitWrite : Next::WaitRead;
        }
        return Next::Close;
    }
    c.out.clear();
    c.outSent = 0;
    releaseIfLarge(c.out);
    if (c.closeAfterWrite) return Next::Close;
    c.phase = Connection::Phase::Read;
    if (std::exchange(c.interim, false)) return std::nullopt;  // the body comes next
    // A response went out: the connection is idle until the next request's first byte.
    c.idleSince = SteadyClock::now();
    c.headStarted.reset();
    c.bodyStarted.reset();
    releaseIfLarge(c.in);
    // Nothing buffered: wait in epoll rather than try a read that would only say EAGAIN.
    if (c.in.empty() && !c.transport->hasBufferedInput()) return Next::WaitRead;
    return std::nullopt;
}

std::optional<HttpServer::Next> HttpServer::respond(Connection& c) {
    HttpRequest request(c.peer, c.transport.get());
    c.reader.takeRequest(request);
    HttpResponse response;
    try {
        c.listener.options.handler(request, response);
    } catch (const std::exception& e) {
        log::error("http", c.listener.options.name + ": a request handler failed: " + e.what());
        response = HttpResponse();
        c.listener.options.refusal(500, "internal error", response);
    }
    if (response.takeover) {
        std::string head = serializeHead(response, std::string::npos, false);
        ::epoll_ctl(epoll_, EPOLL_CTL_DEL, c.fd, nullptr);
        std::unique_ptr<Connection> owned;
        {
            std::lock_guard lock(registryMutex_);
            auto node = connections_.extract(&c);
            owned = std::move(node.mapped());
        }
        response.takeover(DetachedConnection(std::move(owned->transport), std::move(owned->slot)), std::move(head));
        return Next::TakenOver;
    }
    const bool keepAlive = request.getKeepAlive() && !response.closeConnection && accepting_.load();
    c.out = serializeHead(response, response.body.size(), keepAlive);
    c.out += response.body;
    c.closeAfterWrite = !keepAlive;
    c.phase = Connection::Phase::Write;
    return std::nullopt;
}

void HttpServer::park(Connection& c, Next next) {
    const auto now = SteadyClock::now();
    SteadyClock::time_point deadline;
    bool idle = false;
    switch (c.phase) {
    case Connection::Phase::Handshake:
        deadline = c.acceptedAt + options_.handshakeTimeout;
        break;
    case Connection::Phase::Read:
        if (c.bodyStarted) {
            const auto allowance = std::chrono::seconds(c.reader.bodyBytesReceived() /
                                                        std::max<std::size_t>(1, options_.minBodyBytesPerSecond));
            deadline = *c.bodyStarted + options_.bodyTimeout + allowance;
        } else if (c.headStarted) {
            deadline = *c.headStarted + options_.headTimeout;
        } else {
            deadline = c.idleSince + options_.idleTimeout;
            idle = true;
        }
        break;
    case Connection::Phase::Write:
        deadline = now + options_.sendTimeout;
        break;
    }
    c.deadline = ticks(deadline);
    c.idleSinceTicks = ticks(c.idleSince);
    c.idle = idle;
    c.parked = true;
    epoll_event ev{};
    ev.events = (next == Next::WaitWrite ? EPOLLOUT : EPOLLIN) | EPOLLONESHOT;
    ev.data.ptr = static_cast<Pollable*>(&c);
    // From here on another worker may own the connection: touch nothing.
    if (::epoll_ctl(epoll_, EPOLL_CTL_MOD, c.fd, &ev) != 0) {
        c.parked = false;
        close(c);
    }
}

void HttpServer::close(Connection& c) {
    std::unique_ptr<Connection> owned;
    {
        std::lock_guard lock(registryMutex_);
        auto node = connections_.extract(&c);
        if (!node.empty()) owned = std::move(node.mapped());
    }
    // The transport's destructor says goodbye (TLS close_notify) and closes the descriptor.
}

void HttpServer::kick(Connection& c, const char* why) {
    if (c.kicked.exchange(true)) return;
    log::debug("http", c.listener.options.name + ": closing a connection: " + why);
    // Shut down, not closed: its worker (or the next event, which this wakes)
    // closes it. The descriptor stays valid meanwhile, so no new connection can
    // be handed its number while anything here still refers to it.
    ::shutdown(c.fd, SHUT_RDWR);
}

bool HttpServer::makeRoom() {
    std::lock_guard lock(registryMutex_);
    Connection* oldest = nullptr;
    for (const auto& [c, owned] : connections_)
        if (c->parked.load() && c->idle.load() && !c->kicked.load() &&
            (!oldest || c->idleSinceTicks.load() < oldest->idleSinceTicks.load()))
            oldest = c;
    if (!oldest) return false;
    kick(*oldest, "the oldest idle connection makes room at the connection limit");
    return true;
}

void HttpServer::janitor() {
    pthread_setname_np(pthread_self(), "hub-janitor");
    std::unique_lock wait(janitorMutex_);
    while (!stopping_) {
        janitorWake_.wait_for(wait, options_.janitorInterval);
        const std::int64_t now = ticks(SteadyClock::now());
        {
            std::lock_guard lock(registryMutex_);
            for (const auto& [c, owned] : connections_)
                if (c->parked.load() && now > c->deadline.load()) kick(*c, "its deadline passed");
        }
        for (auto& listener : listeners_) {
            if (!listener->paused.exchange(false) || !accepting_.load()) continue;
            epoll_event ev{};
            ev.events = EPOLLIN | EPOLLONESHOT;
            ev.data.ptr = static_cast<Pollable*>(listener.get());
            ::epoll_ctl(epoll_, EPOLL_CTL_MOD, listener->fd, &ev);
        }
    }
}

void HttpServer::stop(std::chrono::milliseconds grace) {
    if (!janitor_.joinable()) return;  // never started, or stopped already
    accepting_ = false;
    for (auto& listener : listeners_) ::epoll_ctl(epoll_, EPOLL_CTL_DEL, listener->fd, nullptr);
    // Idle connections go now; requests in flight get `grace` to finish, and a
    // connection that finishes one meanwhile is closed after its response.
    const auto deadline = SteadyClock::now() + grace;
    for (;;) {
        {
            std::lock_guard lock(registryMutex_);
            for (const auto& [c, owned] : connections_)
                if (c->parked.load() && c->idle.load()) kick(*c, "the hub is stopping");
        }
        if (busy_.load() == 0 || SteadyClock::now() >= deadline) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    {
        std::lock_guard lock(registryMutex_);
        for (const auto& [c, owned] : connections_) kick(*c, "the hub is stopping");
    }
    {
        std::lock_guard lock(poolMutex_);
        leaving_ = true;  // no more workers are started from here on
    }
    restingWake_.notify_all();
    const std::uint64_t one = 1;
    (void)!::write(wakeup_, &one, sizeof one);
    for (auto& w : workers_) w.join();
    workers_.clear();
    {
        std::lock_guard lock(janitorMutex_);
        stopping_ = true;
    }
    janitorWake_.notify_all();
    if (janitor_.joinable()) janitor_.join();
    std::lock_guard lock(registryMutex_);
    connections_.clear();
}

HttpServer::Stats HttpServer::stats() const {
    Stats s;
    {
        std::lock_guard lock(poolMutex_);
        s.workers = workers_.size();
    }
    std::lock_guard lock(registryMutex_);
    s.connections = connections_.size();
    for (const auto& [c, owned] : connections_)
        if (c->parked.load()) ++s.parked;
    s.busy = busy_.load();
    return s;
}

}  // namespace hub::net
