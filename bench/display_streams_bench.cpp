// Many waiting-room screens on one hub: N display streams over TLS against a
// running clinic-hubd while a front desk checks in and a doctor calls at a
// steady pace (issue target: call -> event received p99 < 100 ms with 200).
//
//   display-streams-bench <ca.crt> <port> [streams=200] [seconds=30] [calls-per-second=2] [hub-pid]
//
// Setup signs in as the demo admin, creates a doctor and a display showing that
// doctor, and opens the streams, all read by ONE client thread (poll over
// non-blocking TLS sockets) so the client costs little of the 2 shared CPUs.
// Each tick: check in a patient, call next, skip the called token. Latency is
// from sending call-next to the call event arriving on each stream. With the
// hub's pid it also prints the hub's threads and RSS, idle and under load.
#include "bench_client.h"

#include <Poco/Net/NetException.h>

#include <poll.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

using bench::Client;
using bench::Clock;
using bench::field;
using bench::percentile;

namespace {

struct ProcessFigures {
    int threads = 0;
    long rssKb = 0;
};

ProcessFigures figuresOf(const std::string& pid) {
    ProcessFigures f;
    std::ifstream status("/proc/" + pid + "/status");
    for (std::string line; std::getline(status, line);) {
        if (line.rfind("Threads:", 0) == 0) f.threads = std::stoi(line.substr(8));
        if (line.rfind("VmRSS:", 0) == 0) f.rssKb = std::stol(line.substr(6));
    }
    return f;
}

// One display stream: opened blocking (request and response head), then read non-blocking.
struct Stream {
    Poco::Net::StreamSocket socket;
    std::string pending;
};

Stream openStream(hub::tls::TlsClientContext& trust, int port, const std::string& path) {
    Stream s{hub::tls::connectTls(trust, Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)),
                                  "localhost", Poco::Timespan(10, 0)),
             {}};
    const std::string request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n";
    s.socket.sendBytes(request.data(), static_cast<int>(request.size()));
    char buffer[4096];
    while (s.pending.find("\r\n\r\n") == std::string::npos) {
        const int n = s.socket.receiveBytes(buffer, sizeof buffer);
        if (n <= 0) throw std::runtime_error("the stream closed before its head");
        s.pending.append(buffer, static_cast<std::size_t>(n));
    }
    if (s.pending.rfind("HTTP/1.1 200", 0) != 0) throw std::runtime_error("stream refused: " + s.pending.substr(0, 80));
    s.pending.erase(0, s.pending.find("\r\n\r\n") + 4);
    s.socket.setBlocking(false);
    return s;
}

// The label of a call event's data, e.g. {"doctor":{…},"label":"Q-007",…,"type":"call"}.
std::string callLabel(const std::string& data) {
    if (data.find(R"("type":"call")") == std::string::npos) return {};
    return Poco::JSON::Parser().parse(data).extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("label");
}

}  // namespace

