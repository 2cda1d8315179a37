#include "hub/net/http_message.h"

#include "hub/net/connection_limits.h"
#include "hub/net/transport.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/String.h>
#include <Poco/Timestamp.h>

#include <sys/socket.h>

#include <ctime>

namespace hub::net {

HttpRequest::HttpRequest(Poco::Net::SocketAddress client, const Transport* transport)
    : client_(std::move(client)), transport_(transport) {}

bool HttpRequest::secure() const { return transport_ != nullptr && transport_->secure(); }

Poco::Net::SocketAddress HttpRequest::serverAddress() const {
    sockaddr_storage local{};
    socklen_t length = sizeof local;
    if (!transport_ || ::getsockname(transport_->fd(), reinterpret_cast<sockaddr*>(&local), &length) != 0) return {};
    return Poco::Net::SocketAddress(reinterpret_cast<const sockaddr*>(&local), length);
}

DetachedConnection::DetachedConnection() = default;
DetachedConnection::DetachedConnection(std::unique_ptr<Transport> t, std::unique_ptr<ConnectionSlot> s)
    : transport(std::move(t)), slot(std::move(s)) {}
DetachedConnection::DetachedConnection(DetachedConnection&&) noexcept = default;
DetachedConnection& DetachedConnection::operator=(DetachedConnection&&) noexcept = default;
DetachedConnection::~DetachedConnection() = default;

void HttpResponse::setStatusCode(int status) {
    setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
}

namespace {

// The Date header changes once a second; format it once a second per thread.
const std::string& httpDate() {
    thread_local std::time_t formattedAt = 0;
    thread_local std::string formatted;
    const std::time_t now = std::time(nullptr);
    if (now != formattedAt) {
        formatted = Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(now),
                                                    Poco::DateTimeFormat::HTTP_FORMAT);
        formattedAt = now;
    }
    return formatted;
}

bool carriesNoBody(int status) { return status < 200 || status == 204 || status == 304; }

}  // namespace

std::string serializeHead(const HttpResponse& response, std::size_t bodyLength, bool keepAlive) {
    const int status = static_cast<int>(response.getStatus());
    std::string head;
    head.reserve(512);
    head += "HTTP/1.1 ";
    head += std::to_string(status);
    head += ' ';
    head += response.getReason();
    head += "\r\n";
    for (const auto& [name, value] : response) {
        if (Poco::icompare(name, "Connection") == 0 || Poco::icompare(name, "Content-Length") == 0) continue;
        head += name;
        head += ": ";
        head += value;
        head += "\r\n";
    }
    head += "Date: ";
    head += httpDate();
    head += "\r\n";
    if (!carriesNoBody(status) && bodyLength != std::string::npos) {
        head += "Content-Length: ";
        head += std::to_string(bodyLength);
        head += "\r\n";
    }
    if (!keepAlive) head += "Connection: close\r\n";
    head += "\r\n";
    return head;
}

}  // namespace hub::net
