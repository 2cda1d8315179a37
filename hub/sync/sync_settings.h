#pragma once
// Where the sync's own files live in the data directory, and the settings
// `clinic-hub sync init` writes there (not in /etc, which belongs to the
// package and which the service user cannot write):
//
//   <data>/sync/settings.json   target, window, retention (0600)
//   <data>/sync/secret-key      the store's secret key (0600)
//   <data>/sync/data-key        the clinic data key, hex (0600)
//   <data>/sync/data-key.wrapped  the same key wrapped under the passphrase (as in the bucket)
//   <data>/sync/state.json, status.json, base.db, work/ (the run's lock is <data>/jobs/sync.lock)
#include "hub/store/database.h"
#include "hub/sync/s3_client.h"

#include <filesystem>
#include <optional>
#include <string>

namespace hub::sync {

struct SyncPaths {
    std::filesystem::path dataDir;

    std::filesystem::path dir() const { return dataDir / "sync"; }
    std::filesystem::path database() const { return store::databaseFile(dataDir); }
    std::filesystem::path settings() const { return dir() / "settings.json"; }
    std::filesystem::path secretKey() const { return dir() / "secret-key"; }
    std::filesystem::path dataKey() const { return dir() / "data-key"; }
    std::filesystem::path wrappedKey() const { return dir() / "data-key.wrapped"; }
    std::filesystem::path state() const { return dir() / "state.json"; }
    std::filesystem::path status() const { return dir() / "status.json"; }
    std::filesystem::path base() const { return dir() / "base.db"; }
    std::filesystem::path work() const { return dir() / "work"; }
    std::filesystem::path tlsDir() const { return dataDir / "tls"; }
};

// The nightly window, in minutes after the clinic's local midnight. A window
// whose end is before its start runs past midnight (22:00-02:00).
struct SyncWindow {
    int startMinute = 60;  // 01:00
    int endMinute = 300;   // 05:00
    bool operator==(const SyncWindow&) const = default;
};
std::string windowText(const SyncWindow& w);  // "01:00-05:00"
// Parses "HH:MM-HH:MM"; Error(InvalidInput) naming field otherwise.
SyncWindow parseWindow(const std::string& text, const std::string& field);

// How many restore points pruning keeps: the newest of each of the last
// `daily` days, `weekly` weeks and `monthly` months (the newest point always).
struct Retention {
    int daily = 7;
    int weekly = 4;
    int monthly = 12;
    bool operator==(const Retention&) const = default;
};

struct SyncSettings {
    S3Target target;  // with the secret key read from its own file
    SyncWindow window;
    Retention retention;
    int fullEveryDays = 30;  // a full copy at least this often bounds the restore's work
};

// nullopt when sync was never set up on this data directory.
std::optional<SyncSettings> loadSettings(const SyncPaths& paths);
// Writes settings.json and secret-key (both 0600), creating <data>/sync (0700).
void saveSettings(const SyncPaths& paths, const SyncSettings& settings);
// Error(InvalidInput) naming the field for a setting out of range.
void checkSettings(const SyncSettings& settings);

// Reads a small private file whole; Error(Unavailable) naming it if unreadable.
std::string readPrivateFile(const std::filesystem::path& file);
void writePrivateFile(const std::filesystem::path& file, std::string_view contents);

}  // namespace hub::sync
