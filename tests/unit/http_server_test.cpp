// The connection server over real loopback connections: idle, slow and greedy
// clients cost no worker and meet their deadlines and caps, while others are
// served. (The TLS side: tls_socket_test.cpp; the whole daemon: the
// integration tests and bench/connection-storm.)
#include "hub/net/http_server.h"
#include "hub/net/plain_transport.h"

#include "support/catch.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace hub::net;
using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

namespace {

// A plain TCP client from a chosen loopback address.
class Client {
public:
    Client(const std::string& from, std::uint16_t port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in local{};
        local.sin_family = AF_INET;
        ::inet_pton(AF_INET, from.c_str(), &local.sin_addr);
        if (::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) throw std::runtime_error("bind");
        sockaddr_in remote{};
        remote.sin_family = AF_INET;
        remote.sin_port = htons(port);
        ::inet_pton(AF_INET, "127.0.0.1", &remote.sin_addr);
        if (::connect(fd_, reinterpret_cast<sockaddr*>(&remote), sizeof remote) != 0) throw std::runtime_error("connect");
    }
    ~Client() {
        if (fd_ >= 0) ::close(fd_);
    }
    Client(Client&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    void send(const std::string& bytes) { (void)!::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL); }

    // What arrives within `timeout`, until `until` has arrived or the server closes.
    std::string receive(std::chrono::milliseconds timeout = 5s, const std::string& until = "\r\n\r\nok") {
        std::string got;
        const auto deadline = SteadyClock::now() + timeout;
        while (got.find(until) == std::string::npos) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
            if (left <= 0ms) break;
            pollfd p{fd_, POLLIN, 0};
            if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
            char buffer[4096];
            const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
            if (n <= 0) {
                closedByServer_ = true;
                break;
            }
            got.append(buffer, static_cast<std::size_t>(n));
        }
        return got;
    }

    // True once the server closes the connection within `timeout`.
    bool closedWithin(std::chrono::milliseconds timeout) {
        receive(timeout, "\x01never\x01");
        return closedByServer_;
    }

    std::string get(const std::string& path = "/") {
        send("GET " + path + " HTTP/1.1\r\nHost: hub\r\n\r\n");
        return receive();
    }

private:
    int fd_ = -1;
    bool closedByServer_ = false;
};

struct Fixture {
    explicit Fixture(ServerOptions options, std::size_t perAddress = 1000) : server(options) {
        std::signal(SIGPIPE, SIG_IGN);
        ListenerOptions listener;
        listener.name = "test";
        listener.address = Poco::Net::SocketAddress("127.0.0.1", 0);
        listener.transport = [](int fd) { return std::make_unique<PlainTransport>(fd); };
        listener.handler = [this](HttpRequest& request, HttpResponse& response) {
            ++handled;
            if (request.getURI() == "/slow") std::this_thread::sleep_for(300ms);
            response.setContentType("text/plain");
            response.body = request.getURI() == "/big" ? std::string(64 << 20, 'b') : "ok";
            if (!request.body.empty()) response.body = "ok " + std::to_string(request.body.size());
        };
        listener.refusal = [](int status, const std::string& message, HttpResponse& response) {
            response.setStatusCode(status);
            response.body = message;
        };
        listener.connectionsPerAddress = perAddress;
        port = server.listen(listener).port();
        server.start();
    }
    ~Fixture() { server.stop(0ms); }

    HttpServer server;
    std::uint16_t port = 0;
    std::atomic<int> handled{0};
};

ServerOptions fast() {
    ServerOptions o;
    o.workers = 2;
    o.handshakeTimeout = 1s;
    o.idleTimeout = 1s;
    o.headTimeout = 1s;
    o.bodyTimeout = 1s;
    o.minBodyBytesPerSecond = 100;
    o.sendTimeout = 1s;
    o.janitorInterval = 50ms;
    return o;
}

template <typename Predicate>
bool eventually(Predicate p, std::chrono::milliseconds timeout = 5s) {
    const auto deadline = SteadyClock::now() + timeout;
    while (!p()) {
        if (SteadyClock::now() > deadline) return false;
        std::this_thread::sleep_for(10ms);
    }
    return true;
}

}  // namespace

