#include "child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace hub::it {

namespace fs = std::filesystem;

TempDir::TempDir(const std::string& prefix) {
    std::string pattern = (fs::temp_directory_path() / (prefix + "-XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr)
        throw std::runtime_error("mkdtemp " + pattern + ": " + std::strerror(errno));
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
}

std::string readFile(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

void writeFile(const fs::path& file, const std::string& contents) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << contents;
    if (!out.flush()) throw std::runtime_error("cannot write " + file.string());
}

ExitStatus ExitStatus::fromWaitStatus(int status) {
    ExitStatus s;
    if (WIFEXITED(status)) s.exitCode = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) s.signal = WTERMSIG(status);
    return s;
}

std::string ExitStatus::describe() const {
    if (exitCode) return "exit status " + std::to_string(*exitCode);
    if (signal) return "killed by signal " + std::to_string(*signal) + " (" + ::strsignal(*signal) + ")";
    return "no exit status";
}

namespace {

bool systemdVariable(const char* entry) {
    for (const char* name : {"JOURNAL_STREAM=", "NOTIFY_SOCKET=", "WATCHDOG_USEC=", "WATCHDOG_PID=", "LISTEN_FDS=",
                             "LISTEN_PID=", "LISTEN_FDNAMES="})
        if (std::strncmp(entry, name, std::strlen(name)) == 0) return true;
    return false;
}

// posix_spawn's resources, released on every path.
struct SpawnSetup {
    posix_spawn_file_actions_t actions{};
    posix_spawnattr_t attr{};
    SpawnSetup() {
        posix_spawn_file_actions_init(&actions);
        posix_spawnattr_init(&attr);
    }
    ~SpawnSetup() {
        posix_spawn_file_actions_destroy(&actions);
        posix_spawnattr_destroy(&attr);
    }
    SpawnSetup(const SpawnSetup&) = delete;
    SpawnSetup& operator=(const SpawnSetup&) = delete;
};

}  // namespace

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const fs::path& stdoutFile,
                           const fs::path& stderrFile, const fs::path& stdinFile) {
    if (argv.empty()) throw std::invalid_argument("ChildProcess: empty argv");
    SpawnSetup setup;
    posix_spawn_file_actions_addopen(&setup.actions, STDIN_FILENO, stdinFile.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&setup.actions, STDOUT_FILENO, stdoutFile.c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0600);
    posix_spawn_file_actions_addopen(&setup.actions, STDERR_FILENO, stderrFile.c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0600);
    // The test runner may block or handle signals; the child starts clean.
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&setup.attr, &none);
    posix_spawnattr_setsigdefault(&setup.attr, &all);
    posix_spawnattr_setflags(&setup.attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    std::vector<char*> env;
    for (char** e = environ; *e != nullptr; ++e)
        if (!systemdVariable(*e)) env.push_back(*e);
    env.push_back(nullptr);

    const bool search = argv[0].find('/') == std::string::npos;
    const int rc = search ? ::posix_spawnp(&pid_, argv[0].c_str(), &setup.actions, &setup.attr, args.data(), env.data())
                          : ::posix_spawn(&pid_, argv[0].c_str(), &setup.actions, &setup.attr, args.data(), env.data());
    if (rc != 0) throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(rc));
}

ChildProcess::~ChildProcess() {
    try {
        if (running()) kill();
    } catch (...) {
        // A destructor must not throw; the pid is ours and was SIGKILLed.
    }
}

bool ChildProcess::running() {
    if (ended_) return false;
    int status = 0;
    const pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
        ended_ = ExitStatus::fromWaitStatus(status);
        return false;
    }
    if (r < 0 && errno == ECHILD) {  // reaped elsewhere: nothing left to signal
        ended_ = ExitStatus{};
        return false;
    }
    return true;
}

std::optional<ExitStatus> ChildProcess::waitFor(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (!running()) return ended_;
        if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
        std::this_thread::sleep_for(5ms);
    }
}

void ChildProcess::signal(int sig) {
    if (running()) ::kill(pid_, sig);
}

ExitStatus ChildProcess::kill() {
    signal(SIGKILL);
    const auto status = waitFor(10s);
    if (!status) throw std::runtime_error("pid " + std::to_string(pid_) + " survived SIGKILL for 10 s");
    return *status;
}

std::string ProgramResult::describe() const {
    return (timedOut ? std::string("TIMED OUT, ") : std::string()) + status.describe() + "\n--- stdout ---\n" + out +
           "--- stderr ---\n" + err + "--------------";
}

ProgramResult runProgram(const std::vector<std::string>& argv, const RunOptions& options) {
    TempDir scratch("clinic-hub-it-run");
    const fs::path outFile = scratch / "stdout", errFile = scratch / "stderr";
    ProgramResult result;
    {
        ChildProcess child(argv, outFile, errFile, options.stdinFile);
        if (const auto status = child.waitFor(options.timeout)) {
            result.status = *status;
        } else {
            result.timedOut = true;
            result.status = child.kill();
        }
    }
    result.out = readFile(outFile);
    result.err = readFile(errFile);
    return result;
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) out.push_back(line);
    return out;
}

bool haveProgram(const std::string& program) {
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path ? path : "/usr/bin:/bin");
    std::string dir;
    while (std::getline(dirs, dir, ':'))
        if (!dir.empty() && ::access((fs::path(dir) / program).c_str(), X_OK) == 0) return true;
    return false;
}

}  // namespace hub::it
