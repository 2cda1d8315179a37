// bench-conn-rate: how many new connections per second a server completes.
//
// Each of --threads client threads loops until --seconds have passed: connect a
// new TCP socket, (unless --mode plain) run a TLS handshake, send one small GET
// with "Connection: close", read the whole response, close. With --mode full no
// session is ever offered for resumption, so every handshake is a full one (ECDHE
// + the server's signature); with --mode resume each thread offers the session (or
// ticket) of its previous connection. The client is OpenSSL, whose handshake costs
// a fraction of an mbedTLS server's, so on a shared box most of the CPU goes to
// the server being measured. Only for bench/platform-bench: OpenSSL is linked
// into this benchmark tool, never into the hub.
//
// Prints one line of key=value pairs: connections, rate, errors, resumed count,
// p50/p99 connection latency (ms), and the negotiated protocol, cipher and group.
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

enum class Mode { Full, Resume, Plain };

struct Options {
    std::string host = "127.0.0.1";
    int port = 0;
    Mode mode = Mode::Full;
    int threads = 4;
    double seconds = 10;
    std::string path = "/healthz";
    std::vector<std::string> headers;
    std::string caFile;
    std::string groups;  // OpenSSL group list, e.g. "X25519:P-256" or "P-256"
    bool tls12 = true;   // cap at TLS 1.2: the hub's mbedTLS 2.28 speaks no TLS 1.3
};

[[noreturn]] void usage(const char* why) {
    std::fprintf(stderr,
                 "bench-conn-rate: %s\n"
                 "usage: bench-conn-rate --connect HOST:PORT [--mode full|resume|plain] [--threads N]\n"
                 "         [--seconds S] [--path /p] [--header 'Name: value']... [--cafile PEM]\n"
                 "         [--groups X25519:P-256] [--tls13]\n",
                 why);
    std::exit(2);
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage(("missing value for " + a).c_str());
            return argv[++i];
        };
        if (a == "--connect") {
            const std::string v = value();
            const auto colon = v.rfind(':');
            if (colon == std::string::npos) usage("--connect wants HOST:PORT");
            o.host = v.substr(0, colon);
            o.port = std::atoi(v.c_str() + colon + 1);
        } else if (a == "--mode") {
            const std::string v = value();
            if (v == "full") o.mode = Mode::Full;
            else if (v == "resume") o.mode = Mode::Resume;
            else if (v == "plain") o.mode = Mode::Plain;
            else usage("--mode is full, resume or plain");
        } else if (a == "--threads") {
            o.threads = std::atoi(value().c_str());
        } else if (a == "--seconds") {
            o.seconds = std::atof(value().c_str());
        } else if (a == "--path") {
            o.path = value();
        } else if (a == "--header") {
            o.headers.push_back(value());
        } else if (a == "--cafile") {
            o.caFile = value();
        } else if (a == "--groups") {
            o.groups = value();
        } else if (a == "--tls13") {
            o.tls12 = false;
        } else {
            usage(("unknown argument " + a).c_str());
        }
    }
    if (o.port <= 0 || o.port > 65535) usage("--connect HOST:PORT is required");
    if (o.threads < 1 || o.threads > 256) usage("--threads is 1-256");
    if (o.seconds <= 0) usage("--seconds must be positive");
    return o;
}

std::string openSslError() {
    char buffer[256] = {};
    ERR_error_string_n(ERR_get_error(), buffer, sizeof buffer);
    return buffer;
}

struct Negotiated {
    std::string version, cipher, group;
};

std::string groupName(SSL* ssl) {
    EVP_PKEY* key = nullptr;
    if (SSL_get_peer_tmp_key(ssl, &key) != 1 || key == nullptr) return "none";
    std::string name;
    char buffer[64] = {};
    std::size_t length = 0;
    if (EVP_PKEY_get_group_name(key, buffer, sizeof buffer, &length) == 1) name = buffer;
    else name = OBJ_nid2sn(EVP_PKEY_get_base_id(key));
    EVP_PKEY_free(key);
    return name;
}

struct Shared {
    Options options;
    SSL_CTX* ctx = nullptr;
    sockaddr_in address{};
    std::string request;
    Clock::time_point deadline;
    std::atomic<long> connections{0}, errors{0}, resumed{0};
    std::mutex mutex;
    std::vector<double> latenciesMs;
    Negotiated negotiated;
    std::string firstError;
    bool haveNegotiated = false;
};

void noteError(Shared& s, const std::string& what) {
    s.errors.fetch_add(1, std::memory_order_relaxed);
    std::lock_guard lock(s.mutex);
    if (s.firstError.empty()) s.firstError = what;
}

int connectTcp(const Shared& s) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&s.address), sizeof s.address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

bool statusOk(const std::string& head) { return head.rfind("HTTP/1.1 200", 0) == 0 || head.rfind("HTTP/1.0 200", 0) == 0; }