TEST_CASE("idle and half-sent connections hold no worker: two workers serve others beside a hundred of them",
          "[net][server]") {
    ServerOptions o = fast();
    o.idleTimeout = 30s;
    o.headTimeout = 30s;
    Fixture f(o);
    std::vector<Client> idle, trickling;
    for (int i = 0; i < 60; ++i) {
        idle.emplace_back("127.0.0.1", f.port);
        CHECK_THAT(idle.back().get(), Catch::EndsWith("\r\n\r\nok"));  // then kept alive, idle
    }
    for (int i = 0; i < 40; ++i) {
        trickling.emplace_back("127.0.0.2", f.port);
        trickling.back().send("GET / HT");  // and never the rest
    }
    const auto start = SteadyClock::now();
    for (int i = 0; i < 20; ++i) {
        Client c("127.0.0.3", f.port);
        CHECK_THAT(c.get(), Catch::StartsWith("HTTP/1.1 200 OK"));
    }
    CHECK(SteadyClock::now() - start < 2s);
    CHECK(f.server.stats().connections >= 100);
    CHECK(eventually([&] { return f.server.stats().busy == 0; }));
}

TEST_CASE("a request head must arrive within its deadline from the first byte, however it trickles", "[net][server]") {
    Fixture f(fast());
    Client slow("127.0.0.1", f.port);
    const auto start = SteadyClock::now();
    bool closed = false;
    for (int i = 0; i < 40 && !closed; ++i) {
        slow.send("X");
        closed = slow.closedWithin(100ms);
    }
    const auto took = SteadyClock::now() - start;
    CHECK(closed);
    CHECK(took >= 900ms);
    CHECK(took < 2500ms);
    CHECK(f.handled == 0);
}

TEST_CASE("an idle keep-alive connection is closed after the idle timeout, a busy one is not", "[net][server]") {
    Fixture f(fast());
    Client c("127.0.0.1", f.port);
    CHECK_THAT(c.get(), Catch::EndsWith("ok"));
    // Requests closer together than the timeout keep it open.
    for (int i = 0; i < 3; ++i) {
        std::this_thread::sleep_for(500ms);
        CHECK_THAT(c.get(), Catch::EndsWith("ok"));
    }
    const auto start = SteadyClock::now();
    CHECK(c.closedWithin(3s));
    CHECK(SteadyClock::now() - start >= 800ms);
}

TEST_CASE("a body must keep a minimum pace, and one that arrives in time is served", "[net][server]") {
    Fixture f(fast());
    Client slow("127.0.0.1", f.port);
    slow.send("POST / HTTP/1.1\r\nHost: hub\r\nContent-Length: 1000\r\n\r\n");
    bool closed = false;
    for (int i = 0; i < 50 && !closed; ++i) {
        slow.send("x");  // 10 bytes a second, under the 100 asked for
        closed = slow.closedWithin(100ms);
    }
    CHECK(closed);
    CHECK(f.handled == 0);

    Client steady("127.0.0.1", f.port);
    steady.send("POST / HTTP/1.1\r\nHost: hub\r\nContent-Length: 300\r\n\r\n");
    for (int i = 0; i < 3; ++i) {
        std::this_thread::sleep_for(400ms);  // 250 bytes a second
        steady.send(std::string(100, 'y'));
    }
    CHECK_THAT(steady.receive(5s, "ok 300"), Catch::EndsWith("ok 300"));
}

TEST_CASE("one address's connections are capped: the next is closed at once while other addresses are served",
          "[net][server]") {
    Fixture f(fast(), 3);
    std::vector<Client> held;
    for (int i = 0; i < 3; ++i) {
        held.emplace_back("127.0.0.5", f.port);
        CHECK_THAT(held.back().get(), Catch::EndsWith("ok"));
    }
    Client fourth("127.0.0.5", f.port);
    const auto start = SteadyClock::now();
    fourth.send("GET / HTTP/1.1\r\nHost: hub\r\n\r\n");
    CHECK(fourth.closedWithin(2s));
    CHECK(SteadyClock::now() - start < 500ms);  // not queued behind the others
    Client other("127.0.0.6", f.port);
    CHECK_THAT(other.get(), Catch::EndsWith("ok"));
    held.pop_back();  // a place comes back when one of them closes
    CHECK(eventually([&] {
        Client again("127.0.0.5", f.port);
        return again.get().find("ok") != std::string::npos;
    }));
}

