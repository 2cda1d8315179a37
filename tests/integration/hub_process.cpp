#include "hub_process.h"

#include <Poco/Exception.h>

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>

namespace hub::it {

namespace fs = std::filesystem;

fs::path hubDaemonBinary() { return fs::path(CLINIC_HUB_BINARY_DIR) / "hub" / "bin" / "clinic-hubd"; }
fs::path hubCliBinary() { return fs::path(CLINIC_HUB_BINARY_DIR) / "hub" / "bin" / "clinic-hub"; }

int freeLoopbackPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        const std::string why = std::strerror(errno);
        ::close(fd);
        throw std::runtime_error("cannot find a free port: " + why);
    }
    ::close(fd);
    return ntohs(addr.sin_port);
}

HubDataDir::HubDataDir(Contents contents) {
    writeFile(configFile(),
              "# written by the integration tests\n"
              "[server]\n"
              "hostname = clinic-hub\n"
              "listen = 127.0.0.1\n"
              "[storage]\n"
              "data-dir = " + dataDir().string() + "\n"
              "[discovery]\n"
              "mdns = no\n");
    if (contents == Contents::DemoClinic) {
        const auto r = cli({"demo-data"});
        if (!r.succeeded()) throw std::runtime_error("clinic-hub demo-data failed: " + r.describe());
    }
}

ProgramResult HubDataDir::cli(std::vector<std::string> args) const {
    std::vector<std::string> argv{hubCliBinary().string()};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.push_back("--config");
    argv.push_back(configFile().string());
    return runProgram(argv, RunOptions{"/dev/null", std::chrono::seconds(60)});
}

fs::path HubDataDir::passwordFile(const std::string& password) const {
    static std::atomic<int> counter{0};
    const fs::path file = root() / ("password-" + std::to_string(++counter));
    writeFile(file, password + "\n");
    return file;
}

HubProcess::HubProcess(const HubDataDir& dir, HubOptions options) : dir_(dir), options_(std::move(options)) {
    static std::atomic<int> counter{0};
    stderrFile_ = dir_.root() / ("clinic-hubd-" + std::to_string(++counter) + ".log");
    // Another test may grab a port between our probe and the daemon's bind: retry.
    for (int attempt = 1;; ++attempt) {
        httpsPort_ = freeLoopbackPort();
        httpPort_ = options_.httpPort ? freeLoopbackPort() : 0;
        if (httpPort_ == httpsPort_) continue;
        try {
            start();
            return;
        } catch (const std::exception&) {
            if (attempt >= 3 || log().find("already in use") == std::string::npos) throw;
        }
    }
}

HubProcess::~HubProcess() {
    if (child_ && child_->running()) child_->kill();
}

std::unique_ptr<HubClient> HubProcess::client(ClientOptions options) const {
    return std::make_unique<HubClient>(dir_.caFile(), httpsPort_, std::move(options));
}

void HubProcess::start() {
    std::vector<std::string> argv{hubDaemonBinary().string(),
                                  "--config", dir_.configFile().string(),
                                  "--https-port", std::to_string(httpsPort_),
                                  "--http-port", std::to_string(httpPort_)};
    argv.insert(argv.end(), options_.extraArgs.begin(), options_.extraArgs.end());
    child_ = std::make_unique<ChildProcess>(argv, dir_.root() / "clinic-hubd.stdout", stderrFile_);
    waitUntilHealthy();
}

void HubProcess::waitUntilHealthy() {
    const auto deadline = std::chrono::steady_clock::now() + options_.startTimeout;
    std::string lastProblem = "no attempt made";
    for (;;) {
        if (!child_->running()) {
            const auto status = child_->waitFor(std::chrono::milliseconds(0));
            throw std::runtime_error("clinic-hubd exited during start-up (" +
                                     (status ? status->describe() : std::string("?")) + "); its log:\n" + log());
        }
        // The CA file exists once the daemon has loaded it; the client needs it.
        if (fs::exists(dir_.caFile())) {
            try {
                HubClient probe(dir_.caFile(), httpsPort_, ClientOptions{"localhost", std::chrono::seconds(2), false});
                // 503 is an answer too: a hub "failing" (e.g. its disk at the floor) is up and says so.
                const auto r = probe.get("/healthz");
                if (r.status == 200 || (r.status == 503 && r.json && r.json->has("status"))) return;
                lastProblem = r.describe();
            } catch (const std::exception& e) {
                lastProblem = e.what();
            }
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            child_->kill();
            throw std::runtime_error("clinic-hubd did not answer /healthz within " +
                                     std::to_string(options_.startTimeout.count()) + " ms (last: " + lastProblem +
                                     "); its log:\n" + log());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
}

ExitStatus HubProcess::stop(std::chrono::milliseconds timeout) {
    if (!child_) throw std::logic_error("HubProcess::stop: never started");
    child_->signal(SIGTERM);
    if (const auto status = child_->waitFor(timeout)) return *status;
    child_->kill();
    throw std::runtime_error("clinic-hubd did not exit within " + std::to_string(timeout.count()) +
                             " ms of SIGTERM; SIGKILLed it. Its log:\n" + log());
}

void HubProcess::kill() {
    if (child_) child_->kill();
}

void HubProcess::restart() {
    if (child_ && child_->running()) throw std::logic_error("HubProcess::restart: still running");
    start();
}

std::string HubProcess::log() const { return readFile(stderrFile_); }

ProgramResult runDaemonOnce(const std::vector<std::string>& args, std::chrono::milliseconds timeout) {
    std::vector<std::string> argv{hubDaemonBinary().string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return runProgram(argv, RunOptions{"/dev/null", timeout});
}

}  // namespace hub::it
