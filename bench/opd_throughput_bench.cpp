// Check-in + call-next throughput over HTTPS against a running clinic-hubd
// (issue target: >= 1,000 operations/s with 16 concurrent clients).
//
//   opd-throughput-bench <ca.crt> <port> [clients=16] [seconds=10]
//
// Setup signs in as the demo admin and creates one doctor per client, so the
// clients never contend for one queue's "called" slot; each client then loops
// as a front desk and its doctor would: check in a patient, call next, skip
// (no-show). Every request is a write (with its audit event) that the hub
// acknowledges only after it is on disk. Prints operations/s and the latency
// percentiles of each kind of request.
#include "bench_client.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using bench::Client;
using bench::Clock;
using bench::field;
using bench::percentile;

int main(int argc, char* argv[]) {
    if (argc < 3) {
        std::cerr << "usage: opd-throughput-bench <ca.crt> <port> [clients=16] [seconds=10]\n";
        return 2;
    }
    const std::string ca = argv[1];
    const int port = std::stoi(argv[2]);
    const int clients = argc > 3 ? std::stoi(argv[3]) : 16;
    const int seconds = argc > 4 ? std::stoi(argv[4]) : 10;
    const std::string password = "demo-password-1";
    auto trust = hub::tls::TlsClientContext::fromFile(ca);

    // One doctor per client, and a patient each (the demo clinic has 200).
    Client admin(trust, port);
    admin.login("admin", password);
    const long long run = std::chrono::duration_cast<std::chrono::seconds>(Clock::now().time_since_epoch()).count();
    std::vector<std::string> doctorIds, doctorUsers;
    for (int i = 0; i < clients; ++i) {
        std::string out;
        const std::string user = "bench" + std::to_string(run % 100000) + "d" + std::to_string(i);
        const std::string prefix(1, static_cast<char>('C' + i % 24));
        const std::string body = R"({"username":")" + user + R"(","display_name":"Bench doctor","role":"doctor",)" +
                                 R"("password":"bench password 1","doctor":{"token_prefix":")" + prefix +
                                 std::string(1, static_cast<char>('A' + (run + i / 24) % 26)) + R"("}})";
        if (admin.send("POST", "/api/v1/staff", body, out) != 201) {
            std::cerr << "creating a bench doctor failed: " << out << "\n";
            return 1;
        }
        doctorIds.push_back(field(out, "id"));
        doctorUsers.push_back(user);
    }

    std::atomic<bool> stop{false}, go{false};
    std::atomic<int> ready{0};
    std::atomic<long long> operations{0}, failures{0};
    std::mutex merge;
    std::vector<double> checkInMs, callMs, skipMs;
    std::vector<std::thread> threads;
    for (int i = 0; i < clients; ++i) {
        threads.emplace_back([&, i] {
            try {
                // One device per client: its desk and its doctor share an address.
                const std::string device = "127.0.3." + std::to_string(1 + i);
                Client desk(trust, port, device), doctor(trust, port, device);
                desk.login("reception", password);
                doctor.login(doctorUsers[static_cast<std::size_t>(i)], "bench password 1");
                // Sign-ins hash passwords (argon2id, by design slow): not part of the measurement.
                ++ready;
                while (!go) std::this_thread::sleep_for(std::chrono::milliseconds(1));
                const std::string patient = std::to_string(1 + i % 200);
                const std::string& doctorId = doctorIds[static_cast<std::size_t>(i)];
                std::vector<double> a, b, c;
                std::string out;
                auto timed = [&](std::vector<double>& into, Client& who, const std::string& method,
                                 const std::string& path, const std::string& body, int expect) {
                    const auto t0 = Clock::now();
                    const int status = who.send(method, path, body, out);
                    into.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
                    if (status != expect) {
                        ++failures;
                        return false;
                    }
                    ++operations;
                    return true;
                };
                while (!stop) {
                    if (!timed(a, desk, "POST", "/api/v1/tokens",
                               R"({"patient_id":")" + patient + R"(","doctor_id":")" + doctorId + R"("})", 201))
                        continue;
                    if (!timed(b, doctor, "POST", "/api/v1/queue/call-next", R"({"doctor_id":")" + doctorId + R"("})",
                               200))
                        continue;
                    timed(c, doctor, "POST", "/api/v1/tokens/" + field(out, "id") + "/skip", "", 200);
                }
                std::lock_guard lock(merge);
                checkInMs.insert(checkInMs.end(), a.begin(), a.end());
                callMs.insert(callMs.end(), b.begin(), b.end());
                skipMs.insert(skipMs.end(), c.begin(), c.end());
            } catch (const std::exception& e) {
                std::cerr << "client " << i << ": " << e.what() << "\n";
                ++failures;
            }
        });
    }
    while (ready.load() + failures.load() < clients) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    go = true;
    const auto start = Clock::now();
    std::this_thread::sleep_for(std::chrono::seconds(seconds));
    stop = true;
    for (auto& t : threads) t.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();

    std::printf("clients %d, %.1f s: %lld operations, %.0f operations/s, %lld failures\n", clients, elapsed,
                operations.load(), static_cast<double>(operations.load()) / elapsed, failures.load());
    std::printf("%-10s %8s %8s %8s\n", "request", "p50 ms", "p99 ms", "count");
    for (auto [name, v] : {std::pair{"check-in", &checkInMs}, std::pair{"call-next", &callMs},
                           std::pair{"skip", &skipMs}})
        std::printf("%-10s %8.2f %8.2f %8zu\n", name, percentile(*v, 0.50), percentile(*v, 0.99), v->size());
    return failures.load() > 0 ? 1 : 0;
}
