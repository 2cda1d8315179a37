// The storm of bench/connection-storm: holds, against one HTTPS server, as a
// guest Wi-Fi full of phones and a careless device or two would,
//   --idle N     keep-alive TLS connections sending one GET every 10 s
//   --slow N     TLS connections trickling a request head, a byte every 2 s
//   --streams N  Server-Sent-Events streams (one per display key read from
//                --keys FILE), read as they come; without keys they are held
//                like idle connections (nginx has no streams)
// from many 127.0.x.y source addresses (--per-address connections each), and
// re-opens whatever the server closes. Meanwhile a probe on 127.0.0.1 GETs
// --probe PATH every 50 ms. After --seconds it prints one line:
//   held=<storm connections open at the end> opened=<connections opened>
//   refused=<opens that failed> probe_ok=<n> probe_failed=<n> probe_p50_ms=<x> probe_p99_ms=<x>
// A load generator for a benchmark, not a test.
#include "hub/tls/tls_client_context.h"
#include "hub/tls/tls_stream_socket.h"

#include <Poco/Net/NetException.h>
#include <Poco/Net/StreamSocket.h>

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

struct Options {
    std::string ca;
    int port = 0;
    int idle = 1000, slow = 200, streams = 300;
    int perAddress = 25;
    int seconds = 30;
    std::string keysFile;
    std::string probePath = "/healthz";
    std::string host = "localhost";
};

enum class Kind { Idle, Slow, Stream };

struct Held {
    Kind kind;
    std::string from;
    std::string key;  // display key of a stream
    std::unique_ptr<Poco::Net::StreamSocket> socket;
    Clock::time_point due;
};

std::atomic<long long> opened{0}, refused{0};
std::atomic<long long> reopenedByKind[3] = {0, 0, 0};  // Idle, Slow, Stream: closed by the server and opened again

std::unique_ptr<Poco::Net::StreamSocket> connectFrom(hub::tls::TlsClientContext& trust, const Options& o,
                                                     const std::string& from) {
    auto* impl = new hub::tls::TlsStreamSocketImpl(trust, o.host, Poco::Timespan(10, 0));
    auto socket = std::make_unique<Poco::Net::StreamSocket>(impl);
    impl->bind(Poco::Net::SocketAddress(from, 0), true);
    impl->connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(o.port)), Poco::Timespan(10, 0));
    socket->setReceiveTimeout(Poco::Timespan(10, 0));
    socket->setSendTimeout(Poco::Timespan(10, 0));
    return socket;
}

void sendAll(Poco::Net::StreamSocket& s, const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const int n = s.sendBytes(bytes.data() + sent, static_cast<int>(bytes.size() - sent));
        if (n <= 0) throw Poco::Net::ConnectionResetException("send");
        sent += static_cast<std::size_t>(n);
    }
}

// Reads one response with a Content-Length body (what /healthz and a static file send).
void readResponse(Poco::Net::StreamSocket& s) {
    std::string got;
    char buffer[8192];
    std::size_t need = std::string::npos;
    while (need == std::string::npos || got.size() < need) {
        const int n = s.receiveBytes(buffer, sizeof buffer);
        if (n <= 0) throw Poco::Net::ConnectionResetException("closed");
        got.append(buffer, static_cast<std::size_t>(n));
        const auto end = got.find("\r\n\r\n");
        if (need == std::string::npos && end != std::string::npos) {
            const auto at = got.find("Content-Length: ");
            const std::size_t length = at == std::string::npos ? 0 : std::stoul(got.substr(at + 16));
            need = end + 4 + length;
        }
    }
}

// Opens (or re-opens) what `h` should be and does its first step.
void open(Held& h, hub::tls::TlsClientContext& trust, const Options& o) {
    h.socket.reset();
    try {
        h.socket = connectFrom(trust, o, h.from);
        ++opened;
        switch (h.kind) {
        case Kind::Idle:
            sendAll(*h.socket, "GET " + o.probePath + " HTTP/1.1\r\nHost: " + o.host + "\r\n\r\n");
            readResponse(*h.socket);
            h.due = Clock::now() + 10s;
            break;
        case Kind::Slow:
            sendAll(*h.socket, "G");
            h.due = Clock::now() + 2s;
            break;
        case Kind::Stream:
            sendAll(*h.socket, "GET /api/v1/display/" + h.key + "/events HTTP/1.1\r\nHost: " + o.host +
                                   "\r\nAccept: text/event-stream\r\n\r\n");
            h.due = Clock::now() + 1s;
            break;
        }
    } catch (const std::exception&) {
        ++refused;
        h.socket.reset();
        h.due = Clock::now() + 1s;
    }
}

// One step of a held connection whose time has come; false when the server closed it.
bool step(Held& h, const Options& o) {
    switch (h.kind) {
    case Kind::Idle:
        sendAll(*h.socket, "GET " + o.probePath + " HTTP/1.1\r\nHost: " + o.host + "\r\n\r\n");
        readResponse(*h.socket);
        h.due = Clock::now() + 10s;
        return true;
    case Kind::Slow:
        sendAll(*h.socket, "E");
        h.due = Clock::now() + 2s;
        return true;
    case Kind::Stream: {
        char buffer[8192];
        while (h.socket->poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_READ)) {
            const int n = h.socket->receiveBytes(buffer, sizeof buffer);
            if (n <= 0) return false;
        }
        h.due = Clock::now() + 1s;
        return true;
    }
    }
    return false;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

}  // namespace

