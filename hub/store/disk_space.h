#pragma once
// Free space on the disk that holds the database, measured against two floors:
// below the warning floor the hub says so (log, /healthz "degraded"); at the
// hard floor writes of patient data are refused with Error(InsufficientStorage)
// (HTTP 507) before SQLite is asked to grow the file, so the disk never fills
// up under the database. (Should it fill anyway, SQLite rolls the transaction
// back whole: Database::write reports SQLITE_FULL as InsufficientStorage too.)
//
// The free space comes from an injectable source so tests can simulate a
// nearly full disk without filling one.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

namespace hub::store {

// Bytes available to the hub's (unprivileged) user on that filesystem.
using FreeSpaceSource = std::function<std::uint64_t()>;
// statvfs(2) of path: f_bavail * f_frsize. Throws hub::Error(Unavailable) if it fails.
FreeSpaceSource filesystemFreeSpace(std::filesystem::path path);

struct DiskFloors {
    std::uint64_t warningBytes = 1024ull * 1024 * 1024;  // below: warn, /healthz degraded
    std::uint64_t floorBytes = 100ull * 1024 * 1024;     // at or below: patient writes refused (507)
};

enum class DiskState { Ok, Low, Full };
std::string_view diskStateName(DiskState state);  // "ok", "low", "full"

// Thread-safe.
class DiskSpace {
public:
    DiskSpace(FreeSpaceSource source, DiskFloors floors);

    // Asks the source now. A source that fails counts as Full: better to
    // refuse a write than to write blind.
    DiskState state() const;
    std::optional<std::uint64_t> freeBytes() const;
    // Throws Error(InsufficientStorage) when state() is Full.
    void requireRoom() const;
    // For the periodic upkeep: the state now, and a line for the operator's
    // log when it changed since the last call (entering Low or Full, or
    // recovering); nullopt when it did not.
    std::optional<std::string> noteChange();

    const DiskFloors& floors() const { return floors_; }

private:
    FreeSpaceSource source_;
    DiskFloors floors_;
    std::mutex mutex_;
    DiskState lastNoted_ = DiskState::Ok;  // REQUIRES: mutex_ held
};

}  // namespace hub::store