TEST_CASE("at the total limit the oldest idle connection makes room for a new one", "[net][server]") {
    ServerOptions o = fast();
    o.idleTimeout = 30s;
    o.maxConnections = 4;
    Fixture f(o);
    std::vector<Client> held;
    for (int i = 0; i < 4; ++i) {
        held.emplace_back("127.0.0.1", f.port);
        CHECK_THAT(held.back().get(), Catch::EndsWith("ok"));
        std::this_thread::sleep_for(20ms);  // an order of idleness
    }
    Client newcomer("127.0.0.1", f.port);
    CHECK_THAT(newcomer.get(), Catch::EndsWith("ok"));
    CHECK(held.front().closedWithin(2s));
    CHECK_THAT(held.back().get(), Catch::EndsWith("ok"));  // the youngest kept its place
}

TEST_CASE("pipelined requests are answered in order on one connection, and HTTP/1.0 closes after its answer",
          "[net][server]") {
    Fixture f(fast());
    Client c("127.0.0.1", f.port);
    c.send("GET /1 HTTP/1.1\r\nHost: hub\r\n\r\nPOST /2 HTTP/1.1\r\nHost: hub\r\nContent-Length: 3\r\n\r\nabcGET /3 HTTP/1.1\r\nConnection: close\r\n\r\n");
    const std::string got = c.receive(5s, "\x01until the server closes\x01");
    const auto first = got.find("\r\n\r\nok");
    const auto second = got.find("ok 3", first + 1);
    CHECK(first != std::string::npos);
    CHECK(second != std::string::npos);
    CHECK(got.find("\r\n\r\nok", second + 4) != std::string::npos);
    CHECK(f.handled == 3);

    Client old("127.0.0.1", f.port);
    old.send("GET / HTTP/1.0\r\n\r\n");
    CHECK_THAT(old.receive(), Catch::Contains("Connection: close"));
    CHECK(old.closedWithin(2s));
}

TEST_CASE("a client that stops reading a large response is dropped after the send timeout, holding no worker",
          "[net][server]") {
    ServerOptions o = fast();
    o.idleTimeout = 30s;  // `other` stays, idle, so the count that falls is the stalled one's
    Fixture f(o);
    Client stalled("127.0.0.1", f.port);
    stalled.send("GET /big HTTP/1.1\r\nHost: hub\r\n\r\n");
    std::this_thread::sleep_for(200ms);
    Client other("127.0.0.2", f.port);
    CHECK_THAT(other.get(), Catch::EndsWith("ok"));
    CHECK(eventually([&] { return f.server.stats().busy == 0; }));  // the stalled one waits in epoll, not in a worker
    CHECK(eventually([&] { return f.server.stats().connections == 1; }, 8s));  // only `other` remains
}

TEST_CASE("stopping closes idle connections at once and lets a request in flight finish", "[net][server]") {
    auto f = std::make_unique<Fixture>(fast());
    Client idle("127.0.0.1", f->port);
    CHECK_THAT(idle.get(), Catch::EndsWith("ok"));
    Client busy("127.0.0.1", f->port);
    busy.send("GET /slow HTTP/1.1\r\nHost: hub\r\n\r\n");
    std::this_thread::sleep_for(100ms);
    const auto start = SteadyClock::now();
    f->server.stop(2s);
    CHECK(SteadyClock::now() - start < 1500ms);
    const std::string answer = busy.receive(2s);
    CHECK_THAT(answer, Catch::StartsWith("HTTP/1.1 200 OK"));
    CHECK_THAT(answer, Catch::Contains("Connection: close"));
    CHECK(idle.closedWithin(1s));
}

TEST_CASE("the connection budget follows memory and the descriptor limit", "[net][server]") {
    const std::size_t gib = std::size_t{1} << 30;
    CHECK(connectionBudget(2 * gib, 65536) == 2 * gib / 8 / (64 * 1024));  // a 2 GB Raspberry Pi: 4,096
    CHECK(connectionBudget(64 * gib, 20000) == 20000 - 128);               // the descriptors run out first
    CHECK(connectionBudget(2 * gib, 100) == 64);                           // never below a floor
    CHECK(raiseDescriptorLimit() >= 1024);
}
