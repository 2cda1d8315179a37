#include "hub/store/clinic_repository.h"

#include "hub/core/error.h"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

namespace hub::store {

std::optional<ClinicRecord> ClinicRepository::get() {
    auto q = c_.prepare("SELECT name, timezone, box_id, created_at, demo FROM clinic WHERE id = 1");
    if (!q->executeStep()) return std::nullopt;
    ClinicRecord r;
    r.name = q->getColumn(0).getString();
    r.timezone = q->getColumn(1).getString();
    r.boxId = q->getColumn(2).getString();
    r.createdAt = fromUnixSeconds(q->getColumn(3).getInt64());
    r.demo = q->getColumn(4).getInt() != 0;
    return r;
}

void ClinicRepository::create(const ClinicRecord& r) {
    auto q = c_.prepare(
        "INSERT INTO clinic (id, name, timezone, box_id, created_at, demo) VALUES (1, ?1, ?2, ?3, ?4, ?5)");
    q->bind(1, r.name);
    q->bind(2, r.timezone);
    q->bind(3, r.boxId);
    q->bind(4, static_cast<int64_t>(toUnixSeconds(r.createdAt)));
    q->bind(5, r.demo ? 1 : 0);
    try {
        q->exec();
    } catch (const SQLite::Exception& e) {
        if (e.getErrorCode() == SQLITE_CONSTRAINT) throw conflict("the clinic is already initialised");
        throw;
    }
}

}  // namespace hub::store
