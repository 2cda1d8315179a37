#include "hub/store/disk_space.h"

#include "hub/core/error.h"

#include <sys/statvfs.h>

#include <cerrno>
#include <cstring>

namespace hub::store {
namespace {

std::string mebibytes(std::uint64_t bytes) { return std::to_string(bytes / (1024 * 1024)) + " MiB"; }

}  // namespace

FreeSpaceSource filesystemFreeSpace(std::filesystem::path path) {
    return [path = std::move(path)]() -> std::uint64_t {
        struct statvfs s {};
        if (statvfs(path.c_str(), &s) != 0)
            throw Error(ErrorCode::Unavailable,
                        "cannot measure free space of " + path.string() + ": " + std::strerror(errno));
        return static_cast<std::uint64_t>(s.f_bavail) * s.f_frsize;
    };
}

std::string_view diskStateName(DiskState state) {
    switch (state) {
        case DiskState::Ok: return "ok";
        case DiskState::Low: return "low";
        case DiskState::Full: return "full";
    }
    return "full";
}

DiskSpace::DiskSpace(FreeSpaceSource source, DiskFloors floors) : source_(std::move(source)), floors_(floors) {}

std::optional<std::uint64_t> DiskSpace::freeBytes() const {
    try {
        return source_();
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

DiskState DiskSpace::state() const {
    const auto free = freeBytes();
    if (!free || *free <= floors_.floorBytes) return DiskState::Full;
    if (*free < floors_.warningBytes) return DiskState::Low;
    return DiskState::Ok;
}

void DiskSpace::requireRoom() const {
    if (state() != DiskState::Full) return;
    throw Error(ErrorCode::InsufficientStorage,
                "the hub's disk is nearly full (below " + mebibytes(floors_.floorBytes) +
                    " free): nothing was saved; ask the technician to free space");
}

std::optional<std::string> DiskSpace::noteChange() {
    const DiskState now = state();
    std::lock_guard lock(mutex_);
    if (now == lastNoted_) return std::nullopt;
    lastNoted_ = now;
    const auto free = freeBytes();
    const std::string freeText = free ? mebibytes(*free) + " free" : "free space unknown";
    switch (now) {
        case DiskState::Ok: return "disk space is back above " + mebibytes(floors_.warningBytes) + " (" + freeText + ")";
        case DiskState::Low:
            return "disk space is low: " + freeText + ", below the warning floor of " +
                   mebibytes(floors_.warningBytes) + "; patient data will be refused at " +
                   mebibytes(floors_.floorBytes);
        case DiskState::Full:
            return "disk space is at the floor: " + freeText + " (floor " + mebibytes(floors_.floorBytes) +
                   "); changes to patient data are refused until space is freed";
    }
    return std::nullopt;
}

}  // namespace hub::store
