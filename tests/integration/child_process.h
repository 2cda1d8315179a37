#pragma once
// Child processes for the integration tests: the programs under test and the
// independent tools (openssl, curl, ldd) that check them.
//
// Every wait is bounded. A ChildProcess only ever signals the one pid it
// spawned, and its destructor SIGKILLs and reaps a child still running, so a
// failed assertion never leaves a daemon behind.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace hub::it {

using namespace std::chrono_literals;

// A private directory under the system temp dir, removed with everything in it.
class TempDir {
public:
    explicit TempDir(const std::string& prefix = "clinic-hub-it");
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

std::string readFile(const std::filesystem::path& file);
void writeFile(const std::filesystem::path& file, const std::string& contents);

// How a child ended: exactly one of exitCode and signal is set.
struct ExitStatus {
    std::optional<int> exitCode;
    std::optional<int> signal;

    static ExitStatus fromWaitStatus(int status);
    bool exitedWith(int code) const { return exitCode && *exitCode == code; }
    std::string describe() const;  // "exit status 2", "killed by signal 9"
};

class ChildProcess {
public:
    // Starts argv[0] (a path, not searched in PATH unless it has no '/') with
    // standard input from stdinFile and its output appended to the two files.
    // The environment is the test's, minus systemd's variables (JOURNAL_STREAM
    // would change the log format; NOTIFY_SOCKET would reach the real manager).
    // Signals the child inherits are reset: default handlers, nothing blocked.
    ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& stdoutFile,
                 const std::filesystem::path& stderrFile, const std::filesystem::path& stdinFile = "/dev/null");
    ~ChildProcess();  // SIGKILL and reap, if still running
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return pid_; }
    bool running();  // reaps the child if it has ended

    // Waits at most `timeout` for the child to end; nullopt if it is still running.
    std::optional<ExitStatus> waitFor(std::chrono::milliseconds timeout);
    // Sends sig to this child (a no-op once it has been reaped).
    void signal(int sig);
    // SIGKILL, then waits for it (bounded; throws if even that does not end it).
    ExitStatus kill();

private:
    pid_t pid_ = -1;
    std::optional<ExitStatus> ended_;
};

struct ProgramResult {
    ExitStatus status;
    bool timedOut = false;  // killed because it ran past the timeout
    std::string out;
    std::string err;

    bool succeeded() const { return !timedOut && status.exitedWith(0); }
    std::string describe() const;  // status, stdout and stderr, for failure messages
};

struct RunOptions {
    std::filesystem::path stdinFile = "/dev/null";
    std::chrono::milliseconds timeout = 60s;
};

// Runs a program to completion (killing it after options.timeout).
ProgramResult runProgram(const std::vector<std::string>& argv, const RunOptions& options = {});

// The lines of text, without their newlines; a final line without one counts.
std::vector<std::string> lines(const std::string& text);

// True when `program` is found in PATH.
bool haveProgram(const std::string& program);

}  // namespace hub::it
