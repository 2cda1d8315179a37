#include "hub/net/http_server.h"
#include "hub/tls/certificate_authority.h"
#include "hub/tls/tls_error.h"
#include "hub/tls/tls_server_session.h"
#include "hub/tls/tls_stream_socket.h"
#include "tls_test_support.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/StreamCopier.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <sstream>
#include <thread>

using namespace hub::tls;
using namespace hub::tls::testing;
using namespace std::chrono_literals;
using Poco::Net::SocketAddress;

namespace {

// A CA with a server certificate, and the hub's connection server on
// 127.0.0.1 serving TLS with it; every request is answered with the TLS
// parameters the server saw ("hello TLSv1.2 resumed") and the body's length.
struct Fixture {
    explicit Fixture(std::chrono::milliseconds handshakeTimeout = 10s)
        : clock(std::chrono::system_clock::now()), ca(dir.path(), clock), server(options(handshakeTimeout)) {
        ca.ensureServerCertificate({"clinic-hub", {}});
        contexts = std::make_shared<TlsServerContextHolder>(
            TlsServerContext::fromFiles(ca.serverCertificatePath(), ca.serverKeyPath()));
        hub::net::ListenerOptions listener;
        listener.address = SocketAddress("127.0.0.1", 0);
        listener.transport = [c = contexts](int fd) { return std::make_unique<ServerSession>(fd, c->current()); };
        listener.handler = [](hub::net::HttpRequest& request, hub::net::HttpResponse& response) {
            const auto* session = dynamic_cast<const ServerSession*>(request.transport());
            response.setContentType("text/plain");
            response.body = "hello " + (session ? session->protocolVersion() : "?") +
                            (session && session->resumed() ? " resumed" : "");
            if (!request.body.empty()) response.body += " " + std::to_string(request.body.size());
        };
        listener.refusal = [](int status, const std::string& message, hub::net::HttpResponse& response) {
            response.setStatusCode(status);
            response.body = message;
        };
        listener.requestLimits.maxBodyBytes = 4 << 20;
        address = server.listen(listener);
        server.start();
    }
    ~Fixture() { server.stop(0ms); }

    static hub::net::ServerOptions options(std::chrono::milliseconds handshakeTimeout) {
        hub::net::ServerOptions o;
        o.workers = 4;
        o.handshakeTimeout = handshakeTimeout;
        o.janitorInterval = 50ms;
        return o;
    }

    std::string get(Poco::Net::StreamSocket socket) {
        Poco::Net::HTTPClientSession session(socket);
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/", Poco::Net::HTTPMessage::HTTP_1_1);
        request.setHost("localhost");
        session.sendRequest(request);
        Poco::Net::HTTPResponse response;
        std::string body;
        Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
        return body;
    }

    CommandResult sClient(const std::string& options) {
        return run("timeout 10 openssl s_client -connect " + address.toString() + " " + options + " </dev/null");
    }

    TempDir dir;
    hub::ManualClock clock;
    CertificateAuthority ca;
    std::shared_ptr<TlsServerContextHolder> contexts;
    hub::net::HttpServer server;
    SocketAddress address;
};

}  // namespace

TEST_CASE("an HTTP GET over TLS reaches the handler with TLS 1.2 or newer and an AEAD suite", "[tls][socket]") {
    Fixture f;
    auto client = TlsClientContext::fromPem(f.ca.rootPem());
    auto socket = connectTls(client, f.address, "localhost");
    const auto info = tlsInfo(socket);
    REQUIRE(info);
    CHECK((info->protocolVersion == "TLSv1.2" || info->protocolVersion == "TLSv1.3"));
    CHECK_THAT(info->cipherSuite, Catch::Contains("GCM") || Catch::Contains("CHACHA20-POLY1305"));
    CHECK_FALSE(info->resumed);
    CHECK_THAT(f.get(socket), Catch::StartsWith("hello TLSv1."));
}

TEST_CASE("the client refuses a server it cannot verify", "[tls][socket]") {
    Fixture f;
    SECTION("a name the certificate does not carry") {
        auto client = TlsClientContext::fromPem(f.ca.rootPem());
        CHECK_THROWS_AS(connectTls(client, f.address, "www.example.com"), TlsError);
    }
    SECTION("a root the client does not trust") {
        TempDir other;
        CertificateAuthority otherCa(other.path(), f.clock);
        otherCa.ensureRoot("elsewhere");
        auto client = TlsClientContext::fromPem(otherCa.rootPem());
        CHECK_THROWS_AS(connectTls(client, f.address, "localhost"), TlsError);
    }
}

TEST_CASE("the server speaks only TLS 1.2+ with ECDHE and AEAD, checked with openssl s_client", "[tls][socket]") {
    Fixture f;
    SECTION("TLS 1.1 is refused (the client's own floor lowered so the server decides)") {
        const auto r = f.sClient("-tls1_1 -cipher DEFAULT@SECLEVEL=0");
        CHECK(r.exitCode != 0);
        CHECK_THAT(r.output, Catch::Contains("alert protocol version"));
    }
    SECTION("TLS 1.2 with CBC suites only is refused") {
        const auto r = f.sClient("-tls1_2 -cipher ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES128-SHA:AES128-SHA");
        CHECK(r.exitCode != 0);
        CHECK_THAT(r.output, Catch::Contains("handshake failure"));
    }
    SECTION("TLS 1.2 with ECDHE-ECDSA and AES-GCM succeeds and verifies against the root") {
        const auto r = f.sClient("-tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256 -CAfile " +
                                 quoted(f.ca.rootCertificatePath()) + " -verify_return_error -verify_hostname localhost");
        CHECK(r.exitCode == 0);
        CHECK_THAT(r.output, Catch::Contains("Cipher is ECDHE-ECDSA-AES128-GCM-SHA256"));
        CHECK_THAT(r.output, Catch::Contains("Verification: OK"));
    }
    SECTION("TLS 1.2 with ChaCha20-Poly1305 succeeds") {
        const auto r = f.sClient("-tls1_2 -cipher ECDHE-ECDSA-CHACHA20-POLY1305");
        CHECK_THAT(r.output, Catch::Contains("Cipher is ECDHE-ECDSA-CHACHA20-POLY1305"));
    }
}

