#pragma once
// Who is using a data directory, across processes: an flock(2) on
// <data-dir>/clinic-hubd.lock. clinic-hubd holds it shared for as long as it
// runs; `clinic-hub restore` and `restore-snapshot` hold it exclusively while
// they replace the database, so neither can start while the other is at work
// (replacing the files under a live daemon would lose what it writes next, or
// corrupt the database). The kernel drops the lock when its holder dies
// (SIGKILL, power loss): a crashed daemon never locks the technician out.
// The file sits at the top of the data directory, beside what a restore moves
// aside, and is never moved or deleted.
#include <filesystem>
#include <optional>

namespace hub::store {

class DataDirLock {
public:
    // The daemon's lock, or nullopt while a restore holds the directory. Never waits.
    static std::optional<DataDirLock> shareForDaemon(const std::filesystem::path& dataDir);
    // A restore's lock, or nullopt while a daemon (or another restore) holds it. Never waits.
    static std::optional<DataDirLock> takeForRestore(const std::filesystem::path& dataDir);

    ~DataDirLock();
    DataDirLock(DataDirLock&& other) noexcept;
    DataDirLock& operator=(DataDirLock&& other) noexcept;  // releases the lock it held
    DataDirLock(const DataDirLock&) = delete;
    DataDirLock& operator=(const DataDirLock&) = delete;

private:
    explicit DataDirLock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

inline std::filesystem::path dataDirLockFile(const std::filesystem::path& dataDir) {
    return dataDir / "clinic-hubd.lock";
}

}  // namespace hub::store
