#pragma once
// One SQLite connection plus its cache of prepared statements. Every SQL text the
// hub runs is a compile-time literal (the Sql type only accepts those), so no
// statement can be built from user input; values go in through bind().
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace hub::store {

// SQL text known at compile time. The consteval constructor rejects anything
// that is not a constant expression, e.g. a std::string assembled at run time.
class Sql {
public:
    template <std::size_t N>
    consteval Sql(const char (&text)[N]) : text_(text, N - 1) {}  // NOLINT: implicit on purpose
    std::string_view text() const { return text_; }

private:
    std::string_view text_;
};

class Connection;

// A prepared statement borrowed from a connection's cache. Bindings and cursor
// are reset when the handle goes out of scope, so the next user starts clean.
class Query {
public:
    Query(Query&& other) noexcept;
    Query& operator=(Query&&) = delete;
    Query(const Query&) = delete;
    Query& operator=(const Query&) = delete;
    ~Query();

    SQLite::Statement& operator*() { return *stmt_; }
    SQLite::Statement* operator->() { return stmt_; }

private:
    friend class Connection;
    Query(SQLite::Statement* stmt, bool* inUse, std::unique_ptr<SQLite::Statement> owned);

    SQLite::Statement* stmt_;
    bool* inUse_;                                // cache slot flag; null for an uncached statement
    std::unique_ptr<SQLite::Statement> owned_;  // set when the cached one was busy
};

// Not thread-safe: a connection is used by one thread at a time, which
// Database guarantees by handing it out only inside write() or read().
class Connection {
public:
    explicit Connection(SQLite::Database db);
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // A prepared statement for sql, compiled once per connection. A statement
    // already borrowed (e.g. a nested use of the same query) gets a fresh copy.
    Query prepare(Sql sql);

    // Runs one or more statements without results (schema, pragmas).
    void exec(Sql sql);

    long long lastInsertRowid() const;
    int changes() const;

    // The underlying SQLiteCpp handle, for migrations and backups.
    SQLite::Database& db() { return db_; }

private:
    struct Slot {
        std::unique_ptr<SQLite::Statement> stmt;
        bool inUse = false;
    };
    SQLite::Database db_;
    // Keys view the Sql literals themselves, which live for the whole program.
    std::unordered_map<std::string_view, Slot> cache_;
};

}  // namespace hub::store
