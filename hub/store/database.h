#pragma once
// The one owner of the hub's SQLite connections.
//
// Writes are serialized through a single writer connection: write(fn) runs fn
// inside BEGIN IMMEDIATE ... COMMIT, and rolls back (leaving nothing behind) if
// fn throws. Writes that arrive while one is committing are grouped: the next
// caller to find no commit in progress runs every waiting fn in one
// transaction, each inside its own SAVEPOINT (a fn that throws is rolled back
// alone and its caller gets the exception), then commits once. With
// synchronous=FULL a commit costs an fsync (milliseconds on an SD card), so
// grouping is what lets a busy front desk's concurrent writes share one.
// Every write() still returns only after its changes are durable. Reads run on a small pool of other connections; WAL mode lets them
// proceed while a write is in progress, each seeing the last committed state.
// With synchronous=FULL a write() that returned has reached stable storage.
#include "hub/store/connection.h"

#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <atomic>
#include <type_traits>
#include <vector>

namespace hub::store {

class DiskSpace;

// The database's file in a data directory ("clinic-hub.db"): the daemon, the
// CLI, snapshots and the restore all name it through this one function. SQLite
// keeps the file's -wal and -shm beside it.
std::filesystem::path databaseFile(const std::filesystem::path& dataDir);

struct DatabaseOptions {
    int busyTimeoutMs = 5000;          // how long a connection waits on another process's lock
    std::size_t readConnections = 4;   // size of the read pool (>= 1)
};

class Database {
public:
    // Opens (creating if needed) the database at path, applies the pragmas and
    // brings the schema up to date in one transaction. Throws hub::Error
    // (Unavailable) when the file's schema is newer than this build knows, and
    // SQLite::Exception when the file cannot be opened.
    static std::unique_ptr<Database> open(const std::filesystem::path& path,
                                          const DatabaseOptions& options = {});
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Runs fn(Connection&) in a write transaction and returns its result.
    // Serialized with every other write(); must not be nested (a nested call
    // from the same thread would deadlock, so it throws Internal instead).
    // A disk that filled up (SQLITE_FULL) is reported as
    // Error(InsufficientStorage); the transaction is rolled back whole.
    template <typename Fn>
    auto write(Fn&& fn) -> std::invoke_result_t<Fn, Connection&> {
        using R = std::invoke_result_t<Fn, Connection&>;
        if constexpr (std::is_void_v<R>) {
            runWrite([&](Connection& c) { fn(c); });
        } else {
            std::optional<R> result;
            runWrite([&](Connection& c) { result.emplace(fn(c)); });
            return std::move(*result);
        }
    }

    // A write of patient data (records, queues, visits): like write(), but
    // first refused with Error(InsufficientStorage) when the disk is at the
    // floor of the space guard (if one is set). Sign-ins and the small audit
    // rows of reads use write() and go on, inside the floor's margin.
    template <typename Fn>
    auto writePatientData(Fn&& fn) -> std::invoke_result_t<Fn, Connection&> {
        requireRoom();
        return write(std::forward<Fn>(fn));
    }
    // The guard writePatientData consults; null for none. REQUIRES: it
    // outlives this database, and is set before writes start.
    void setSpaceGuard(const DiskSpace* guard) { spaceGuard_ = guard; }

    // Runs fn(Connection&) on a read-only connection from the pool, inside one
    // read transaction so that every query in fn sees the same snapshot.
    template <typename Fn>
    auto read(Fn&& fn) -> std::invoke_result_t<Fn, Connection&> {
        using R = std::invoke_result_t<Fn, Connection&>;
        if constexpr (std::is_void_v<R>) {
            runRead([&](Connection& c) { fn(c); });
        } else {
            std::optional<R> result;
            runRead([&](Connection& c) { result.emplace(fn(c)); });
            return std::move(*result);
        }
    }

    int schemaVersion();
    static int latestSchemaVersion();
    // PRAGMA integrity_check: "ok" when the file is sound, else SQLite's report.
    std::string integrityCheck();
    const std::filesystem::path& path() const { return path_; }

private:
    Database(std::filesystem::path path, const DatabaseOptions& options);
    void runWrite(const std::function<void(Connection&)>& fn);
    void requireRoom() const;
    void runRead(const std::function<void(Connection&)>& fn);

    std::filesystem::path path_;
    DatabaseOptions options_;
    const DiskSpace* spaceGuard_ = nullptr;

    struct PendingWrite;
    void commitGroup(std::vector<PendingWrite*>& group);

    std::mutex writeQueueMutex_;
    std::condition_variable writeFinished_;
    std::vector<PendingWrite*> writeQueue_;  // REQUIRES: writeQueueMutex_ held
    bool committing_ = false;                // a caller is running a group; REQUIRES: writeQueueMutex_ held
    std::atomic<std::thread::id> writingThread_{};
    std::unique_ptr<Connection> writer_;

    std::mutex poolMutex_;
    std::condition_variable poolReturned_;
    std::vector<std::unique_ptr<Connection>> idleReaders_;  // REQUIRES: poolMutex_ held
};

}  // namespace hub::store