int main(int argc, char* argv[]) {
    if (argc < 3) {
        std::cerr << "usage: display-streams-bench <ca.crt> <port> [streams=200] [seconds=30] [calls-per-second=2] "
                     "[hub-pid]\n";
        return 2;
    }
    const int port = std::stoi(argv[2]);
    const int streamCount = argc > 3 ? std::stoi(argv[3]) : 200;
    const int seconds = argc > 4 ? std::stoi(argv[4]) : 30;
    const double rate = argc > 5 ? std::stod(argv[5]) : 2.0;
    const std::string hubPid = argc > 6 ? argv[6] : "";
    const std::string password = "demo-password-1";
    auto trust = hub::tls::TlsClientContext::fromFile(argv[1]);

    Client admin(trust, port);
    admin.login("admin", password);
    std::string out;
    const long long run = std::chrono::duration_cast<std::chrono::seconds>(Clock::now().time_since_epoch()).count();
    const std::string user = "tvbench" + std::to_string(run % 100000);
    const std::string prefix = std::string(1, static_cast<char>('C' + run % 20)) +
                               std::string(1, static_cast<char>('A' + (run / 20) % 26));
    if (admin.send("POST", "/api/v1/staff",
                   R"({"username":")" + user + R"(","display_name":"TV bench doctor","role":"doctor",)" +
                       R"("password":"bench password 1","doctor":{"token_prefix":")" + prefix + R"(","room":"9"}})",
                   out) != 201) {
        std::cerr << "creating the bench doctor failed: " << out << "\n";
        return 1;
    }
    const std::string doctorId = field(out, "id");
    if (admin.send("POST", "/api/v1/displays", R"({"name":"Bench TV","doctor_ids":[")" + doctorId + R"("]})", out) !=
        201) {
        std::cerr << "creating the display failed: " << out << "\n";
        return 1;
    }
    const std::string key = field(out, "key");
    const ProcessFigures idle = hubPid.empty() ? ProcessFigures{} : figuresOf(hubPid);

    std::vector<Stream> streams;
    for (int i = 0; i < streamCount; ++i) streams.push_back(openStream(trust, port, "/api/v1/display/" + key + "/events"));

    // The reader: one thread for every stream, as the hub has.
    std::mutex merge;
    std::map<std::string, std::vector<Clock::time_point>> receivedAt;  // call label -> when each stream got it
    std::atomic<bool> stop{false};
    std::atomic<int> closedStreams{0};
    std::thread reader([&] {
        std::vector<pollfd> fds;
        for (auto& s : streams) fds.push_back(pollfd{static_cast<int>(s.socket.impl()->sockfd()), POLLIN, 0});
        char buffer[16384];
        while (!stop) {
            if (::poll(fds.data(), fds.size(), 100) <= 0) continue;
            const auto now = Clock::now();
            for (std::size_t i = 0; i < fds.size(); ++i) {
                if (fds[i].revents == 0 || fds[i].fd < 0) continue;
                Stream& s = streams[i];
                try {
                    for (int n; (n = s.socket.receiveBytes(buffer, sizeof buffer)) != -1;) {
                        if (n == 0) throw Poco::Net::ConnectionResetException("closed");
                        s.pending.append(buffer, static_cast<std::size_t>(n));
                    }
                } catch (const Poco::Exception&) {
                    ++closedStreams;
                    fds[i].fd = -1;
                }
                for (auto end = s.pending.find("\n\n"); end != std::string::npos; end = s.pending.find("\n\n")) {
                    const std::string frame = s.pending.substr(0, end);
                    s.pending.erase(0, end + 2);
                    const auto data = frame.find("\ndata: ");
                    if (frame.find("event: queue") == std::string::npos || data == std::string::npos) continue;
                    const std::string label = callLabel(frame.substr(data + 7));
                    if (label.empty()) continue;
                    std::lock_guard lock(merge);
                    receivedAt[label].push_back(now);
                }
            }
        }
    });

    // The front desk and the doctor, at a steady pace.
    Client desk(trust, port), doctor(trust, port);
    desk.login("reception", password);
    doctor.login(user, "bench password 1");
    std::map<std::string, Clock::time_point> calledAt;
    std::vector<double> checkInMs, callMs;
    long long failures = 0;
    const auto period = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / rate));
    const auto start = Clock::now();
    ProcessFigures loaded;
    for (auto tick = start; tick < start + std::chrono::seconds(seconds); tick += period) {
        std::this_thread::sleep_until(tick);
        auto t0 = Clock::now();
        if (desk.send("POST", "/api/v1/tokens", R"({"patient_id":"1","doctor_id":")" + doctorId + R"("})", out) != 201)
            ++failures;
        checkInMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        t0 = Clock::now();
        if (doctor.send("POST", "/api/v1/queue/call-next", R"({"doctor_id":")" + doctorId + R"("})", out) != 200) {
            ++failures;
            continue;
        }
        callMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        calledAt[field(out, "label")] = t0;
        if (doctor.send("POST", "/api/v1/tokens/" + field(out, "id") + "/skip", "", out) != 200) ++failures;
        if (!hubPid.empty() && loaded.threads == 0 && Clock::now() - start > std::chrono::seconds(seconds / 2))
            loaded = figuresOf(hubPid);
    }
    std::this_thread::sleep_for(std::chrono::seconds(1));  // the last events in flight
    stop = true;
    reader.join();

    std::vector<double> latencyMs;
    long long missing = 0;
    {
        std::lock_guard lock(merge);
        for (const auto& [label, t0] : calledAt) {
            const auto& got = receivedAt[label];
            missing += streamCount - static_cast<long long>(got.size());
            for (const auto& t : got) latencyMs.push_back(std::chrono::duration<double, std::milli>(t - t0).count());
        }
    }
    std::printf("%d display streams, %zu calls in %d s (%.1f/s), %lld request failures, %d streams closed, "
                "%lld call events missing\n",
                streamCount, calledAt.size(), seconds, rate, failures, closedStreams.load(), missing);
    std::printf("call -> event received, all streams: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%zu receipts)\n",
                percentile(latencyMs, 0.50), percentile(latencyMs, 0.99), percentile(latencyMs, 1.0), latencyMs.size());
    std::printf("API while the streams are open: check-in p50 %.1f ms p99 %.1f ms; call-next p50 %.1f ms p99 %.1f ms\n",
                percentile(checkInMs, 0.50), percentile(checkInMs, 0.99), percentile(callMs, 0.50),
                percentile(callMs, 0.99));
    if (!hubPid.empty())
        std::printf("hub: %d threads, %ld MB RSS before the streams; %d threads, %ld MB RSS with them open\n",
                    idle.threads, idle.rssKb / 1024, loaded.threads, loaded.rssKb / 1024);
    return failures > 0 || missing > 0 ? 1 : 0;
}
