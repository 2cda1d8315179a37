#pragma once
// An HTTPS client for the real daemon, as a staff device would be: it trusts
// only the hub's own root (the data dir's tls/ca.crt), checks the server name,
// keeps one connection alive, and after login() sends the session cookie and,
// on requests that change something, the X-CSRF-Token header.
#include "hub/tls/tls_client_context.h"

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hub::it {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpResult {
    int status = 0;
    Headers headers;
    std::string body;
    Poco::JSON::Object::Ptr json;  // null unless the body is a JSON object

    // First value of the header (case-insensitive name), "" if absent.
    std::string header(const std::string& name) const;
    std::vector<std::string> headerValues(const std::string& name) const;
    bool hasHeader(const std::string& name) const;

    // The error body's fields; "" when absent.
    std::string errorCode() const;
    std::string errorMessage() const;
    std::string errorField() const;

    // Status and body, for failure messages.
    std::string describe() const;
};

// A parsed JSON object, or null if text is not one.
Poco::JSON::Object::Ptr parseObject(const std::string& text);
// Compact JSON text of an object.
std::string toJson(const Poco::JSON::Object& object);

struct ClientOptions {
    std::string serverName = "localhost";  // SNI, checked against the certificate
    std::chrono::milliseconds timeout = std::chrono::seconds(15);  // connect, handshake, each read
    // Retry once on a new connection when a kept-alive connection turns out to
    // have been closed by the server. Off where a replayed POST would be wrong.
    bool retryStaleConnection = true;
};

class HubClient {
public:
    HubClient(std::filesystem::path caFile, int port, ClientOptions options = {});
    ~HubClient();
    HubClient(const HubClient&) = delete;
    HubClient& operator=(const HubClient&) = delete;

    // POST /api/v1/auth/login; on 200 keeps the session cookie and CSRF token.
    HttpResult login(const std::string& username, const std::string& password);

    // One request. body is sent as application/json when present. The session
    // cookie goes along when there is one; X-CSRF-Token on state-changing methods
    // unless withCsrf is false. extraHeaders are added last (and may override).
    HttpResult request(const std::string& method, const std::string& path,
                       const std::optional<std::string>& body = std::nullopt, const Headers& extraHeaders = {},
                       bool withCsrf = true);
    HttpResult get(const std::string& path) { return request("GET", path); }
    HttpResult post(const std::string& path, const std::string& body) { return request("POST", path, body); }
    HttpResult patch(const std::string& path, const std::string& body) { return request("PATCH", path, body); }

    void setPort(int port);  // for a daemon restarted elsewhere; drops the connection
    void disconnect();
    // The next request opens a new TLS connection (counts successful connects).
    int connectionsOpened() const { return connectionsOpened_; }

    const std::string& sessionToken() const { return sessionToken_; }
    const std::string& csrfToken() const { return csrfToken_; }
    void setSession(std::string token, std::string csrf) {
        sessionToken_ = std::move(token);
        csrfToken_ = std::move(csrf);
    }
    void forgetSession() { setSession("", ""); }
    std::string userId() const { return userId_; }

    // A new TLS connection to the hub, handshaken and verified (for raw use).
    Poco::Net::StreamSocket connect();

private:
    HttpResult exchange(const std::string& method, const std::string& path, const std::optional<std::string>& body,
                        const Headers& headers);

    tls::TlsClientContext trust_;
    int port_;
    ClientOptions options_;
    std::unique_ptr<Poco::Net::HTTPClientSession> session_;
    int requestsOnConnection_ = 0;
    int connectionsOpened_ = 0;
    std::string sessionToken_;
    std::string csrfToken_;
    std::string userId_;
};

// Sends `request` verbatim over socket and returns what the server sends until
// a whole response (by its Content-Length) has arrived, the server closes the
// connection, or `timeout` passes without data.
std::string rawExchange(Poco::Net::StreamSocket& socket, const std::string& request,
                        std::chrono::milliseconds timeout = std::chrono::seconds(10));
// A plain TCP connection to 127.0.0.1:port (the HTTP redirect port).
Poco::Net::StreamSocket connectPlain(int port, std::chrono::milliseconds timeout = std::chrono::seconds(5));

}  // namespace hub::it
