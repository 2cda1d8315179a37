#pragma once
// Test-only stand-in for a network receipt printer: listens on 127.0.0.1 on a
// free port and keeps every byte of the jobs sent to it, one connection per job.
#include <Poco/Net/ServerSocket.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace hub::test {

class CapturePrinter {
public:
    CapturePrinter();
    ~CapturePrinter();  // stops the listener and joins its thread
    CapturePrinter(const CapturePrinter&) = delete;
    CapturePrinter& operator=(const CapturePrinter&) = delete;

    int port() const { return port_; }
    std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

    // The jobs received so far, waiting up to `timeout` for at least `count`.
    std::vector<std::string> jobs(std::size_t count = 1, std::chrono::milliseconds timeout = std::chrono::seconds(5));

private:
    void serve();

    Poco::Net::ServerSocket socket_;
    int port_ = 0;
    std::mutex mutex_;
    std::condition_variable received_;
    std::vector<std::string> jobs_;  // REQUIRES: mutex_ held
    bool stopping_ = false;          // REQUIRES: mutex_ held
    std::thread thread_;
};

// A port on 127.0.0.1 with nothing listening (bound, then released).
int closedLoopbackPort();

}  // namespace hub::test
