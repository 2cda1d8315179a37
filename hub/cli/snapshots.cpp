#include "hub/cli/snapshots.h"

#include "hub/core/error.h"
#include "hub/store/database.h"
#include "hub/store/snapshot.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>

namespace fs = std::filesystem;

namespace hub::cli {
namespace {


// 20261203T141502Z: sorts as it reads, and is a valid file name everywhere.
std::string compactUtc(TimePoint t) {
    const std::time_t s = static_cast<std::time_t>(toUnixSeconds(t));
    std::tm tm{};
    gmtime_r(&s, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
    return buf;
}

bool validLabel(const std::string& label) {
    if (label.empty() || label.size() > 64) return false;
    return std::all_of(label.begin(), label.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '+' || c == '~' || c == '-';
    });
}

void syncPath(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

int schemaOf(const fs::path& file) {
    auto c = store::openDatabaseFile(file, false);
    return c->db().execAndGet("PRAGMA user_version").getInt();
}

}  // namespace

SnapshotFile takeSnapshot(const fs::path& dataDir, const std::string& label, const Clock& clock, std::size_t keep) {
    if (!validLabel(label))
        throw Error(ErrorCode::InvalidInput,
                    "'" + label + "' is not a snapshot label (1-64 of a-z, 0-9, '.', '+', '~', '-')", "label");
    const fs::path live = store::databaseFile(dataDir);
    if (!fs::exists(live)) throw Error(ErrorCode::NotFound, "no clinic database in " + dataDir.string());
    const fs::path dir = snapshotDirectory(dataDir);
    fs::create_directories(dir);
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);

    const std::string name = compactUtc(clock.now()) + "-" + label;
    const fs::path partial = dir / (name + ".db.partial");
    const fs::path final = dir / (name + ".db");
    try {
        store::copyDatabase(live, partial);
        std::string verdict;
        {
            auto copy = store::openDatabaseFile(partial, false);
            verdict = store::checkDatabaseFile(*copy);
        }
        if (verdict != "ok") throw Error(ErrorCode::Internal, "the snapshot failed its integrity check: " + verdict);
        syncPath(partial);
        fs::rename(partial, final);
        syncPath(dir);
    } catch (...) {
        std::error_code ec;
        fs::remove(partial, ec);
        throw;
    }

    auto all = listSnapshots(dataDir);
    for (std::size_t i = keep; i < all.size(); ++i) fs::remove(all[i].file);
    return {final, name, schemaOf(final)};
}

std::vector<SnapshotFile> listSnapshots(const fs::path& dataDir) {
    std::vector<SnapshotFile> found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(snapshotDirectory(dataDir), ec)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".db") continue;
        SnapshotFile s{entry.path(), entry.path().stem().string(), 0};
        try {
            s.schemaVersion = schemaOf(s.file);
        } catch (const std::exception&) {
            s.schemaVersion = -1;  // unreadable: listed, and refused by restoreSnapshot
        }
        found.push_back(std::move(s));
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.name > b.name; });
    return found;
}

fs::path restoreSnapshot(const fs::path& dataDir, const SnapshotFile& snapshot, const Clock& clock) {
    {
        auto copy = store::openDatabaseFile(snapshot.file, false);
        const std::string verdict = store::checkDatabaseFile(*copy);
        if (verdict != "ok")
            throw Error(ErrorCode::Conflict, snapshot.name + " failed its integrity check, not restored: " + verdict);
    }
    const fs::path live = store::databaseFile(dataDir);
    const fs::path incoming = fs::path(store::databaseFile(dataDir)) += ".restoring";
    fs::copy_file(snapshot.file, incoming, fs::copy_options::overwrite_existing);
    syncPath(incoming);

    const fs::path replaced = dataDir / "replaced" / compactUtc(clock.now());
    fs::create_directories(replaced);
    for (const char* suffix : {"", "-wal", "-shm"}) {
        const fs::path f = live.string() + suffix;
        if (fs::exists(f)) fs::rename(f, replaced / f.filename());
    }
    fs::rename(incoming, live);
    syncPath(dataDir);
    return replaced;
}

}  // namespace hub::cli
