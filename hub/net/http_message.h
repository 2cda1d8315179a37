#pragma once
// The request a handler reads and the response it fills. POCO's message types
// keep the headers (case-insensitive names, cookies, content type); the
// connection server (http_server.h) does the reading and writing itself.
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/SocketAddress.h>

#include <functional>
#include <memory>
#include <string>

namespace hub::net {

class Transport;
class ConnectionSlot;

class HttpRequest : public Poco::Net::HTTPRequest {
public:
    HttpRequest() = default;
    HttpRequest(Poco::Net::SocketAddress client, const Transport* transport);

    std::string body;  // complete (the server reads it before the handler runs)

    const Poco::Net::SocketAddress& clientAddress() const { return client_; }
    // The hub's own address on this connection: what the client dialled.
    Poco::Net::SocketAddress serverAddress() const;
    bool secure() const;
    // The connection the request came on (TLS parameters for logs and tests);
    // valid while the handler runs. Null for a request made up in a test.
    const Transport* transport() const { return transport_; }

private:
    Poco::Net::SocketAddress client_;
    const Transport* transport_ = nullptr;
};

// A connection a handler takes over instead of answering through the server:
// the transport (TLS or plain, non-blocking) and the connection's place under
// the limits, which it keeps until it closes.
struct DetachedConnection {
    std::unique_ptr<Transport> transport;
    std::unique_ptr<ConnectionSlot> slot;
    DetachedConnection();
    DetachedConnection(std::unique_ptr<Transport> t, std::unique_ptr<ConnectionSlot> s);
    DetachedConnection(DetachedConnection&&) noexcept;
    DetachedConnection& operator=(DetachedConnection&&) noexcept;
    ~DetachedConnection();
};

// `head` is the response's status line and headers, to be sent first.
using Takeover = std::function<void(DetachedConnection connection, std::string head)>;

class HttpResponse : public Poco::Net::HTTPResponse {
public:
    std::string body;
    // Set for a response that never ends (Server-Sent Events): the server sends
    // nothing itself and hands the connection to it with the serialised head.
    Takeover takeover;
    // Closes the connection after this response (e.g. an oversized body is
    // still on the wire and must not be read as the next request).
    bool closeConnection = false;

    void setStatusCode(int status);
};

// "HTTP/1.1 200 OK\r\n...\r\n\r\n". Adds Date, and Content-Length (bodyLength;
// none for 1xx, 204 and 304, nor when bodyLength is npos: a body that lasts
// until the connection closes) and "Connection: close" when !keepAlive. The
// response's own Connection and Content-Length headers are ignored.
std::string serializeHead(const HttpResponse& response, std::size_t bodyLength, bool keepAlive);

}  // namespace hub::net
