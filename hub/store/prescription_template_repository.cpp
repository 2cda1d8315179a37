#include "hub/store/prescription_template_repository.h"

#include "hub/core/error.h"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

namespace hub::store {
namespace {

PrescriptionTemplateRecord templateFrom(SQLite::Statement& q) {
    return {q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), q.getColumn(2).getString(),
            q.getColumn(3).getString(), fromUnixSeconds(q.getColumn(4).getInt64())};
}

}  // namespace

long long PrescriptionTemplateRepository::insert(long long doctorId, std::string_view name,
                                                 std::string_view itemsJson, TimePoint at) {
    auto q = c_.prepare(
        "INSERT INTO prescription_templates (doctor_id, name, items, created_at) VALUES (?1, ?2, ?3, ?4)");
    q->bind(1, static_cast<int64_t>(doctorId));
    q->bind(2, std::string(name));
    q->bind(3, std::string(itemsJson));
    q->bind(4, static_cast<int64_t>(toUnixSeconds(at)));
    try {
        q->exec();
    } catch (const SQLite::Exception& e) {
        if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE)
            throw Error(ErrorCode::Conflict, "you already have a template named '" + std::string(name) + "'", "name");
        throw;
    }
    return c_.lastInsertRowid();
}

std::vector<PrescriptionTemplateRecord> PrescriptionTemplateRepository::listByDoctor(long long doctorId) {
    auto q = c_.prepare(
        "SELECT id, doctor_id, name, items, created_at FROM prescription_templates WHERE doctor_id = ?1 "
        "ORDER BY name COLLATE NOCASE, id");
    q->bind(1, static_cast<int64_t>(doctorId));
    std::vector<PrescriptionTemplateRecord> all;
    while (q->executeStep())
        all.push_back({q->getColumn(0).getInt64(), q->getColumn(1).getInt64(), q->getColumn(2).getString(),
                       q->getColumn(3).getString(), fromUnixSeconds(q->getColumn(4).getInt64())});
    return all;
}

std::vector<PrescriptionTemplateRecord> PrescriptionTemplateRepository::listAll() {
    auto q = c_.prepare(
        "SELECT id, doctor_id, name, items, created_at FROM prescription_templates "
        "ORDER BY doctor_id, name COLLATE NOCASE, id");
    std::vector<PrescriptionTemplateRecord> all;
    while (q->executeStep()) all.push_back(templateFrom(*q));
    return all;
}

std::optional<PrescriptionTemplateRecord> PrescriptionTemplateRepository::find(long long id) {
    auto q = c_.prepare("SELECT id, doctor_id, name, items, created_at FROM prescription_templates WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(id));
    if (!q->executeStep()) return std::nullopt;
    return templateFrom(*q);
}

bool PrescriptionTemplateRepository::remove(long long id) {
    auto q = c_.prepare("DELETE FROM prescription_templates WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(id));
    q->exec();
    return c_.changes() > 0;
}

}  // namespace hub::store
