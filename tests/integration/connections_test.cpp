// No client can take the hub away from the clinic: idle keep-alive
// connections, heads that trickle in, handshakes that never finish and
// devices that open too many connections, against the real daemon over TLS
// (and its plain-HTTP port), while another device's requests are served.
// Many 127.x.y.z source addresses keep the per-address caps from hiding the effect.
#include "test_support.h"

#include "hub/tls/tls_stream_socket.h"

#include <Poco/Net/NetException.h>

#include <chrono>
#include <fstream>
#include <thread>
#include <vector>

using namespace hub::it;
using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

namespace {

// 127.0.<group>.<1 + i / perAddress>: `perAddress` connections per source address.
std::string sourceAddress(int group, int i, int perAddress) {
    return "127.0." + std::to_string(group) + "." + std::to_string(1 + i / perAddress);
}

Poco::Net::StreamSocket tlsFrom(hub::tls::TlsClientContext& trust, const std::string& from, int port) {
    auto* impl = new hub::tls::TlsStreamSocketImpl(trust, "localhost", Poco::Timespan(10, 0));
    Poco::Net::StreamSocket socket(impl);  // owns impl from here on
    impl->bind(Poco::Net::SocketAddress(from, 0), true);
    impl->connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)), Poco::Timespan(10, 0));
    return socket;
}

Poco::Net::StreamSocket plainFrom(const std::string& from, int port) {
    Poco::Net::StreamSocket socket;
    socket.impl()->bind(Poco::Net::SocketAddress(from, 0), true);
    socket.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)), Poco::Timespan(5, 0));
    return socket;
}

std::string keepAliveGet(const std::string& path) { return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n"; }

// Sends one header byte on every socket every `every` until stopped: heads that never end.
class Trickle {
public:
    Trickle(std::vector<Poco::Net::StreamSocket>& sockets, std::chrono::milliseconds every)
        : thread_([&sockets, every, this] {
              for (const auto& s : sockets) const_cast<Poco::Net::StreamSocket&>(s).sendBytes("G", 1);
              while (!stop_.load()) {
                  std::this_thread::sleep_for(every);
                  for (auto& s : sockets) {
                      try {
                          s.sendBytes("E", 1);
                      } catch (const std::exception&) {  // the hub closed it: its deadline came
                      }
                  }
              }
          }) {}
    ~Trickle() {
        stop_ = true;
        thread_.join();
    }

private:
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

int threadsOf(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("Threads:", 0) == 0) return std::stoi(line.substr(8));
    return -1;
}

}  // namespace

TEST_CASE("200 idle keep-alive TLS connections and 50 trickling heads hold no worker: another device is served",
          "[integration][connections]") {
    HubDataDir dir;
    // Four workers: with a worker per connection, the first four held connections would stop the clinic.
    // Idle connections may wait a minute here, so that all 200 are still open at the end.
    HubProcess hub(dir, HubOptions{{"--worker-threads", "4", "--keep-alive-timeout-seconds", "60"}});
    auto trust = hub::tls::TlsClientContext::fromFile(dir.caFile());

    std::vector<Poco::Net::StreamSocket> idle;
    for (int i = 0; i < 200; ++i) {
        idle.push_back(tlsFrom(trust, sourceAddress(1, i, 10), hub.httpsPort()));
        REQUIRE_THAT(rawExchange(idle.back(), keepAliveGet("/healthz")), Catch::StartsWith("HTTP/1.1 200"));
    }
    std::vector<Poco::Net::StreamSocket> trickling;
    for (int i = 0; i < 50; ++i) trickling.push_back(tlsFrom(trust, sourceAddress(2, i, 10), hub.httpsPort()));
    std::vector<Poco::Net::StreamSocket> silent;  // TCP only: their handshakes never start
    for (int i = 0; i < 50; ++i) silent.push_back(plainFrom(sourceAddress(3, i, 10), hub.httpsPort()));
    Trickle trickle(trickling, 2s);

    auto reception = hub.client();
    REQUIRE(reception->login("reception", demoPassword).status == 200);
    const auto start = SteadyClock::now();
    int served = 0;
    while (SteadyClock::now() - start < 6s) {
        const auto asked = SteadyClock::now();
        const auto r = reception->get("/api/v1/patients?q=" + std::to_string(1700 + served % 50));
        INFO(r.describe());
        CHECK(r.status == 200);
        CHECK(SteadyClock::now() - asked < 2s);
        ++served;
        std::this_thread::sleep_for(100ms);
    }
    CHECK(served > 20);
    // No thread per connection: four workers and the hub's few others, for 300 connections.
    CHECK(threadsOf(hub.pid()) < 20);
    // The idle ones are all still open and answer at once.
    int answered = 0;
    for (auto& socket : idle) answered += rawExchange(socket, keepAliveGet("/healthz"), 2s).rfind("HTTP/1.1 200", 0) == 0;
    CHECK(answered == 200);
}

