#include "event_stream_client.h"

#include <Poco/Net/NetException.h>
#include <Poco/NumberParser.h>
#include <Poco/String.h>

#include <stdexcept>

namespace hub::it {
namespace {

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds leftUntil(Clock::time_point deadline) {
    return std::max(std::chrono::milliseconds(0),
                    std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
}

}  // namespace

EventStreamClient::EventStreamClient(HubClient& client, const std::string& path, const Headers& extraHeaders,
                                     std::chrono::milliseconds timeout)
    : socket_(client.connect()) {
    std::string request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n";
    if (!client.sessionToken().empty()) request += "Cookie: __Host-clinic_hub_session=" + client.sessionToken() + "\r\n";
    for (const auto& [name, value] : extraHeaders) request += name + ": " + value + "\r\n";
    request += "\r\n";
    for (std::size_t sent = 0; sent < request.size();)
        sent += static_cast<std::size_t>(socket_.sendBytes(request.data() + sent, static_cast<int>(request.size() - sent)));

    const auto deadline = Clock::now() + timeout;
    while (pending_.find("\r\n\r\n") == std::string::npos)
        if (!readMore(leftUntil(deadline))) throw std::runtime_error("no response head from " + path + ": " + raw_);
    const auto headEnd = pending_.find("\r\n\r\n");
    const std::string head = pending_.substr(0, headEnd);
    pending_.erase(0, headEnd + 4);

    std::size_t lineStart = head.find("\r\n");
    response_.status = Poco::NumberParser::parse(head.substr(9, 3));
    while (lineStart != std::string::npos) {
        const std::size_t from = lineStart + 2;
        lineStart = head.find("\r\n", from);
        const std::string line = head.substr(from, lineStart == std::string::npos ? std::string::npos : lineStart - from);
        const auto colon = line.find(':');
        if (colon != std::string::npos)
            response_.headers.emplace_back(line.substr(0, colon), Poco::trim(line.substr(colon + 1)));
    }
    if (response_.status == 200) return;
    const std::size_t length = static_cast<std::size_t>(Poco::NumberParser::parseUnsigned(response_.header("Content-Length")));
    while (pending_.size() < length && readMore(leftUntil(deadline))) {
    }
    response_.body = pending_;
    response_.json = parseObject(response_.body);
}

bool EventStreamClient::readMore(std::chrono::milliseconds timeout) {
    if (closed_) return false;
    try {
        if (!socket_.poll(Poco::Timespan(timeout.count() * 1000), Poco::Net::Socket::SELECT_READ)) return false;
        char buffer[16384];
        const int n = socket_.receiveBytes(buffer, sizeof buffer);
        if (n <= 0) {
            closed_ = true;
            return false;
        }
        raw_.append(buffer, static_cast<std::size_t>(n));
        pending_.append(buffer, static_cast<std::size_t>(n));
        return true;
    } catch (const Poco::Exception&) {  // reset or TLS alert: the stream is over
        closed_ = true;
        return false;
    }
}

// One complete frame from pending_, if there is one; comments and retry lines
// are counted, not returned.
std::optional<StreamEvent> EventStreamClient::parseFrame() {
    for (;;) {
        const auto end = pending_.find("\n\n");
        if (end == std::string::npos) return std::nullopt;
        const std::string frame = pending_.substr(0, end + 1);
        pending_.erase(0, end + 2);
        StreamEvent e;
        bool isEvent = false;
        for (std::size_t at = 0; at < frame.size();) {
            const auto eol = frame.find('\n', at);
            const std::string line = frame.substr(at, eol - at);
            at = eol + 1;
            if (line.rfind(":", 0) == 0) {
                if (line.find("heartbeat") != std::string::npos) ++heartbeats_;
                continue;
            }
            const auto colon = line.find(':');
            const std::string field = line.substr(0, colon);
            std::string value = colon == std::string::npos ? "" : line.substr(colon + 1);
            if (!value.empty() && value[0] == ' ') value.erase(0, 1);
            if (field == "retry") retryMs_ = Poco::NumberParser::parse(value);
            if (field == "id") e.id = value;
            if (field == "event") e.type = value;
            if (field == "data") {
                e.data += (isEvent && !e.data.empty() ? "\n" : "") + value;
                isEvent = true;
            }
        }
        if (isEvent) {
            if (e.type.empty()) e.type = "message";
            return e;
        }
    }
}

std::optional<StreamEvent> EventStreamClient::next(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        if (auto e = parseFrame()) return e;
        if (!readMore(leftUntil(deadline))) return std::nullopt;
    }
}

bool EventStreamClient::closedWithin(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (!closed_ && Clock::now() < deadline) readMore(leftUntil(deadline));
    return closed_;
}

}  // namespace hub::it
