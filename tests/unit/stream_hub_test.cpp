// The stream hub over real loopback TCP connections: what a stream is sent and
// in which order, heartbeats, and the ways a stream ends (the client hangs up,
// stops reading, or the hub stops), plus the cap on streams.
#include "hub/core/error.h"
#include "hub/events/stream_hub.h"
#include "hub/net/plain_transport.h"

#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include "support/catch.h"

#include <atomic>
#include <deque>
#include <functional>
#include <stdexcept>
#include <csignal>
#include <thread>

#include <sys/socket.h>

using namespace hub::events;
using namespace std::chrono_literals;

namespace {

// A connected pair on 127.0.0.1: the server end goes to the hub (non-blocking,
// as the connection server hands it over), the test reads the client end.
struct Connection {
    Poco::Net::StreamSocket client;
    hub::net::DetachedConnection server;
};

Connection connectLoopback() {
    static Poco::Net::ServerSocket listener(Poco::Net::SocketAddress("127.0.0.1", 0));
    Connection c;
    c.client.connect(listener.address());
    const int fd = ::accept4(static_cast<int>(listener.impl()->sockfd()), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) throw std::runtime_error("accept failed");
    c.server.transport = std::make_unique<hub::net::PlainTransport>(fd);
    return c;
}

// Appends what arrives within the timeout to received; false if nothing came
// (time up, or the server closed the connection).
bool readSome(Poco::Net::StreamSocket& socket, std::string& received, std::chrono::milliseconds timeout) {
    if (!socket.poll(Poco::Timespan(std::chrono::duration_cast<std::chrono::microseconds>(timeout).count()),
                     Poco::Net::Socket::SELECT_READ))
        return false;
    char buffer[65536];
    int n = 0;
    try {
        n = socket.receiveBytes(buffer, sizeof buffer);
    } catch (const Poco::Net::ConnectionResetException&) {
        return false;
    }
    if (n <= 0) return false;
    received.append(buffer, static_cast<std::size_t>(n));
    return true;
}

// Reads until `text` has arrived (true), the server closed the connection or the time is up (false).
bool readUntil(Poco::Net::StreamSocket& socket, std::string& received, const std::string& text,
               std::chrono::milliseconds timeout = 5s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (received.find(text) == std::string::npos) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left <= 0ms || !readSome(socket, received, left)) return false;
    }
    return true;
}

// True once the server has closed the connection (EOF or reset) within the timeout.
bool closedByServer(Poco::Net::StreamSocket& socket, std::chrono::milliseconds timeout = 5s) {
    std::string ignored;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (!socket.poll(Poco::Timespan(0, 50'000), Poco::Net::Socket::SELECT_READ)) continue;
        char buffer[65536];
        try {
            if (socket.receiveBytes(buffer, sizeof buffer) <= 0) return true;
        } catch (const Poco::Net::NetException&) {
            return true;
        }
    }
    return false;
}

template <typename Predicate>
bool eventually(Predicate p, std::chrono::milliseconds timeout = 5s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!p()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(10ms);
    }
    return true;
}

struct Hub {
    explicit Hub(StreamHubOptions options = {}, std::size_t capacity = 4096) : journal(capacity, 1), hub(journal, options) {
        std::signal(SIGPIPE, SIG_IGN);  // as the daemon does: a hang-up is an error return
        hub.start();
    }
    // A stream of topic, resuming after afterId; returns the client end.
    Poco::Net::StreamSocket open(const std::string& topic, long long afterId, std::string head = "HEAD\n\n",
                                 std::function<bool()> stillAllowed = {}) {
        auto c = connectLoopback();
        hub.adopt(hub.reserve("127.0.0.1", "owner " + std::to_string(++owners)), std::move(c.server), std::move(head),
                  topic, afterId, std::move(stillAllowed));
        return c.client;
    }
    EventJournal journal;
    StreamHub hub;
    int owners = 0;
};

}  // namespace

