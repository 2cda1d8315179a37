#include "hub/store/database.h"

#include "hub/core/error.h"
#include "hub/core/log.h"
#include "hub/store/disk_space.h"
#include "hub/store/migrations.h"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <algorithm>

namespace hub::store {
namespace {

const int openFlags = SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX;

std::unique_ptr<Connection> openConnection(const std::filesystem::path& path, const DatabaseOptions& options,
                                           bool readOnly) {
    auto c = std::make_unique<Connection>(SQLite::Database(path.string(), openFlags, options.busyTimeoutMs));
    // journal_mode answers with the mode in force; anything but "wal" (e.g. a
    // file system without shared memory) would silently lose concurrency.
    const std::string mode = c->db().execAndGet("PRAGMA journal_mode = WAL").getString();
    if (mode != "wal")
        throw Error(ErrorCode::Unavailable, "database " + path.string() + " cannot use WAL mode (got '" + mode + "')");
    c->exec("PRAGMA synchronous = FULL");
    c->exec("PRAGMA foreign_keys = ON");
    if (readOnly) c->exec("PRAGMA query_only = ON");
    return c;
}

int userVersion(Connection& c) { return c.db().execAndGet("PRAGMA user_version").getInt(); }

// Applies every migration newer than the file's user_version in one
// transaction: the schema is either fully upgraded or left as it was.
void migrate(Connection& c, const std::filesystem::path& path) {
    const int latest = Database::latestSchemaVersion();
    c.exec("BEGIN IMMEDIATE");
    try {
        const int current = userVersion(c);
        if (current > latest) {
            throw Error(ErrorCode::Unavailable,
                        "database schema version " + std::to_string(current) +
                            " is newer than this clinic-hub (knows up to " + std::to_string(latest) +
                            "); install the newer version or restore a matching backup");
        }
        for (const Migration& m : migrations()) {
            if (m.version <= current) continue;
            c.db().exec(std::string(m.sql));
        }
        if (current < latest) c.db().exec("PRAGMA user_version = " + std::to_string(latest));
        c.exec("COMMIT");
        if (current < latest)
            log::info("store", "migrated " + path.string() + " from schema " + std::to_string(current) + " to " +
                                   std::to_string(latest));
    } catch (...) {
        c.db().tryExec("ROLLBACK");
        throw;
    }
}

}  // namespace

std::filesystem::path databaseFile(const std::filesystem::path& dataDir) { return dataDir / "clinic-hub.db"; }

Database::Database(std::filesystem::path path, const DatabaseOptions& options)
    : path_(std::move(path)), options_(options) {}

Database::~Database() = default;

std::unique_ptr<Database> Database::open(const std::filesystem::path& path, const DatabaseOptions& options) {
    if (options.readConnections == 0) throw Error(ErrorCode::Internal, "the read pool needs at least one connection");
    std::unique_ptr<Database> db(new Database(path, options));
    db->writer_ = openConnection(path, options, false);
    migrate(*db->writer_, path);
    for (std::size_t i = 0; i < options.readConnections; ++i)
        db->idleReaders_.push_back(openConnection(path, options, true));
    return db;
}

int Database::latestSchemaVersion() { return migrations().back().version; }

// One caller's write, waiting in the queue or being run by the group's leader.
struct Database::PendingWrite {
    const std::function<void(Connection&)>* fn;
    std::exception_ptr error;
    bool done = false;
};

// At most this many writes share a commit, so one caller's wait stays bounded.
constexpr std::size_t maxGroupSize = 64;

void Database::runWrite(const std::function<void(Connection&)>& fn) {
    if (writingThread_.load() == std::this_thread::get_id())
        throw Error(ErrorCode::Internal, "Database::write called inside another write on the same thread");
    PendingWrite mine{&fn, nullptr, false};
    std::unique_lock lock(writeQueueMutex_);
    writeQueue_.push_back(&mine);
    while (!mine.done) {
        if (committing_) {
            writeFinished_.wait(lock);
            continue;
        }
        // Lead: take what is waiting (ours included) and commit it as one group.
        committing_ = true;
        const std::size_t n = std::min(writeQueue_.size(), maxGroupSize);
        std::vector<PendingWrite*> group(writeQueue_.begin(), writeQueue_.begin() + static_cast<std::ptrdiff_t>(n));
        writeQueue_.erase(writeQueue_.begin(), writeQueue_.begin() + static_cast<std::ptrdiff_t>(n));
        lock.unlock();
        commitGroup(group);
        lock.lock();
        committing_ = false;
        writeFinished_.notify_all();
    }
    if (!mine.error) return;
    try {
        std::rethrow_exception(mine.error);
    } catch (const SQLite::Exception& e) {
        // The disk filled up under us: SQLite rolled back; say so plainly.
        if ((e.getErrorCode() & 0xff) == SQLITE_FULL)
            throw Error(ErrorCode::InsufficientStorage,
                        "the hub's disk is full: nothing was saved; ask the technician to free space");
        throw;
    }
}

void Database::requireRoom() const {
    if (spaceGuard_ != nullptr) spaceGuard_->requireRoom();
}

void Database::commitGroup(std::vector<PendingWrite*>& group) {
    writingThread_.store(std::this_thread::get_id());
    struct ClearOwner {
        std::atomic<std::thread::id>& owner;
        ~ClearOwner() { owner.store(std::thread::id{}); }
    } clearOwner{writingThread_};
    auto failAll = [&](std::exception_ptr error) {
        for (auto* w : group) {
            if (!w->error) w->error = error;
            w->done = true;
        }
    };

    Connection& c = *writer_;
    try {
        // IMMEDIATE takes the write lock now, so another process (the CLI) makes
        // us wait at BEGIN (busy timeout) instead of failing halfway through.
        c.prepare("BEGIN IMMEDIATE")->exec();
    } catch (...) {
        failAll(std::current_exception());
        return;
    }
    for (std::size_t i = 0; i < group.size(); ++i) {
        PendingWrite& w = *group[i];
        c.prepare("SAVEPOINT group_write")->exec();
        try {
            (*w.fn)(c);
            c.prepare("RELEASE group_write")->exec();
        } catch (...) {
            w.error = std::current_exception();
            if (sqlite3_get_autocommit(c.db().getHandle())) {
                // SQLite abandoned the whole transaction (an I/O error, a full
                // disk): the earlier writes of the group are gone with it.
                for (std::size_t k = 0; k < i; ++k) group[k]->error = w.error;
                failAll(w.error);
                return;
            }
            c.db().tryExec("ROLLBACK TO group_write");
            c.db().tryExec("RELEASE group_write");
        }
    }
    try {
        c.prepare("COMMIT")->exec();
    } catch (...) {
        const auto error = std::current_exception();
        c.db().tryExec("ROLLBACK");  // nothing half-written; every caller gets the error
        for (auto* w : group) w->error = error;
        failAll(error);
        return;
    }
    failAll(nullptr);
}

void Database::runRead(const std::function<void(Connection&)>& fn) {
    std::unique_ptr<Connection> c;
    {
        std::unique_lock lock(poolMutex_);
        poolReturned_.wait(lock, [&] { return !idleReaders_.empty(); });
        c = std::move(idleReaders_.back());
        idleReaders_.pop_back();
    }
    struct GiveBack {
        Database& db;
        std::unique_ptr<Connection>& conn;
        ~GiveBack() {
            {
                std::lock_guard lock(db.poolMutex_);
                db.idleReaders_.push_back(std::move(conn));
            }
            db.poolReturned_.notify_one();
        }
    } giveBack{*this, c};

    // One read transaction: every query in fn sees the same committed snapshot.
    c->prepare("BEGIN")->exec();
    try {
        fn(*c);
        c->prepare("COMMIT")->exec();
    } catch (...) {
        c->db().tryExec("ROLLBACK");
        throw;
    }
}

int Database::schemaVersion() {
    return read([](Connection& c) { return userVersion(c); });
}

std::string Database::integrityCheck() {
    return read([](Connection& c) {
        std::string report;
        auto q = c.prepare("PRAGMA integrity_check");
        while (q->executeStep()) {
            if (!report.empty()) report += '\n';
            report += q->getColumn(0).getString();
        }
        return report;
    });
}

}  // namespace hub::store