TEST_CASE("the plain-HTTP port holds 200 idle and 50 trickling connections and still serves the welcome page",
          "[integration][connections]") {
    HubDataDir dir;
    HubProcess hub(dir, HubOptions{{"--worker-threads", "4"}});
    std::vector<Poco::Net::StreamSocket> idle;
    for (int i = 0; i < 200; ++i) {
        idle.push_back(plainFrom(sourceAddress(4, i, 10), hub.httpPort()));
        REQUIRE_THAT(rawExchange(idle.back(), keepAliveGet("/ca.crt")), Catch::StartsWith("HTTP/1.1 200"));
    }
    std::vector<Poco::Net::StreamSocket> trickling;
    for (int i = 0; i < 50; ++i) trickling.push_back(plainFrom(sourceAddress(5, i, 10), hub.httpPort()));
    Trickle trickle(trickling, 2s);
    const auto start = SteadyClock::now();
    int served = 0;
    while (SteadyClock::now() - start < 5s) {
        auto socket = plainFrom("127.0.0.1", hub.httpPort());
        const auto asked = SteadyClock::now();
        const std::string answer = rawExchange(socket, "GET /welcome HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        CHECK_THAT(answer, Catch::StartsWith("HTTP/1.1 200"));
        CHECK(SteadyClock::now() - asked < 2s);
        ++served;
        std::this_thread::sleep_for(100ms);
    }
    CHECK(served > 20);
}

TEST_CASE("a 33rd connection from one address is closed at once while other addresses are served",
          "[integration][connections]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto trust = hub::tls::TlsClientContext::fromFile(dir.caFile());
    std::vector<Poco::Net::StreamSocket> held;
    for (int i = 0; i < 32; ++i) {
        held.push_back(tlsFrom(trust, "127.0.6.1", hub.httpsPort()));
        REQUIRE_THAT(rawExchange(held.back(), keepAliveGet("/healthz")), Catch::StartsWith("HTTP/1.1 200"));
    }
    const auto start = SteadyClock::now();
    CHECK_THROWS(tlsFrom(trust, "127.0.6.1", hub.httpsPort()));  // closed before the handshake
    CHECK(SteadyClock::now() - start < 2s);
    auto other = tlsFrom(trust, "127.0.6.2", hub.httpsPort());
    CHECK_THAT(rawExchange(other, keepAliveGet("/healthz")), Catch::StartsWith("HTTP/1.1 200"));
    // The plain-HTTP port's share is 16.
    std::vector<Poco::Net::StreamSocket> plain;
    for (int i = 0; i < 16; ++i) {
        plain.push_back(plainFrom("127.0.6.3", hub.httpPort()));
        REQUIRE_THAT(rawExchange(plain.back(), keepAliveGet("/ca.crt")), Catch::StartsWith("HTTP/1.1 200"));
    }
    auto seventeenth = plainFrom("127.0.6.3", hub.httpPort());
    CHECK(rawExchange(seventeenth, keepAliveGet("/ca.crt")).empty());
}

TEST_CASE("a TLS handshake that never finishes is closed at its deadline, counted from the connection",
          "[integration][connections]") {
    HubDataDir dir;
    HubProcess hub(dir, HubOptions{{"--handshake-timeout-seconds", "2"}});
    auto stalled = plainFrom("127.0.7.1", hub.httpsPort());
    const auto start = SteadyClock::now();
    // A record header announcing a 512-byte ClientHello, then a byte now and
    // then: what arrives never extends the deadline.
    stalled.sendBytes("\x16\x03\x01\x02\x00\x01", 6);
    stalled.setReceiveTimeout(Poco::Timespan(0, 300'000));
    bool closed = false;
    while (!closed && SteadyClock::now() - start < 8s) {
        try {
            char byte = 0;
            closed = stalled.receiveBytes(&byte, 1) <= 0;
        } catch (const Poco::TimeoutException&) {
            stalled.sendBytes("\x01", 1);
        } catch (const Poco::Net::NetException&) {
            closed = true;
        }
    }
    const auto took = SteadyClock::now() - start;
    CHECK(closed);
    CHECK(took >= 1800ms);
    CHECK(took < 4s);
    CHECK(hub.client()->get("/healthz").status == 200);
}