// One plain connection: connect, GET, read to EOF. True on a 200 answer.
bool onePlain(Shared& s) {
    const int fd = connectTcp(s);
    if (fd < 0) {
        noteError(s, std::string("connect: ") + std::strerror(errno));
        return false;
    }
    bool ok = ::send(fd, s.request.data(), s.request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(s.request.size());
    std::string head;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        if (head.size() < 16) head.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    ok = ok && statusOk(head);
    if (!ok) noteError(s, "plain request failed: " + head.substr(0, 40));
    return ok;
}

// One TLS connection; `session` is offered for resumption and replaced by the new one.
bool oneTls(Shared& s, SSL_SESSION*& session) {
    const int fd = connectTcp(s);
    if (fd < 0) {
        noteError(s, std::string("connect: ") + std::strerror(errno));
        return false;
    }
    SSL* ssl = SSL_new(s.ctx);
    SSL_set_fd(ssl, fd);
    X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), s.options.host.c_str());
    if (session != nullptr) SSL_set_session(ssl, session);
    bool ok = false;
    if (SSL_connect(ssl) != 1) {
        noteError(s, "handshake: " + openSslError());
    } else if (SSL_write(ssl, s.request.data(), static_cast<int>(s.request.size())) <= 0) {
        noteError(s, "write: " + openSslError());
    } else {
        std::string head;
        char buffer[4096];
        for (;;) {
            const int n = SSL_read(ssl, buffer, sizeof buffer);
            if (n <= 0) break;
            if (head.size() < 16) head.append(buffer, static_cast<std::size_t>(n));
        }
        ok = statusOk(head);
        if (!ok) noteError(s, "request failed: " + head.substr(0, 40));
        if (SSL_session_reused(ssl) != 0) s.resumed.fetch_add(1, std::memory_order_relaxed);
        if (ok) {
            std::lock_guard lock(s.mutex);
            if (!s.haveNegotiated) {
                s.negotiated = {SSL_get_version(ssl), SSL_get_cipher_name(ssl), groupName(ssl)};
                s.haveNegotiated = true;
            }
        }
        if (s.options.mode == Mode::Resume) {
            SSL_SESSION* next = SSL_get1_session(ssl);
            if (next != nullptr) {
                if (session != nullptr) SSL_SESSION_free(session);
                session = next;
            }
        }
    }
    ERR_clear_error();
    // The server has closed already: end without sending close_notify, but as a clean
    // shutdown, or OpenSSL marks the session not resumable.
    SSL_set_quiet_shutdown(ssl, 1);
    SSL_shutdown(ssl);
    SSL_free(ssl);
    ::close(fd);
    return ok;
}

void worker(Shared& s) {
    std::vector<double> latencies;
    latencies.reserve(1 << 16);
    SSL_SESSION* session = nullptr;
    while (Clock::now() < s.deadline) {
        const auto start = Clock::now();
        const bool ok = s.options.mode == Mode::Plain ? onePlain(s) : oneTls(s, session);
        if (!ok) continue;
        latencies.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        s.connections.fetch_add(1, std::memory_order_relaxed);
    }
    if (session != nullptr) SSL_SESSION_free(session);
    std::lock_guard lock(s.mutex);
    s.latenciesMs.insert(s.latenciesMs.end(), latencies.begin(), latencies.end());
}

double percentile(std::vector<double>& v, double p) {
    if (v.empty()) return 0;
    const auto index = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(index), v.end());
    return v[index];
}

}  // namespace

int main(int argc, char** argv) {
    Shared s;
    s.options = parse(argc, argv);
    const Options& o = s.options;
    s.address.sin_family = AF_INET;
    s.address.sin_port = htons(static_cast<uint16_t>(o.port));
    if (::inet_pton(AF_INET, o.host.c_str(), &s.address.sin_addr) != 1) usage("--connect wants an IPv4 address");
    s.request = "GET " + o.path + " HTTP/1.1\r\nHost: " + o.host + ":" + std::to_string(o.port) + "\r\n";
    for (const auto& h : o.headers) s.request += h + "\r\n";
    s.request += "Connection: close\r\n\r\n";

    if (o.mode != Mode::Plain) {
        s.ctx = SSL_CTX_new(TLS_client_method());
        if (s.ctx == nullptr) usage("SSL_CTX_new failed");
        if (o.tls12) SSL_CTX_set_max_proto_version(s.ctx, TLS1_2_VERSION);
        // Sessions are kept by hand (resume mode) and never by the context, so full
        // mode really runs a full handshake every time.
        SSL_CTX_set_session_cache_mode(s.ctx, SSL_SESS_CACHE_OFF);
        if (!o.groups.empty() && SSL_CTX_set1_groups_list(s.ctx, o.groups.c_str()) != 1) usage("bad --groups");
        if (!o.caFile.empty()) {
            if (SSL_CTX_load_verify_locations(s.ctx, o.caFile.c_str(), nullptr) != 1) usage("cannot read --cafile");
            SSL_CTX_set_verify(s.ctx, SSL_VERIFY_PEER, nullptr);
        }
    }

    const auto start = Clock::now();
    s.deadline = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds));
    std::vector<std::thread> threads;
    for (int i = 0; i < o.threads; ++i) threads.emplace_back(worker, std::ref(s));
    for (auto& t : threads) t.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    if (s.ctx != nullptr) SSL_CTX_free(s.ctx);

    const long n = s.connections.load();
    const double p50 = percentile(s.latenciesMs, 0.50), p99 = percentile(s.latenciesMs, 0.99);
    std::printf("connections=%ld seconds=%.2f rate=%.1f errors=%ld resumed=%ld p50_ms=%.2f p99_ms=%.2f", n, elapsed,
                static_cast<double>(n) / elapsed, s.errors.load(), s.resumed.load(), p50, p99);
    if (o.mode == Mode::Plain)
        std::printf(" version=plain cipher=none group=none\n");
    else
        std::printf(" version=%s cipher=%s group=%s\n", s.haveNegotiated ? s.negotiated.version.c_str() : "?",
                    s.haveNegotiated ? s.negotiated.cipher.c_str() : "?",
                    s.haveNegotiated ? s.negotiated.group.c_str() : "?");
    if (!s.firstError.empty()) std::fprintf(stderr, "bench-conn-rate: first error: %s\n", s.firstError.c_str());
    return n > 0 ? 0 : 1;
}
