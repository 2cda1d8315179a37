#include "hub/sync/s3_client.h"

#include "hub/sync/sync_error.h"
#include "hub/tls/digest.h"
#include "hub/tls/tls_client_context.h"
#include "hub/tls/tls_error.h"
#include "hub/tls/tls_stream_socket.h"

#include <Poco/AutoPtr.h>
#include <Poco/DOM/DOMParser.h>
#include <Poco/DOM/Document.h>
#include <Poco/DOM/Element.h>
#include <Poco/DOM/NodeList.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/URI.h>

#include <algorithm>
#include <optional>
#include <thread>

namespace hub::sync {
namespace {

using Clock_ = std::chrono::steady_clock;
constexpr auto kConnectTimeout = std::chrono::seconds(15);
constexpr auto kIoTimeout = std::chrono::seconds(60);
// POCO reconnects a session idle past its keep-alive timeout (8 s) on its own,
// as plain TCP; the client drops an idle connection before that happens.
constexpr auto kIdleReuse = std::chrono::seconds(5);
constexpr std::size_t kMaxResponseBytes = 300u << 20;
constexpr int kAttempts = 4;

Poco::Timespan timespan(std::chrono::seconds s) { return Poco::Timespan(s.count(), 0); }

bool validBucketName(const std::string& b) {
    if (b.size() < 3 || b.size() > 63) return false;
    return std::all_of(b.begin(), b.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    }) && b.front() != '-' && b.front() != '.' && b.back() != '-' && b.back() != '.';
}

std::string element(const Poco::XML::Element* parent, const std::string& name) {
    const auto* child = parent ? parent->getChildElement(name) : nullptr;
    return child ? child->innerText() : std::string();
}

// <Error><Code>..</Code><Message>..</Message></Error>, or what can be read of it.
std::pair<std::string, std::string> s3Error(const std::string& body) {
    try {
        Poco::XML::DOMParser parser;
        Poco::AutoPtr<Poco::XML::Document> doc = parser.parseString(body);
        const auto* root = doc->documentElement();
        if (root && root->localName() == "Error") return {element(root, "Code"), element(root, "Message")};
    } catch (const Poco::Exception&) {
    }
    return {};
}

}  // namespace

void checkTarget(const S3Target& t) {
    Poco::URI uri;
    try {
        uri = Poco::URI(t.endpoint);
    } catch (const Poco::Exception&) {
        throw invalidInput("endpoint", "the endpoint is not a URL (for example https://s3.eu-central-1.amazonaws.com)");
    }
    if ((uri.getScheme() != "https" && uri.getScheme() != "http") || uri.getHost().empty() ||
        (uri.getPath() != "" && uri.getPath() != "/") || !uri.getRawQuery().empty() || !uri.getUserInfo().empty())
        throw invalidInput("endpoint", "the endpoint must be https://host or https://host:port, with no path");
    if (!validBucketName(t.bucket))
        throw invalidInput("bucket", "the bucket name must be 3-63 lower-case letters, digits, dots and hyphens");
    if (t.region.empty() || t.region.size() > 64) throw invalidInput("region", "the region must be 1-64 characters");
    if (t.prefix.size() > 200) throw invalidInput("prefix", "the prefix must be at most 200 characters");
    if (t.credentials.accessKeyId.empty()) throw invalidInput("access_key_id", "the access key id is required");
    if (t.credentials.secretKey.empty()) throw invalidInput("secret_key", "the secret key is required");
}

struct S3Client::Connection {
    std::string scheme, endpointHost;
    Poco::UInt16 port = 443;
    std::optional<tls::TlsClientContext> trust;
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    Clock_::time_point lastUse{};
};

S3Client::S3Client(S3Target target, const Clock& clock, const std::atomic<bool>* cancel)
    : target_(std::move(target)), clock_(clock), cancel_(cancel), connection_(std::make_unique<Connection>()) {
    checkTarget(target_);
    const Poco::URI uri(target_.endpoint);
    connection_->scheme = uri.getScheme();
    connection_->endpointHost = uri.getHost();
    connection_->port = uri.getPort();
}

S3Client::~S3Client() = default;

