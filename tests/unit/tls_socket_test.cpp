#include "hub/net/http_server.h"
#include "hub/tls/certificate_authority.h"
#include "hub/tls/tls_error.h"
#include "hub/tls/tls_server_session.h"
#include "hub/tls/tls_stream_socket.h"
#include "hub/tls/mbedtls_handle.h"
#include "hub/tls/random_generator.h"
#include "hub/tls/x509_certificate.h"
#include "support/negotiated_tls.h"
#include "tls_test_support.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/StreamCopier.h>
#include <mbedtls/net_sockets.h>
#include "support/catch.h"

#include <chrono>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace hub::tls;
using namespace hub::tls::testing;
using hub::testing::kHubSpeaksTls13;
using hub::testing::kNegotiatedTlsVersion;
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

    // s_client sending one HTTP/1.0 request and reading until the server closes. A
    // TLS 1.3 session ticket arrives after the handshake, so a client that hangs up
    // at once (as sClient does) has nothing to save with -sess_out.
    CommandResult sClientRequest(const std::string& options) {
        return run("printf 'GET / HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' | timeout 10 openssl s_client -ign_eof -connect " +
                   address.toString() + " " + options);
    }

    // The key exchange group as s_client reports it: "X25519", "ECDH, prime256v1" ...
    // (OpenSSL 3.0 says "Server Temp Key", 3.5 "Peer Temp Key").
    static std::string temporaryKey(const std::string& output) {
        const std::string label = " Temp Key: ";
        const auto at = output.find(label);
        if (at == std::string::npos) return "";
        const auto start = at + label.size();
        const std::string line = output.substr(start, output.find('\n', start) - start);  // "ECDH, prime256v1, 256 bits"
        return line.substr(0, line.rfind(", "));
    }

    TempDir dir;
    hub::ManualClock clock;
    CertificateAuthority ca;
    std::shared_ptr<TlsServerContextHolder> contexts;
    hub::net::HttpServer server;
    SocketAddress address;
};

}  // namespace

