#pragma once
// One run of a job at a time on a data directory, across processes: the daemon's
// runner and the CLI (`clinic-hub sync now`) take an flock(2) on
// <data>/jobs/<name>.lock for the whole run. The kernel drops the lock when its
// holder dies (SIGKILL, power loss), so a killed run never locks the next one out.
#include <filesystem>
#include <optional>
#include <string_view>

namespace hub::jobs {

std::filesystem::path jobLockFile(const std::filesystem::path& dataDir, std::string_view jobName);

class JobLock {
public:
    // The lock, or nullopt when another run holds it. Never waits long.
    static std::optional<JobLock> tryAcquire(const std::filesystem::path& lockFile);
    ~JobLock();
    JobLock(JobLock&& other) noexcept;
    JobLock& operator=(JobLock&&) = delete;
    JobLock(const JobLock&) = delete;
    JobLock& operator=(const JobLock&) = delete;

private:
    explicit JobLock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

// True while some process (this one included) holds the lock: a run is in progress.
bool jobLockHeld(const std::filesystem::path& lockFile);

}  // namespace hub::jobs