int main(int argc, char* argv[]) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--ca") o.ca = v;
        else if (k == "--port") o.port = std::stoi(v);
        else if (k == "--idle") o.idle = std::stoi(v);
        else if (k == "--slow") o.slow = std::stoi(v);
        else if (k == "--streams") o.streams = std::stoi(v);
        else if (k == "--per-address") o.perAddress = std::stoi(v);
        else if (k == "--seconds") o.seconds = std::stoi(v);
        else if (k == "--keys") o.keysFile = v;
        else if (k == "--probe") o.probePath = v;
        else {
            std::cerr << "connection-storm: unknown option " << k << "\n";
            return 2;
        }
    }
    if (o.ca.empty() || o.port == 0) {
        std::cerr << "usage: connection-storm --ca FILE --port N [--idle N --slow N --streams N --keys FILE "
                     "--per-address N --seconds N --probe PATH]\n";
        return 2;
    }
    rlimit nofile{};
    getrlimit(RLIMIT_NOFILE, &nofile);
    nofile.rlim_cur = nofile.rlim_max;
    setrlimit(RLIMIT_NOFILE, &nofile);

    std::vector<std::string> keys;
    if (!o.keysFile.empty()) {
        std::ifstream in(o.keysFile);
        for (std::string k; std::getline(in, k);)
            if (!k.empty()) keys.push_back(k);
    }
    auto trust = hub::tls::TlsClientContext::fromFile(o.ca);

    // Source addresses: 127.0.<10 + n / 250>.<1 + n % 250>, perAddress connections each;
    // slow heads come from 10 addresses only (20 each), as one careless device per address would.
    std::vector<Held> held;
    int n = 0;
    const auto next = [&](int per) {
        const int a = n++ / per;
        return "127.0." + std::to_string(10 + a / 250) + "." + std::to_string(1 + a % 250);
    };
    for (int i = 0; i < o.idle; ++i) held.push_back({Kind::Idle, next(o.perAddress), {}, nullptr, {}});
    n = 0;
    for (int i = 0; i < o.streams; ++i) {
        const bool stream = !keys.empty();
        held.push_back({stream ? Kind::Stream : Kind::Idle, "127.1." + std::to_string(i / 5 / 250) + "." +
                                                                std::to_string(1 + i / 5 % 250),
                        stream ? keys[static_cast<std::size_t>(i) % keys.size()] : "", nullptr, {}});
    }
    for (int i = 0; i < o.slow; ++i)
        held.push_back({Kind::Slow, "127.2.0." + std::to_string(1 + i % 10), {}, nullptr, {}});

    // Eight threads share the held connections; each opens its own, then keeps them going.
    const int threads = 8;
    std::atomic<bool> stop{false};
    std::atomic<int> established{0};
    std::vector<std::thread> keepers;
    for (int t = 0; t < threads; ++t) {
        keepers.emplace_back([&, t] {
            for (std::size_t i = static_cast<std::size_t>(t); i < held.size(); i += threads) open(held[i], trust, o);
            ++established;
            while (!stop) {
                const auto now = Clock::now();
                for (std::size_t i = static_cast<std::size_t>(t); i < held.size() && !stop; i += threads) {
                    Held& h = held[i];
                    if (h.due > now) continue;
                    bool alive = false;
                    try {
                        alive = h.socket && step(h, o);
                    } catch (const std::exception&) {
                    }
                    if (!alive) {
                        if (h.socket) ++reopenedByKind[static_cast<int>(h.kind)];
                        open(h, trust, o);
                    }
                }
                std::this_thread::sleep_for(20ms);
            }
        });
    }
    while (established.load() < threads) std::this_thread::sleep_for(50ms);
    std::fprintf(stderr, "connection-storm: %zu connections up after %lld opens (%lld refused)\n", held.size(),
                 opened.load(), refused.load());

    // The probe: another device's small GET every 50 ms on a connection of its own.
    std::vector<double> latencies;
    long long probeFailed = 0;
    const auto end = Clock::now() + std::chrono::seconds(o.seconds);
    std::unique_ptr<Poco::Net::StreamSocket> probe;
    while (Clock::now() < end) {
        const auto t0 = Clock::now();
        try {
            if (!probe) probe = connectFrom(trust, o, "127.0.0.1");
            sendAll(*probe, "GET " + o.probePath + " HTTP/1.1\r\nHost: " + o.host + "\r\n\r\n");
            readResponse(*probe);
            latencies.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        } catch (const std::exception&) {
            ++probeFailed;
            probe.reset();
        }
        std::this_thread::sleep_for(50ms);
    }
    stop = true;
    for (auto& k : keepers) k.join();
    const long long alive = std::count_if(held.begin(), held.end(), [](const Held& h) { return h.socket != nullptr; });
    std::printf("held=%lld opened=%lld refused=%lld reopened_idle=%lld reopened_slow=%lld reopened_stream=%lld "
                "probe_ok=%zu probe_failed=%lld probe_p50_ms=%.2f probe_p99_ms=%.2f\n",
                alive, opened.load(), refused.load(), reopenedByKind[0].load(), reopenedByKind[1].load(),
                reopenedByKind[2].load(), latencies.size(), probeFailed, percentile(latencies, 0.5),
                percentile(latencies, 0.99));
    return 0;
}
