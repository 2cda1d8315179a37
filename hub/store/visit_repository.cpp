#include "hub/store/visit_repository.h"

#include "hub/core/error.h"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

namespace hub::store {

long long VisitRepository::createDraft(const NewVisitDraft& d) {
    auto q = c_.prepare(
        "INSERT INTO visits (patient_id, doctor_id, token_id, vitals_id, status, created_at, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, 'draft', ?5, ?5)");
    q->bind(1, static_cast<int64_t>(d.patientId));
    q->bind(2, static_cast<int64_t>(d.doctorId));
    if (d.tokenId) q->bind(3, static_cast<int64_t>(*d.tokenId));
    else q->bind(3);
    if (d.vitalsId) q->bind(4, static_cast<int64_t>(*d.vitalsId));
    else q->bind(4);
    q->bind(5, static_cast<int64_t>(toUnixSeconds(d.at)));
    try {
        q->exec();
    } catch (const SQLite::Exception& e) {
        if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE) throw conflict("this token already has a visit");
        throw;
    }
    return c_.lastInsertRowid();
}

std::optional<long long> VisitRepository::findIdByToken(long long tokenId) {
    auto q = c_.prepare("SELECT id FROM visits WHERE token_id = ?1");
    q->bind(1, static_cast<int64_t>(tokenId));
    if (!q->executeStep()) return std::nullopt;
    return q->getColumn(0).getInt64();
}

}  // namespace hub::store
