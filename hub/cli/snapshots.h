#pragma once
// Local snapshots of the clinic's database in <data>/snapshots: the package's
// postinst takes one before an upgrade migrates the database (`clinic-hub
// snapshot`), and `clinic-hub restore-snapshot` puts one back. Unlike the cloud
// sync's restore points they never leave the box and are whole files.
#include "hub/core/clock.h"

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace hub::cli {

struct SnapshotFile {
    std::filesystem::path file;  // <data>/snapshots/<UTC time>-<label>.db
    std::string name;            // the file name without .db
    int schemaVersion = 0;
};

inline std::filesystem::path snapshotDirectory(const std::filesystem::path& dataDir) { return dataDir / "snapshots"; }

// Copies the live database (SQLite's online backup: consistent while
// clinic-hubd writes), checks the copy's integrity and only then gives it its
// name. Keeps the newest `keep` snapshots and deletes older ones. Throws
// Error(InvalidInput, field "label") for a label that is not [a-z0-9.+~-]{1,64},
// Error(NotFound) without a database, Error(Internal) when the copy is damaged
// (nothing is left behind then).
SnapshotFile takeSnapshot(const std::filesystem::path& dataDir, const std::string& label, const Clock& clock,
                          std::size_t keep = 3);

// Newest first.
std::vector<SnapshotFile> listSnapshots(const std::filesystem::path& dataDir);

// Puts `snapshot` in place of the database after checking it. The database
// replaced (with its -wal and -shm) is moved to <data>/replaced/<UTC time>/,
// never deleted. REQUIRES: clinic-hubd is stopped. Returns that directory.
std::filesystem::path restoreSnapshot(const std::filesystem::path& dataDir, const SnapshotFile& snapshot,
                                      const Clock& clock);

}  // namespace hub::cli