TEST_CASE("an HTTP GET over TLS reaches the handler with the newest TLS the release has and an AEAD suite",
          "[tls][socket]") {
    Fixture f;
    auto client = TlsClientContext::fromPem(f.ca.rootPem());
    auto socket = connectTls(client, f.address, "localhost");
    const auto info = tlsInfo(socket);
    REQUIRE(info);
    CHECK(info->protocolVersion == kNegotiatedTlsVersion);  // TLS 1.2 on Debian 12, 1.3 on Debian 13
    CHECK_THAT(info->cipherSuite, Catch::Contains("GCM") || Catch::Contains("CHACHA20-POLY1305"));
    CHECK_FALSE(info->resumed);
    CHECK(f.get(socket) == std::string("hello ") + kNegotiatedTlsVersion);
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

TEST_CASE("the server speaks TLS 1.2, and 1.3 where mbedTLS has it, with ECDHE and AEAD only, checked with "
          "openssl s_client", "[tls][socket]") {
    Fixture f;
    const std::string verify = " -CAfile " + quoted(f.ca.rootCertificatePath()) +
                               " -verify_return_error -verify_hostname localhost";
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
    SECTION("a client offering every version gets the newest the hub's mbedTLS has") {
        const auto r = f.sClient(verify);
        CHECK(r.exitCode == 0);
        CHECK_THAT(r.output, Catch::Contains(std::string("New, ") + kNegotiatedTlsVersion + ", Cipher is "));
        CHECK_THAT(r.output, Catch::Contains("Verification: OK"));
    }
    SECTION("a TLS 1.3-only client: served with mbedTLS 3.6 (Debian 13), refused with 2.28 (Debian 12)") {
        const auto r = f.sClient("-tls1_3" + verify);
        INFO(r.output);
        if (kHubSpeaksTls13) {
            CHECK(r.exitCode == 0);
            CHECK_THAT(r.output, Catch::Contains("New, TLSv1.3, Cipher is TLS_AES_") ||
                                     Catch::Contains("New, TLSv1.3, Cipher is TLS_CHACHA20_POLY1305"));
            CHECK_THAT(r.output, Catch::Contains("Verification: OK"));
        } else {
            CHECK(r.exitCode != 0);
            CHECK_THAT(r.output, !Catch::Contains("New, TLSv1.3"));
        }
    }
}

TEST_CASE("key exchange is X25519, P-256 or P-384 and nothing else, on every TLS version the hub speaks",
          "[tls][socket]") {
    Fixture f;
    std::vector<std::string> versions{"-tls1_2"};
    if (kHubSpeaksTls13) versions.emplace_back("-tls1_3");
    for (const auto& version : versions) {
        // The key exchange s_client reports, with the whole output for a failure.
        const auto groupFor = [&](const std::string& groups) {
            const auto r = f.sClient(version + " -groups " + groups);
            UNSCOPED_INFO("openssl s_client " << version << " -groups " << groups << ":\n" << r.output);
            return Fixture::temporaryKey(r.output);
        };
        SECTION(version + ": a client offering all three gets X25519, the hub's first choice") {
            CHECK(groupFor("X25519:P-256:P-384") == "X25519");
        }
        SECTION(version + ": P-256 alone") {
            CHECK(groupFor("P-256") == "ECDH, prime256v1");
        }
        SECTION(version + ": P-384 alone") {
            if (version == "-tls1_3") {
                CHECK(groupFor("P-384") == "ECDH, secp384r1");
            } else {
                // In TLS 1.2 the offered groups also bound the curve of the server's
                // ECDSA certificate (RFC 8422 5.1), and the hub's is on P-256.
                CHECK(groupFor("P-384").empty());
            }
        }
        SECTION(version + ": P-521 or X448 alone is refused") {
            CHECK(groupFor("P-521:X448").empty());
        }
    }
}

TEST_CASE("a second connection resumes the first one's session", "[tls][socket]") {
    Fixture f;
    SECTION("with our client, and the server sees the resumption too") {
        // On TLS 1.3 (Debian 13) the ticket comes after the handshake: reading the
        // first response is what gives the client a session to resume.
        auto client = TlsClientContext::fromPem(f.ca.rootPem());
        const std::string hello = std::string("hello ") + kNegotiatedTlsVersion;
        CHECK(f.get(connectTls(client, f.address, "localhost")) == hello);
        auto second = connectTls(client, f.address, "localhost");
        CHECK(tlsInfo(second)->resumed);
        CHECK(f.get(second) == hello + " resumed");
        auto third = connectTls(client, f.address, "localhost");  // the second's own ticket
        CHECK(tlsInfo(third)->resumed);
    }
    SECTION("without resumption configured, every handshake is full") {
        auto client = TlsClientContext::fromPem(f.ca.rootPem(), TlsClientOptions{false});
        connectTls(client, f.address, "localhost");
        CHECK_FALSE(tlsInfo(connectTls(client, f.address, "localhost"))->resumed);
    }
    SECTION("with openssl s_client -sess_out / -sess_in on TLS 1.2") {
        const auto session = f.dir / "session.pem";
        CHECK_THAT(f.sClient("-tls1_2 -sess_out " + quoted(session)).output, Catch::Contains("New, TLSv1.2"));
        CHECK_THAT(f.sClient("-tls1_2 -sess_in " + quoted(session)).output, Catch::Contains("Reused, TLSv1.2"));
    }
    if (kHubSpeaksTls13) {
        SECTION("with openssl s_client -sess_out / -sess_in on TLS 1.3 (a ticket, then a PSK handshake)") {
            const auto session = f.dir / "session13.pem";
            CHECK_THAT(f.sClientRequest("-tls1_3 -sess_out " + quoted(session)).output,
                       Catch::Contains("New, TLSv1.3"));
            const auto r = f.sClientRequest("-tls1_3 -sess_in " + quoted(session));
            INFO(r.output);
            CHECK_THAT(r.output, Catch::Contains("Reused, TLSv1.3"));
            CHECK_THAT(Fixture::temporaryKey(r.output), Catch::Contains("X25519"));
        }
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

#if defined(MBEDTLS_SSL_PROTO_TLS1_3) && defined(MBEDTLS_SSL_SESSION_TICKETS)
namespace {

// A bare mbedTLS 3.6 TLS 1.3 client whose key exchange modes the test chooses,
// which TlsClientContext (ECDHE only, like the server) does not let a caller do.
struct Tls13Client {
    Tls13Client(const std::string& rootPem, int keyExchangeModes) : anchors(CertificateChain::fromPem(rootPem)) {
        mbedtls_ssl_config* c = conf.get();
        REQUIRE(mbedtls_ssl_config_defaults(c, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                            MBEDTLS_SSL_PRESET_DEFAULT) == 0);
        mbedtls_ssl_conf_rng(c, &RandomGenerator::generate, rng.context());
        mbedtls_ssl_conf_authmode(c, MBEDTLS_SSL_VERIFY_REQUIRED);
        mbedtls_ssl_conf_ca_chain(c, anchors->get(), nullptr);
        mbedtls_ssl_conf_min_tls_version(c, MBEDTLS_SSL_VERSION_TLS1_3);
        mbedtls_ssl_conf_max_tls_version(c, MBEDTLS_SSL_VERSION_TLS1_3);
        mbedtls_ssl_conf_tls13_key_exchange_modes(c, keyExchangeModes);
        mbedtls_ssl_conf_session_tickets(c, MBEDTLS_SSL_SESSION_TICKETS_ENABLED);
#if defined(MBEDTLS_SSL_TLS1_3_SIGNAL_NEW_SESSION_TICKETS_ENABLED)
        mbedtls_ssl_conf_tls13_enable_signal_new_session_tickets(c, MBEDTLS_SSL_TLS1_3_SIGNAL_NEW_SESSION_TICKETS_ENABLED);
#endif
    }

    struct Result {
        int handshake = -1;  // mbedtls_ssl_handshake's result
        int lastRead = 0;    // mbedtls_ssl_read's last result: 0 or PEER_CLOSE_NOTIFY at the end
        std::string body;    // what the fixture's handler answered
    };

    // One connection: handshake (offering `resume` if given), one HTTP/1.0 GET, read to
    // the end; a ticket that arrives meanwhile is saved in `ticket`.
    Result get(const SocketAddress& address, mbedtls_ssl_session* resume, mbedtls_ssl_session* ticket) {
        Result r;
        MbedHandle<mbedtls_net_context, mbedtls_net_init, mbedtls_net_free> net;
        SslContext ssl;
        REQUIRE(mbedtls_net_connect(net.get(), address.host().toString().c_str(),
                                    std::to_string(address.port()).c_str(), MBEDTLS_NET_PROTO_TCP) == 0);
        REQUIRE(mbedtls_ssl_setup(ssl.get(), conf.get()) == 0);
        REQUIRE(mbedtls_ssl_set_hostname(ssl.get(), "localhost") == 0);
        mbedtls_ssl_set_bio(ssl.get(), net.get(), mbedtls_net_send, mbedtls_net_recv, nullptr);
        if (resume != nullptr) REQUIRE(mbedtls_ssl_set_session(ssl.get(), resume) == 0);
        r.handshake = mbedtls_ssl_handshake(ssl.get());
        if (r.handshake != 0) return r;
        const std::string request = "GET / HTTP/1.0\r\nHost: localhost\r\n\r\n";
        REQUIRE(mbedtls_ssl_write(ssl.get(), reinterpret_cast<const unsigned char*>(request.data()), request.size()) ==
                static_cast<int>(request.size()));
        std::string answer;
        unsigned char buffer[4096];
        for (;;) {
            const int n = mbedtls_ssl_read(ssl.get(), buffer, sizeof buffer);
            if (n > 0) {
                answer.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(n));
            } else if (n == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET) {
                if (ticket != nullptr) REQUIRE(mbedtls_ssl_get_session(ssl.get(), ticket) == 0);
            } else if (n == MBEDTLS_ERR_SSL_WANT_READ || n == MBEDTLS_ERR_SSL_WANT_WRITE) {
                continue;  // a record without data (a ticket this client cannot use): also on a blocking socket
            } else {
                r.lastRead = n;
                break;  // the server closed (HTTP/1.0)
            }
        }
        const auto body = answer.find("\r\n\r\n");
        r.body = body == std::string::npos ? "" : answer.substr(body + 4);
        return r;
    }

    RandomGenerator rng;
    std::unique_ptr<CertificateChain> anchors;
    SslConfig conf;
};

}  // namespace

TEST_CASE("TLS 1.3 resumption always runs a fresh ECDHE: a client offering only psk_ke does not resume",
          "[tls][socket]") {
    // mbedTLS 3.6 allows pure-PSK resumption (psk_ke) unless told otherwise: a resumed
    // session would then have no forward secrecy. The hub allows psk_dhe_ke only.
    Fixture f;
    // The first client offers every mode, so that only the hub decides what its ticket allows.
    Tls13Client first(f.ca.rootPem(), MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_ALL);
    SslSession ticket;
    const auto firstResult = first.get(f.address, nullptr, ticket.get());
    INFO("first connection: handshake " << firstResult.handshake << ", last read " << firstResult.lastRead);
    REQUIRE(firstResult.body == "hello TLSv1.3");

    SECTION("with psk_dhe_ke the ticket resumes (the client works)") {
        Tls13Client again(f.ca.rootPem(), MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_PSK_EPHEMERAL);
        const auto r = again.get(f.address, ticket.get(), nullptr);
        CHECK(r.handshake == 0);
        CHECK(r.body == "hello TLSv1.3 resumed");
    }
    SECTION("with psk_ke only the hub refuses to resume") {
        Tls13Client again(f.ca.rootPem(), MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_PSK);
        const auto r = again.get(f.address, ticket.get(), nullptr);
        INFO("handshake " << r.handshake << ", body '" << r.body << "'");
        CHECK((r.handshake != 0 || r.body == "hello TLSv1.3"));
        CHECK(r.body != "hello TLSv1.3 resumed");
    }
}
#endif