S3Client::Response S3Client::exchange(const std::string& method, const std::string& key,
                                      const std::vector<std::pair<std::string, std::string>>& query,
                                      std::string_view body) {
    std::string lastProblem;
    for (int attempt = 1;; ++attempt) {
        if (cancel_ && cancel_->load()) throw SyncError(SyncProblem::Cancelled, "the sync was cancelled");
        try {
            Response r = exchangeOnce(method, key, query, body);
            if (r.status < 500 || attempt == kAttempts) return r;
            lastProblem = "the store answered " + std::to_string(r.status);
        } catch (const SyncError&) {
            throw;
        } catch (const Poco::Exception& e) {
            connection_->session.reset();
            lastProblem = e.displayText();
            if (attempt == kAttempts)
                throw SyncError(SyncProblem::Unreachable, "cannot reach " + target_.endpoint + ": " + lastProblem);
        }
        connection_->session.reset();
        // 0.5 s, 1 s, 2 s: enough for a dropped connection or a busy store to recover.
        const auto wait = std::chrono::milliseconds(500 << (attempt - 1));
        for (auto waited = std::chrono::milliseconds(0); waited < wait; waited += std::chrono::milliseconds(100)) {
            if (cancel_ && cancel_->load()) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
}

S3Client::Response S3Client::exchangeOnce(const std::string& method, const std::string& key,
                                          const std::vector<std::pair<std::string, std::string>>& query,
                                          std::string_view body) {
    Connection& c = *connection_;
    const bool defaultPort = (c.scheme == "https" && c.port == 443) || (c.scheme == "http" && c.port == 80);
    const std::string host = target_.pathStyle ? c.endpointHost : target_.bucket + "." + c.endpointHost;
    const std::string hostHeader = defaultPort ? host : host + ":" + std::to_string(c.port);
    const std::string path = uriEncode((target_.pathStyle ? "/" + target_.bucket + "/" : "/") + key, false);

    if (c.session && Clock_::now() - c.lastUse > kIdleReuse) c.session.reset();
    if (!c.session) {
        const Poco::Net::SocketAddress address(host, c.port);
        Poco::Net::StreamSocket socket;
        if (c.scheme == "https") {
            if (!c.trust)
                c.trust = target_.caFile.empty() ? tls::TlsClientContext::fromSystemStore()
                                                 : tls::TlsClientContext::fromFile(target_.caFile);
            socket = tls::connectTls(*c.trust, address, host, timespan(kConnectTimeout));
        } else {
            socket.connect(address, timespan(kConnectTimeout));
        }
        socket.setReceiveTimeout(timespan(kIoTimeout));
        socket.setSendTimeout(timespan(kIoTimeout));
        c.session = std::make_unique<Poco::Net::HTTPClientSession>(socket);
        c.session->setKeepAlive(true);
    }

    const TimePoint now = clock_.now();
    SigningRequest signing;
    signing.method = method;
    signing.canonicalUri = path;
    signing.query = query;
    signing.payloadHash = tls::sha256Hex(body);
    signing.headers = {{"host", hostHeader}, {"x-amz-content-sha256", signing.payloadHash}, {"x-amz-date", amzDate(now)}};
    const Signature signature = signV4(signing, target_.credentials, target_.region, "s3", now);

    const std::string queryText = canonicalQuery(query);
    Poco::Net::HTTPRequest request(method, path + (queryText.empty() ? "" : "?" + queryText),
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.setHost(hostHeader);
    request.setKeepAlive(true);
    request.set("x-amz-content-sha256", signing.payloadHash);
    request.set("x-amz-date", amzDate(now));
    request.set("Authorization", signature.authorization);
    if (method == "PUT") request.setContentLength(static_cast<std::streamsize>(body.size()));

    std::ostream& out = c.session->sendRequest(request);
    // In pieces, so a bandwidth limit can pace them and a shutdown is noticed.
    constexpr std::size_t piece = 64 * 1024;
    const auto started = Clock_::now();
    for (std::size_t sent = 0; sent < body.size();) {
        if (cancel_ && cancel_->load()) {
            c.session.reset();
            throw SyncError(SyncProblem::Cancelled, "the sync was cancelled");
        }
        const std::size_t n = std::min(piece, body.size() - sent);
        out.write(body.data() + sent, static_cast<std::streamsize>(n));
        sent += n;
        if (target_.bandwidthLimitBytesPerSecond > 0) {
            const auto due = started + std::chrono::microseconds(sent * 1000000 / target_.bandwidthLimitBytesPerSecond);
            if (due > Clock_::now()) std::this_thread::sleep_until(due);
        }
    }
    out.flush();
    if (!out) throw Poco::Net::NetException("the connection broke while sending");

    Poco::Net::HTTPResponse response;
    std::istream& in = c.session->receiveResponse(response);
    Response r;
    r.status = static_cast<int>(response.getStatus());
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        r.body.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (r.body.size() > kMaxResponseBytes) throw Poco::Net::NetException("the store's answer is too large");
    }
    if (response.hasContentLength() && r.body.size() != static_cast<std::size_t>(response.getContentLength64()))
        throw Poco::Net::NetException("the connection broke while receiving");
    if (!response.getKeepAlive()) c.session.reset();
    c.lastUse = Clock_::now();
    if (method == "PUT" && r.status / 100 == 2) countUpload(body.size());
    return r;
}

void S3Client::failWith(const std::string& method, const std::string& key, const Response& r) {
    const auto [code, message] = s3Error(r.body);
    const std::string what = method + " " + (key.empty() ? "bucket " + target_.bucket : key) + ": " +
                             std::to_string(r.status) + (code.empty() ? "" : " " + code) +
                             (message.empty() ? "" : " (" + message + ")");
    if (code == "SignatureDoesNotMatch" || code == "InvalidAccessKeyId" || r.status == 401)
        throw SyncError(SyncProblem::Refused, "the store refused the credentials (" + what +
                                                  "): check the access key id and the secret key");
    if (code == "NoSuchBucket")
        throw SyncError(SyncProblem::Refused, "the bucket " + target_.bucket + " does not exist at " + target_.endpoint);
    if (code == "RequestTimeTooSkewed")
        throw SyncError(SyncProblem::Refused, "the store refused the request because this box's clock is wrong: " + what);
    if (r.status >= 500) throw SyncError(SyncProblem::StoreFailed, "the store failed: " + what);
    throw SyncError(SyncProblem::Refused, "the store refused the request: " + what);
}

void S3Client::put(const std::string& name, std::string_view body) {
    const std::string key = target_.prefix + name;
    const Response r = exchange("PUT", key, {}, body);
    if (r.status / 100 != 2) failWith("PUT", key, r);
}

std::optional<std::string> S3Client::get(const std::string& name) {
    const std::string key = target_.prefix + name;
    Response r = exchange("GET", key, {}, {});
    if (r.status == 404 && s3Error(r.body).first != "NoSuchBucket") return std::nullopt;
    if (r.status != 200) failWith("GET", key, r);
    return std::move(r.body);
}

void S3Client::remove(const std::string& name) {
    const std::string key = target_.prefix + name;
    const Response r = exchange("DELETE", key, {}, {});
    if (r.status / 100 != 2 && r.status != 404) failWith("DELETE", key, r);
}

std::vector<StoredObject> S3Client::list(const std::string& prefix) {
    std::vector<StoredObject> out;
    std::string token;
    do {
        std::vector<std::pair<std::string, std::string>> query = {{"list-type", "2"}, {"prefix", target_.prefix + prefix}};
        if (!token.empty()) query.emplace_back("continuation-token", token);
        const Response r = exchange("GET", "", query, {});
        if (r.status != 200) failWith("GET", "", r);
        token.clear();
        try {
            Poco::XML::DOMParser parser;
            Poco::AutoPtr<Poco::XML::Document> doc = parser.parseString(r.body);
            const auto* root = doc->documentElement();
            Poco::AutoPtr<Poco::XML::NodeList> contents = doc->getElementsByTagName("Contents");
            for (unsigned long i = 0; i < contents->length(); ++i) {
                const auto* item = static_cast<const Poco::XML::Element*>(contents->item(i));
                const std::string key = element(item, "Key");
                if (key.compare(0, target_.prefix.size(), target_.prefix) != 0) continue;
                out.push_back({key.substr(target_.prefix.size()), std::stoull(element(item, "Size"))});
            }
            if (element(root, "IsTruncated") == "true") token = element(root, "NextContinuationToken");
        } catch (const std::exception& e) {
            throw SyncError(SyncProblem::StoreFailed, std::string("the store's object list is unreadable: ") + e.what());
        }
    } while (!token.empty());
    std::sort(out.begin(), out.end(), [](const StoredObject& a, const StoredObject& b) { return a.name < b.name; });
    return out;
}

void S3Client::probe() { list("clinic-hub-sync/"); }

}  // namespace hub::sync