TEST_CASE("a stream gets its head, then only its topic's events, in journal order", "[events][stream-hub]") {
    Hub h;
    auto client = h.open("display/1", h.journal.lastId());
    std::string got;
    REQUIRE(readUntil(client, got, "HEAD\n\n"));
    h.journal.append("display/1", "queue", R"({"n":1})");
    h.journal.append("display/2", "queue", R"({"n":2})");
    h.journal.append("staff", "queue", R"({"n":3})");
    h.journal.append("display/1", "display", R"({"n":4})");
    REQUIRE(readUntil(client, got, R"({"n":4})"));
    CHECK(got == "HEAD\n\nid: 1\nevent: queue\ndata: {\"n\":1}\n\nid: 4\nevent: display\ndata: {\"n\":4}\n\n");
}

TEST_CASE("a stream adopted with an earlier id first gets the events it missed", "[events][stream-hub]") {
    Hub h;
    for (int i = 1; i <= 5; ++i) h.journal.append("staff", "queue", std::to_string(i));
    auto client = h.open("staff", 3);
    std::string got;
    REQUIRE(readUntil(client, got, "data: 5\n\n"));
    CHECK(got == "HEAD\n\nid: 4\nevent: queue\ndata: 4\n\nid: 5\nevent: queue\ndata: 5\n\n");
    h.journal.append("staff", "queue", "6");
    REQUIRE(readUntil(client, got, "data: 6\n\n"));
}

TEST_CASE("a stream whose resume point has left the journal is closed", "[events][stream-hub]") {
    Hub h({}, 4);
    for (int i = 1; i <= 10; ++i) h.journal.append("staff", "queue", std::to_string(i));
    auto client = h.open("staff", 2);
    CHECK(closedByServer(client));
    CHECK(eventually([&] { return h.hub.streamCount() == 0; }));
}

TEST_CASE("an idle stream gets a heartbeat comment", "[events][stream-hub]") {
    StreamHubOptions options;
    options.heartbeat = 100ms;
    Hub h(options);
    auto client = h.open("staff", h.journal.lastId());
    std::string got;
    REQUIRE(readUntil(client, got, ": heartbeat\n\n", 2s));
    CHECK(got.rfind("HEAD\n\n", 0) == 0);
}

TEST_CASE("a stream is asked at every heartbeat whether it may go on, and closed when not",
          "[events][stream-hub]") {
    StreamHubOptions options;
    options.heartbeat = 100ms;
    Hub h(options);
    std::atomic<bool> allowed{true};
    std::atomic<int> asked{0};
    auto guarded = h.open("staff", h.journal.lastId(), "HEAD\n\n", [&] {
        ++asked;
        return allowed.load();
    });
    auto failing = h.open("staff", h.journal.lastId(), "HEAD\n\n", []() -> bool { throw std::runtime_error("db busy"); });
    auto free = h.open("staff", h.journal.lastId());
    std::string got, gotFailing, gotFree;
    REQUIRE(readUntil(guarded, got, ": heartbeat\n\n", 2s));
    CHECK(asked.load() >= 1);

    allowed = false;
    CHECK(closedByServer(guarded, 2s));
    // A check that throws leaves its stream open; a stream without one is never asked.
    h.journal.append("staff", "queue", "after");
    CHECK(readUntil(failing, gotFailing, "data: after\n\n"));
    CHECK(readUntil(free, gotFree, "data: after\n\n"));
    CHECK(eventually([&] { return h.hub.streamCount() == 2; }));
}

TEST_CASE("a stream whose client hung up is removed", "[events][stream-hub]") {
    Hub h;
    auto client = h.open("staff", h.journal.lastId());
    std::string got;
    REQUIRE(readUntil(client, got, "HEAD"));
    REQUIRE(h.hub.streamCount() == 1);
    client.close();
    CHECK(eventually([&] { return h.hub.streamCount() == 0; }));
}

