#pragma once
// Asking the clinic-hubd that serves this box's configuration how it is.
#include "hub/config/config.h"
#include "hub/store/data_dir_lock.h"

#include <filesystem>

#include <string>

namespace hub::cli {

// /healthz over TLS on this box, trusting only the hub's own root (PEM).
// Returns the status line to show: "ok, version ..., up N s",
// "degraded, ...", "failing, ..." or "not answering (...)".
std::string probeDaemon(const HubConfig& config, const std::string& rootPem);

// Whether something accepts TCP connections on `port` of this box (the
// address the hub listens on, or loopback for a wildcard), within 2 s.
bool portAnswers(const HubConfig& config, int port);

// For the commands that replace the database (restore, restore-snapshot): the
// data directory's lock, held while they work, or an Error (Conflict) naming
// what to stop while a clinic-hubd serves `dataDir`. Call it as the data
// directory's owner (after becomeOwnerOf), so the daemon can open the lock file.
store::DataDirLock lockOutDaemon(const std::filesystem::path& dataDir, const std::string& command);

}  // namespace hub::cli
