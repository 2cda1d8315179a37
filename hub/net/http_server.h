#pragma once
// The hub's connection server: every listener (HTTPS, plain HTTP, the kiosk)
// on one epoll set served by one pool of workers. A worker serves whatever is
// READY — a step of a TLS handshake, the bytes of a request head or body, a
// complete request, the rest of a response — and never waits for a client:
// when a connection needs more from the network it is parked in epoll
// (one-shot) and the worker takes the next ready thing. So an idle keep-alive
// connection, a client trickling its head one byte at a time, or a handshake
// that never finishes costs a descriptor and a few kilobytes, never a worker.
//
// Deadlines (a janitor thread checks them four times a second):
//   handshake   from accept; TLS only
//   idle        keep-alive wait for the next request (and for the first one)
//   head        the whole head, counted from its first byte
//   body        a base time plus one second per minBodyBytesPerSecond received
//   send        a response that stops draining
// A connection past its deadline is shut down; its worker closes it.
//
// Limits: connections per client address on each listener (the next one is
// closed at once, never queued), and a total sized from memory and the
// descriptor limit; at the total the oldest idle keep-alive connection is
// closed to make room.
#include "hub/net/connection_limits.h"
#include "hub/net/http_message.h"
#include "hub/net/request_reader.h"
#include "hub/net/transport.h"

#include <Poco/Net/SocketAddress.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace hub::net {

// Fills the response for a complete request. Runs on a worker; may block on
// the database or a password hash, never on the client.
using RequestHandler = std::function<void(HttpRequest& request, HttpResponse& response)>;
// The response for a request the server refuses before any handler sees it
// (400 malformed head, 413, 431, ...); the API answers these in its JSON error shape.
using RefusalResponder = std::function<void(int status, const std::string& message, HttpResponse& response)>;
// Makes the transport for an accepted descriptor (PlainTransport, or a TLS
// session with the context current at accept time). Owns fd from the call on.
using TransportFactory = std::function<std::unique_ptr<Transport>(int fd)>;

struct ListenerOptions {
    std::string name;  // "https", "http", "kiosk": for logs
    Poco::Net::SocketAddress address;
    bool ipv6Only = false;
    int backlog = 511;
    TransportFactory transport;
    RequestHandler handler;
    RefusalResponder refusal;
    std::size_t connectionsPerAddress = 32;
    RequestLimits requestLimits;
};

struct ServerOptions {
    int workers = 64;  // at most; started as requests that block need them
    std::size_t maxConnections = 4096;  // see connectionBudget()
    std::chrono::milliseconds handshakeTimeout{10'000};
    std::chrono::milliseconds idleTimeout{15'000};
    std::chrono::milliseconds headTimeout{10'000};
    std::chrono::milliseconds bodyTimeout{10'000};
    std::size_t minBodyBytesPerSecond = 1024;
    std::chrono::milliseconds sendTimeout{30'000};
    std::chrono::milliseconds janitorInterval{250};
};

// What the hub can hold: a share of memory at `bytesPerConnection` each, and
// the descriptor limit less a reserve for the database, streams' peers and logs.
std::size_t connectionBudget(std::size_t memoryBytes, std::size_t descriptorLimit,
                             std::size_t bytesPerConnection = 64 * 1024);
// Raises the soft descriptor limit to the hard one; returns the new soft limit.
std::size_t raiseDescriptorLimit();
// MemTotal from /proc/meminfo (0 when unknown).
std::size_t physicalMemoryBytes();

class HttpServer {
public:
    explicit HttpServer(ServerOptions options);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds and listens now, exclusively (a port another process serves is an
    // error: Poco::Net::NetException naming the address), serving once start()
    // runs. Returns the bound address (port 0 picks one).
    Poco::Net::SocketAddress listen(ListenerOptions options);
    void start();
    // Stops accepting, closes idle connections, lets requests in flight finish
    // for up to `grace`, then cuts whatever is left and joins the workers.
    void stop(std::chrono::milliseconds grace = std::chrono::milliseconds(3000));

    struct Stats {
        std::size_t connections = 0;  // held by the server (adopted streams not counted)
        std::size_t parked = 0;       // waiting in epoll: idle, or mid-head/handshake
        std::size_t busy = 0;         // being served by a worker right now
        std::size_t workers = 0;      // threads started so far
    };
    Stats stats() const;

private:
    struct Pollable;
    struct Listener;
    struct Connection;
    enum class Next { WaitRead, WaitWrite, Close, TakenOver };

    void work();
    int pollersWanted() const;
    void spawnWorker();      // REQUIRES: poolMutex_ held
    void relievePollers();
    void acceptSome(Listener& listener);
    void admit(Listener& listener, int fd, const Poco::Net::SocketAddress& peer);
    void serve(Connection& c, std::uint32_t events);
    Next advance(Connection& c);
    // Both: nullopt when the connection goes on at once (advance's loop), else where it waits.
    std::optional<Next> respond(Connection& c);
    std::optional<Next> flush(Connection& c);
    void park(Connection& c, Next next);
    void close(Connection& c);
    void janitor();
    bool makeRoom();  // false: no idle connection to close
    void kick(Connection& c, const char* why);  // REQUIRES: registryMutex_ held

    ServerOptions options_;
    int epoll_ = -1;
    int wakeup_ = -1;  // eventfd: one unit per worker tells it to leave
    std::vector<std::unique_ptr<Listener>> listeners_;
    std::shared_ptr<std::atomic<std::size_t>> total_;
    std::atomic<bool> accepting_{false};
    std::atomic<std::size_t> busy_{0};

    mutable std::mutex registryMutex_;
    std::unordered_map<Connection*, std::unique_ptr<Connection>> connections_;  // REQUIRES: registryMutex_ held

    mutable std::mutex poolMutex_;
    std::condition_variable restingWake_;
    std::vector<std::thread> workers_;  // REQUIRES: poolMutex_ held (joined in stop() once leaving_)
    int resting_ = 0;                   // REQUIRES: poolMutex_ held
    bool leaving_ = false;              // REQUIRES: poolMutex_ held
    std::atomic<int> pollers_{0};       // threads in epoll_wait
    std::thread janitor_;
    std::mutex janitorMutex_;
    std::condition_variable janitorWake_;
    bool stopping_ = false;  // REQUIRES: janitorMutex_ held
};

}  // namespace hub::net
