#include "capture_printer.h"

#include <Poco/Net/StreamSocket.h>

namespace hub::test {

CapturePrinter::CapturePrinter() : socket_(Poco::Net::SocketAddress("127.0.0.1", 0)) {
    port_ = socket_.address().port();
    thread_ = std::thread([this] { serve(); });
}

CapturePrinter::~CapturePrinter() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    thread_.join();  // serve() polls, so it notices within 100 ms
}

void CapturePrinter::serve() {
    for (;;) {
        {
            std::lock_guard lock(mutex_);
            if (stopping_) return;
        }
        if (!socket_.poll(Poco::Timespan(0, 100'000), Poco::Net::Socket::SELECT_READ)) continue;
        Poco::Net::StreamSocket client = socket_.acceptConnection();
        client.setReceiveTimeout(Poco::Timespan(5, 0));
        std::string job;
        char buffer[8192];
        try {
            for (int n; (n = client.receiveBytes(buffer, sizeof buffer)) > 0;) job.append(buffer, static_cast<std::size_t>(n));
        } catch (const Poco::Exception&) {
            // A sender that stalls past the timeout: keep what arrived.
        }
        std::lock_guard lock(mutex_);
        jobs_.push_back(std::move(job));
        received_.notify_all();
    }
}

std::vector<std::string> CapturePrinter::jobs(std::size_t count, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    received_.wait_for(lock, timeout, [&] { return jobs_.size() >= count; });
    return jobs_;
}

int closedLoopbackPort() {
    Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
    const int port = probe.address().port();
    probe.close();
    return port;
}

}  // namespace hub::test
