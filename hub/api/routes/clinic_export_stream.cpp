#include "hub/api/routes/clinic_export_stream.h"

#include "hub/core/log.h"
#include "hub/net/transport.h"

#include <poll.h>

#include <array>
#include <chrono>
#include <stdexcept>
#include <streambuf>

namespace hub::api {
namespace {

struct StreamStopped : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A stream buffer over a non-blocking transport: waits in poll() for the
// descriptor when the transport says so, a second at a time so a stop is
// noticed, and gives up on a client that takes nothing for a minute.
class TransportBuffer final : public std::streambuf {
public:
    TransportBuffer(net::Transport& t, const std::atomic<bool>& stopping) : t_(t), stopping_(stopping) {
        setp(buffer_.data(), buffer_.data() + buffer_.size());
    }
    void send(const char* data, std::size_t length) {
        std::size_t sent = 0;
        int idleSeconds = 0;
        while (sent < length) {
            if (stopping_) throw StreamStopped("the hub is stopping");
            const auto r = t_.write(data + sent, length - sent);
            switch (r.status) {
                case net::IoStatus::Done:
                    sent += r.bytes;
                    idleSeconds = 0;
                    continue;
                case net::IoStatus::WantWrite:
                case net::IoStatus::WantRead: {
                    pollfd p{t_.fd(), static_cast<short>(r.status == net::IoStatus::WantWrite ? POLLOUT : POLLIN), 0};
                    if (::poll(&p, 1, 1000) == 0 && ++idleSeconds >= 60)
                        throw StreamStopped("the client took nothing for a minute");
                    continue;
                }
                default: throw StreamStopped("the client closed the connection");
            }
        }
    }

protected:
    int overflow(int ch) override {
        flushBuffer();
        if (ch != traits_type::eof()) {
            *pptr() = static_cast<char>(ch);
            pbump(1);
        }
        return ch == traits_type::eof() ? 0 : ch;
    }
    int sync() override {
        flushBuffer();
        return 0;
    }

private:
    void flushBuffer() {
        send(pbase(), static_cast<std::size_t>(pptr() - pbase()));
        setp(buffer_.data(), buffer_.data() + buffer_.size());
    }

    net::Transport& t_;
    const std::atomic<bool>& stopping_;
    std::array<char, 64 * 1024> buffer_{};
};

}  // namespace

ClinicExportStreams::~ClinicExportStreams() {
    stopping_ = true;
    std::thread running;
    {
        std::lock_guard lock(mutex_);
        running = std::move(thread_);
    }
    if (running.joinable()) running.join();  // outside the lock: the thread takes it last
}

bool ClinicExportStreams::reserve() {
    std::lock_guard lock(mutex_);
    if (busy_) return false;
    busy_ = true;
    if (thread_.joinable()) thread_.join();  // the previous export's thread, finished
    return true;
}

void ClinicExportStreams::start(net::DetachedConnection connection, std::string head,
                                std::function<void(std::ostream&)> body) {
    std::lock_guard lock(mutex_);
    thread_ = std::thread([this, c = std::move(connection), head = std::move(head), body = std::move(body)]() mutable {
        try {
            TransportBuffer buffer(*c.transport, stopping_);
            buffer.send(head.data(), head.size());
            std::ostream out(&buffer);
            out.exceptions(std::ios::badbit);  // a failed send ends the export, not just the stream
            body(out);
            out.flush();
        } catch (const std::exception& e) {
            log::warning("rights", std::string("clinic export ended early: ") + e.what());
        }
        c = net::DetachedConnection();  // closes the connection: the end of the body
        std::lock_guard done(mutex_);
        busy_ = false;
    });
}

}  // namespace hub::api
