#pragma once
// Helpers shared by the tls tests: a temporary directory and the openssl CLI, which
// serves as an independent verifier and client (the hub itself never links OpenSSL).
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <sys/wait.h>

namespace hub::tls::testing {

class TempDir {
public:
    TempDir() {
        std::random_device rd;
        path_ = std::filesystem::temp_directory_path() / ("hub-tls-test-" + std::to_string(rd()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

struct CommandResult {
    int exitCode = -1;
    std::string output;  // stdout and stderr together
};

inline CommandResult run(const std::string& command) {
    CommandResult r;
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr) return r;
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) r.output.append(buffer, n);
    const int status = ::pclose(pipe);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

inline std::string quoted(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

// Names print as "CN = x, O = y" with every OpenSSL: 3.0 (Debian 12) does so by
// default, 3.5 (Debian 13) prints "CN=x, O=y" unless told.
inline constexpr const char* kOpensslNameFormat = "-nameopt oneline";

inline std::string certificateText(const std::filesystem::path& crt) {
    return run(std::string("openssl x509 -noout -text ") + kOpensslNameFormat + " -in " + quoted(crt)).output;
}

// A date openssl prints as "<name>=2026-11-24 08:00:00Z" (-dateopt iso_8601).
inline std::chrono::system_clock::time_point opensslDate(const std::string& out) {
    std::tm tm{};
    ::strptime(out.substr(out.find('=') + 1).c_str(), "%Y-%m-%d %H:%M:%S", &tm);
    return std::chrono::system_clock::from_time_t(timegm(&tm));
}

// notBefore / notAfter as read by openssl.
inline std::chrono::system_clock::time_point certificateDate(const std::filesystem::path& crt, const std::string& which) {
    return opensslDate(run("openssl x509 -noout -" + which + " -dateopt iso_8601 -in " + quoted(crt)).output);
}

inline void writeFile(const std::filesystem::path& file, const std::string& contents) {
    std::ofstream(file, std::ios::binary) << contents;
}

}  // namespace hub::tls::testing
