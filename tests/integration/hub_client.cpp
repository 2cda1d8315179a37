#include "hub_client.h"

#include "hub/tls/tls_stream_socket.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>

#include <sstream>
#include <stdexcept>

namespace hub::it {

namespace {

Poco::Timespan timespan(std::chrono::milliseconds ms) {
    return Poco::Timespan(static_cast<long>(ms.count() / 1000), static_cast<long>(ms.count() % 1000) * 1000);
}

std::string errorMember(const Poco::JSON::Object::Ptr& json, const std::string& name) {
    if (!json || !json->has("error")) return "";
    const auto error = json->getObject("error");
    if (!error || !error->has(name)) return "";
    return error->getValue<std::string>(name);
}

bool sameName(const std::string& a, const std::string& b) { return Poco::icompare(a, b) == 0; }

// True once `response` holds a whole HTTP response delimited by Content-Length
// (all the hub sends), so that a kept-alive connection need not time out.
bool completeResponse(const std::string& response) {
    const auto headerEnd = response.find("\r\n\r\n");
    if (headerEnd == std::string::npos) return false;
    const std::string head = Poco::toLower(response.substr(0, headerEnd));
    const auto at = head.find("\r\ncontent-length:");
    if (at == std::string::npos) return false;
    const std::size_t length = std::stoul(head.substr(at + 17));
    return response.size() - (headerEnd + 4) >= length;
}

}  // namespace

std::string HttpResult::header(const std::string& name) const {
    for (const auto& [n, v] : headers)
        if (sameName(n, name)) return v;
    return "";
}

std::vector<std::string> HttpResult::headerValues(const std::string& name) const {
    std::vector<std::string> out;
    for (const auto& [n, v] : headers)
        if (sameName(n, name)) out.push_back(v);
    return out;
}

bool HttpResult::hasHeader(const std::string& name) const { return !headerValues(name).empty(); }

std::string HttpResult::errorCode() const { return errorMember(json, "code"); }
std::string HttpResult::errorMessage() const { return errorMember(json, "message"); }
std::string HttpResult::errorField() const { return errorMember(json, "field"); }

std::string HttpResult::describe() const {
    return "HTTP " + std::to_string(status) + " " + (body.size() > 2000 ? body.substr(0, 2000) + "..." : body);
}

Poco::JSON::Object::Ptr parseObject(const std::string& text) {
    try {
        const auto parsed = Poco::JSON::Parser().parse(text);
        if (parsed.type() == typeid(Poco::JSON::Object::Ptr)) return parsed.extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception&) {
    }
    return nullptr;
}

std::string toJson(const Poco::JSON::Object& object) {
    std::ostringstream out;
    object.stringify(out);
    return out.str();
}

HubClient::HubClient(std::filesystem::path caFile, int port, ClientOptions options)
    : trust_(tls::TlsClientContext::fromFile(caFile)), port_(port), options_(std::move(options)) {}

HubClient::~HubClient() { disconnect(); }

void HubClient::setPort(int port) {
    disconnect();
    port_ = port;
}

void HubClient::disconnect() {
    if (session_) {
        try {
            session_->socket().close();
        } catch (const Poco::Exception&) {
            // Already gone: the server closed it or the daemon was killed.
        }
    }
    session_.reset();
    requestsOnConnection_ = 0;
}

Poco::Net::StreamSocket HubClient::connect() {
    auto socket = tls::connectTls(trust_, Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port_)),
                                  options_.serverName, timespan(options_.timeout));
    socket.setReceiveTimeout(timespan(options_.timeout));
    socket.setSendTimeout(timespan(options_.timeout));
    ++connectionsOpened_;
    return socket;
}

HttpResult HubClient::login(const std::string& username, const std::string& password) {
    Poco::JSON::Object body;
    body.set("username", username);
    body.set("password", password);
    HttpResult r = request("POST", "/api/v1/auth/login", toJson(body));
    if (r.status == 200 && r.json) {
        for (const auto& cookie : r.headerValues("Set-Cookie")) {
            const std::string prefix = "__Host-clinic_hub_session=";
            if (cookie.rfind(prefix, 0) != 0) continue;
            sessionToken_ = cookie.substr(prefix.size(), cookie.find(';') - prefix.size());
        }
        csrfToken_ = r.json->getValue<std::string>("csrf_token");
        userId_ = r.json->getObject("user")->getValue<std::string>("id");
    }
    return r;
}

