#pragma once
// One sync run at a time on a data directory, across processes: the CLI's
// `sync now` and the daemon's nightly run take an flock(2) on <data>/sync/lock.
// The kernel drops the lock when its holder dies (SIGKILL, power loss), so a
// killed run never leaves the next one locked out.
#include <filesystem>
#include <optional>

namespace hub::sync {

class SyncLock {
public:
    // The lock, or nullopt when another run holds it. Never waits.
    static std::optional<SyncLock> tryAcquire(const std::filesystem::path& lockFile);
    ~SyncLock();
    SyncLock(SyncLock&& other) noexcept;
    SyncLock& operator=(SyncLock&&) = delete;
    SyncLock(const SyncLock&) = delete;
    SyncLock& operator=(const SyncLock&) = delete;

private:
    explicit SyncLock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

// True while some process holds the lock (a run is in progress).
bool syncRunInProgress(const std::filesystem::path& lockFile);

}  // namespace hub::sync