TEST_CASE("a second connection resumes the first one's session", "[tls][socket]") {
    Fixture f;
    SECTION("with our client, and the server sees the resumption too") {
        auto client = TlsClientContext::fromPem(f.ca.rootPem());
        CHECK(f.get(connectTls(client, f.address, "localhost")) == "hello TLSv1.2");
        auto second = connectTls(client, f.address, "localhost");
        CHECK(tlsInfo(second)->resumed);
        CHECK(f.get(second) == "hello TLSv1.2 resumed");
    }
    SECTION("without resumption configured, every handshake is full") {
        auto client = TlsClientContext::fromPem(f.ca.rootPem(), TlsClientOptions{false});
        connectTls(client, f.address, "localhost");
        CHECK_FALSE(tlsInfo(connectTls(client, f.address, "localhost"))->resumed);
    }
    SECTION("with openssl s_client -sess_out / -sess_in") {
        const auto session = f.dir / "session.pem";
        CHECK_THAT(f.sClient("-tls1_2 -sess_out " + quoted(session)).output, Catch::Contains("New, TLSv1.2"));
        CHECK_THAT(f.sClient("-tls1_2 -sess_in " + quoted(session)).output, Catch::Contains("Reused, TLSv1.2"));
    }
}

TEST_CASE("a client that never completes the handshake is dropped without blocking others", "[tls][socket]") {
    Fixture f(1s);
    auto client = TlsClientContext::fromPem(f.ca.rootPem());
    Poco::Net::StreamSocket silent(f.address);
    const auto start = std::chrono::steady_clock::now();

    SECTION("one that sends nothing") {
        // Served while the silent client is still connected: accept is not blocked.
        CHECK_THAT(f.get(connectTls(client, f.address, "localhost")), Catch::StartsWith("hello"));
    }
    SECTION("one that dribbles a byte at a time") {
        for (int i = 0; i < 4; ++i) {
            silent.sendBytes("\x16", 1);
            std::this_thread::sleep_for(150ms);
        }
        CHECK_THAT(f.get(connectTls(client, f.address, "localhost")), Catch::StartsWith("hello"));
    }
    silent.setReceiveTimeout(Poco::Timespan(5, 0));
    char byte = 0;
    int received = -1;
    try {
        received = silent.receiveBytes(&byte, 1);
    } catch (const Poco::Net::ConnectionResetException&) {
        received = 0;
    }
    const auto waited = std::chrono::steady_clock::now() - start;
    CHECK(received == 0);
    CHECK(waited >= 900ms);
    CHECK(waited < 3s);
}

TEST_CASE("after a context is replaced, new connections get the new certificate and old ones carry on",
          "[tls][socket]") {
    Fixture f;
    TempDir next;
    CertificateAuthority nextCa(next.path(), f.clock);
    nextCa.ensureServerCertificate({"clinic-hub", {}});
    auto oldClient = TlsClientContext::fromPem(f.ca.rootPem(), TlsClientOptions{false});
    auto newClient = TlsClientContext::fromPem(nextCa.rootPem(), TlsClientOptions{false});

    auto live = connectTls(oldClient, f.address, "localhost");
    CHECK_THROWS_AS(connectTls(newClient, f.address, "localhost"), TlsError);

    f.contexts->replace(TlsServerContext::fromFiles(nextCa.serverCertificatePath(), nextCa.serverKeyPath()));

    CHECK_THAT(f.get(connectTls(newClient, f.address, "localhost")), Catch::StartsWith("hello"));
    CHECK_THROWS_AS(connectTls(oldClient, f.address, "localhost"), TlsError);
    CHECK_THAT(f.get(live), Catch::StartsWith("hello"));
}

TEST_CASE("one thread can write to a client TLS socket while another is blocked reading it", "[tls][socket]") {
    Fixture f;
    auto client = TlsClientContext::fromPem(f.ca.rootPem());
    Poco::Net::StreamSocket socket = connectTls(client, f.address, "localhost");

    // The reader waits for the answer before the request is even sent.
    std::string answer;
    std::thread reader([&] {
        char buffer[4096];
        for (int n; answer.find(" 1048576") == std::string::npos &&
                    (n = socket.receiveBytes(buffer, sizeof buffer)) > 0;)
            answer.append(buffer, static_cast<std::size_t>(n));
    });
    std::this_thread::sleep_for(50ms);
    const std::string body(1 << 20, 'p');
    const std::string request = "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + std::to_string(body.size()) +
                                "\r\n\r\n" + body;
    // The reader is parked in receiveBytes; a write that needed its lock would hang here.
    CHECK(socket.sendBytes(request.data(), static_cast<int>(request.size())) == static_cast<int>(request.size()));
    reader.join();
    CHECK_THAT(answer, Catch::StartsWith("HTTP/1.1 200 OK"));
    CHECK_THAT(answer, Catch::EndsWith(" 1048576"));
}