TEST_CASE("a client that stops reading is dropped while the others keep receiving everything",
          "[events][stream-hub]") {
    StreamHubOptions options;
    options.maxBacklogBytes = 64 * 1024;
    Hub h(options);
    auto slow = h.open("staff", h.journal.lastId());
    auto fast = h.open("staff", h.journal.lastId());
    REQUIRE(h.hub.streamCount() == 2);

    // Enough to fill the kernel's buffers for the slow client many times over,
    // at a pace the fast client keeps up with.
    const std::string payload(8 * 1024, 'x');
    constexpr int events = 2000;
    std::atomic<int> fastFrames{0};
    std::thread reader([&] {
        std::string got;
        std::size_t counted = 0;
        while (fastFrames < events + 1 && readSome(fast, got, 10s))
            for (auto at = got.find("event: queue", counted); at != std::string::npos;
                 at = got.find("event: queue", counted)) {
                ++fastFrames;
                counted = at + 1;
            }
    });
    for (int i = 0; i < events; ++i) {
        h.journal.append("staff", "queue", payload);
        if (!eventually([&] { return fastFrames >= i - 4; }, 10s)) break;  // checked below
    }
    h.journal.append("staff", "queue", "last");
    reader.join();

    CHECK(fastFrames == events + 1);
    CHECK(eventually([&] { return h.hub.streamCount() == 1; }));
    CHECK(closedByServer(slow));
}

TEST_CASE("the hub refuses streams beyond its cap and frees a place when a stream ends", "[events][stream-hub]") {
    StreamHubOptions options;
    options.maxStreams = 2;
    Hub h(options);
    auto first = h.open("staff", h.journal.lastId());
    {
        auto held = h.hub.reserve("127.0.0.2", "a");
        try {
            (void)h.hub.reserve("127.0.0.3", "b");
            FAIL("a third stream was accepted");
        } catch (const hub::Error& e) {
            CHECK(e.code() == hub::ErrorCode::Unavailable);
            CHECK(e.retryAfterSeconds() > 0);
        }
    }  // an unused reservation gives its place back
    CHECK(h.hub.streamCount() == 1);
    auto second = h.open("staff", h.journal.lastId());
    first.close();
    CHECK(eventually([&] { return h.hub.streamCount() == 1; }));
    CHECK_NOTHROW(h.hub.reserve("127.0.0.2", "a"));
}

TEST_CASE("one device or one session cannot take every place: 429 beyond its share, and its own places come back",
          "[events][stream-hub]") {
    StreamHubOptions options;
    options.maxStreams = 100;
    options.maxPerAddress = 3;
    options.maxPerOwner = 2;
    Hub h(options);
    const auto refused = [&](const std::string& address, const std::string& owner) {
        try {
            (void)h.hub.reserve(address, owner);
            return false;
        } catch (const hub::Error& e) {
            CHECK(e.code() == hub::ErrorCode::TooManyRequests);
            CHECK(e.retryAfterSeconds() > 0);
            return true;
        }
    };
    std::deque<StreamHub::Reservation> held;
    held.push_back(h.hub.reserve("10.0.0.1", "session:1"));
    held.push_back(h.hub.reserve("10.0.0.1", "session:1"));
    CHECK(refused("10.0.0.1", "session:1"));   // the session's share
    CHECK(refused("10.0.0.9", "session:1"));   // from another device too
    held.push_back(h.hub.reserve("10.0.0.1", "session:2"));
    CHECK(refused("10.0.0.1", "session:3"));   // the device's share, whoever asks
    CHECK_NOTHROW(h.hub.reserve("10.0.0.2", "display:1"));  // other devices are served
    CHECK(h.hub.streamCount() == 3);
    held.pop_front();
    CHECK_NOTHROW(h.hub.reserve("10.0.0.1", "session:1"));
}

TEST_CASE("stopping the hub closes every stream, and a stream adopted afterwards at once", "[events][stream-hub]") {
    Hub h;
    auto a = h.open("staff", h.journal.lastId());
    auto b = h.open("display/1", h.journal.lastId());
    std::string got;
    REQUIRE(readUntil(a, got, "HEAD"));
    h.hub.stop();
    CHECK(closedByServer(a));
    CHECK(closedByServer(b));
    CHECK(h.hub.streamCount() == 0);
    auto late = h.open("staff", h.journal.lastId());
    CHECK(closedByServer(late));
    CHECK(h.hub.streamCount() == 0);
}