HttpResult HubClient::request(const std::string& method, const std::string& path,
                              const std::optional<std::string>& body, const Headers& extraHeaders, bool withCsrf) {
    Headers headers;
    if (!sessionToken_.empty()) headers.emplace_back("Cookie", "__Host-clinic_hub_session=" + sessionToken_);
    if (withCsrf && !csrfToken_.empty() && method != "GET" && method != "HEAD")
        headers.emplace_back("X-CSRF-Token", csrfToken_);
    headers.insert(headers.end(), extraHeaders.begin(), extraHeaders.end());

    for (int attempt = 0;; ++attempt) {
        const bool reused = session_ && requestsOnConnection_ > 0;
        try {
            return exchange(method, path, body, headers);
        } catch (const Poco::Exception&) {
            disconnect();
            // A kept-alive connection the server has since closed fails on first
            // use; anything else is the test's business.
            if (!(reused && options_.retryStaleConnection && attempt == 0)) throw;
        }
    }
}

HttpResult HubClient::exchange(const std::string& method, const std::string& path,
                               const std::optional<std::string>& body, const Headers& headers) {
    if (!session_) {
        session_ = std::make_unique<Poco::Net::HTTPClientSession>(connect());
        session_->setKeepAlive(true);
    }
    Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    req.setHost("localhost:" + std::to_string(port_));
    req.setKeepAlive(true);
    bool chunked = false;
    for (const auto& [name, value] : headers) {
        if (sameName(name, "Transfer-Encoding") && Poco::icompare(value, "chunked") == 0)
            chunked = true;
        else
            req.set(name, value);
    }
    if (body) {
        if (!req.has("Content-Type")) req.setContentType("application/json");
        if (chunked)
            req.setChunkedTransferEncoding(true);
        else
            req.setContentLength(static_cast<std::streamsize>(body->size()));
    }
    ++requestsOnConnection_;
    std::ostream& out = session_->sendRequest(req);
    if (body) out << *body;
    out.flush();

    Poco::Net::HTTPResponse resp;
    std::istream& in = session_->receiveResponse(resp);
    HttpResult result;
    result.status = static_cast<int>(resp.getStatus());
    for (const auto& [name, value] : resp) result.headers.emplace_back(name, value);
    std::ostringstream content;
    Poco::StreamCopier::copyStream(in, content);
    result.body = content.str();
    result.json = parseObject(result.body);
    if (!resp.getKeepAlive()) disconnect();
    return result;
}

std::string rawExchange(Poco::Net::StreamSocket& socket, const std::string& request,
                        std::chrono::milliseconds timeout) {
    socket.setReceiveTimeout(timespan(timeout));
    socket.setSendTimeout(timespan(timeout));
    std::size_t sent = 0;
    try {
        while (sent < request.size()) {
            const int n = socket.sendBytes(request.data() + sent, static_cast<int>(request.size() - sent));
            if (n <= 0) break;
            sent += static_cast<std::size_t>(n);
        }
    } catch (const std::exception&) {
        // The server answered and hung up before taking it all; read what it said.
    }
    std::string response;
    char buffer[4096];
    try {
        while (!completeResponse(response)) {
            const int n = socket.receiveBytes(buffer, sizeof buffer);
            if (n <= 0) break;
            response.append(buffer, static_cast<std::size_t>(n));
        }
    } catch (const Poco::TimeoutException&) {
        // The server kept the connection open: what it sent so far is the answer.
    } catch (const std::exception&) {
        // Reset or a TLS alert: the connection is over, and so is the answer.
    }
    return response;
}

Poco::Net::StreamSocket connectPlain(int port, std::chrono::milliseconds timeout) {
    Poco::Net::StreamSocket socket;
    socket.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)), timespan(timeout));
    return socket;
}

}  // namespace hub::it
