#pragma once
// The real clinic-hubd as a child process, on a data directory of its own.
//
//   HubDataDir dir;                     // temp dir + `clinic-hub demo-data`
//   HubProcess hub(dir);                // starts, waits until /healthz answers over TLS
//   HubClient admin = hub.client();
//   admin.login("admin", demoPassword);
//   int status = hub.stop();            // SIGTERM, bounded wait
//
// Servers listen on 127.0.0.1 only, on ports found free by binding port 0.
#include "child_process.h"
#include "hub_client.h"

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hub::it {

inline const std::string demoPassword = "demo-password-1";

// The freshly built programs (CMake builds them before the tests).
std::filesystem::path hubDaemonBinary();  // clinic-hubd
std::filesystem::path hubCliBinary();     // clinic-hub

// An unused TCP port on 127.0.0.1 (bound to port 0, then released).
int freeLoopbackPort();

// A temp directory holding a config file and a data directory:
//   <root>/clinic-hub.conf   hostname, listen 127.0.0.1, data-dir, mdns off
//   <root>/data/             the data dir (clinic-hub.db, tls/)
class HubDataDir {
public:
    enum class Contents { DemoClinic, Empty };
    explicit HubDataDir(Contents contents = Contents::DemoClinic);

    const std::filesystem::path& root() const { return temp_.path(); }
    std::filesystem::path dataDir() const { return root() / "data"; }
    std::filesystem::path configFile() const { return root() / "clinic-hub.conf"; }
    std::filesystem::path caFile() const { return dataDir() / "tls" / "ca.crt"; }
    std::filesystem::path database() const { return dataDir() / "clinic-hub.db"; }

    // Runs `clinic-hub <args> --config <configFile>`; bounded.
    ProgramResult cli(std::vector<std::string> args) const;

    // A file in root() holding `password` on its first line (for --password-file).
    std::filesystem::path passwordFile(const std::string& password) const;

private:
    TempDir temp_;
};

struct HubOptions {
    std::vector<std::string> extraArgs;  // e.g. {"--max-body-bytes", "4k"}
    std::chrono::milliseconds startTimeout = std::chrono::seconds(20);
    bool httpPort = true;  // run the plain-HTTP redirect listener
};

class HubProcess {
public:
    // Starts the daemon and waits until GET /healthz answers over TLS (200, or
    // 503 "failing" from a hub started on a disk below its floor).
    // Throws, with the daemon's stderr, if it exits or does not answer in time.
    explicit HubProcess(const HubDataDir& dir, HubOptions options = {});
    ~HubProcess();  // SIGKILL if still running
    HubProcess(const HubProcess&) = delete;
    HubProcess& operator=(const HubProcess&) = delete;

    int httpsPort() const { return httpsPort_; }
    int httpPort() const { return httpPort_; }
    pid_t pid() const { return child_ ? child_->pid() : -1; }
    bool running() { return child_ && child_->running(); }

    // A client that trusts this hub's root, on its HTTPS port.
    std::unique_ptr<HubClient> client(ClientOptions options = {}) const;

    // SIGTERM, then waits up to `timeout` for the exit status. If the daemon does
    // not stop in time it is SIGKILLed and this throws.
    ExitStatus stop(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    // SIGKILL, as a power cut would; returns once the process is gone.
    void kill();
    // Starts again on the same data directory and ports (after stop or kill).
    void restart();

    // Everything the daemon wrote to stderr (its log), across restarts.
    std::string log() const;

private:
    void start();
    void waitUntilHealthy();

    const HubDataDir& dir_;
    HubOptions options_;
    std::filesystem::path stderrFile_;
    int httpsPort_ = 0;
    int httpPort_ = 0;
    std::unique_ptr<ChildProcess> child_;
};

// Runs clinic-hubd with exactly these arguments to completion (for option errors).
ProgramResult runDaemonOnce(const std::vector<std::string>& args,
                            std::chrono::milliseconds timeout = std::chrono::seconds(20));

}  // namespace hub::it
