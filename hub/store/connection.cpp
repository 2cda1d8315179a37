#include "hub/store/connection.h"

#include <SQLiteCpp/Exception.h>

namespace hub::store {

Query::Query(SQLite::Statement* stmt, bool* inUse, std::unique_ptr<SQLite::Statement> owned)
    : stmt_(stmt), inUse_(inUse), owned_(std::move(owned)) {}

Query::Query(Query&& other) noexcept
    : stmt_(other.stmt_), inUse_(other.inUse_), owned_(std::move(other.owned_)) {
    other.stmt_ = nullptr;
    other.inUse_ = nullptr;
}

Query::~Query() {
    if (stmt_ == nullptr) return;
    if (inUse_ != nullptr) {
        // Keep the compiled statement, drop the state of this use.
        stmt_->tryReset();
        try {
            stmt_->clearBindings();  // cannot fail in practice: sqlite3_clear_bindings returns OK
        } catch (const SQLite::Exception&) {
        }
        *inUse_ = false;
    }
}

Connection::Connection(SQLite::Database db) : db_(std::move(db)) {}

Query Connection::prepare(Sql sql) {
    auto it = cache_.find(sql.text());
    if (it == cache_.end()) {
        // Compile first so that a statement that fails to compile leaves no slot behind.
        auto stmt = std::make_unique<SQLite::Statement>(db_, std::string(sql.text()));
        it = cache_.emplace(sql.text(), Slot{std::move(stmt), false}).first;
    }
    Slot& slot = it->second;
    if (slot.inUse) {
        auto owned = std::make_unique<SQLite::Statement>(db_, std::string(sql.text()));
        SQLite::Statement* raw = owned.get();
        return Query(raw, nullptr, std::move(owned));
    }
    slot.inUse = true;
    return Query(slot.stmt.get(), &slot.inUse, nullptr);
}

void Connection::exec(Sql sql) { db_.exec(std::string(sql.text())); }

long long Connection::lastInsertRowid() const { return db_.getLastInsertRowid(); }

int Connection::changes() const { return db_.getChanges(); }

}  // namespace hub::store
