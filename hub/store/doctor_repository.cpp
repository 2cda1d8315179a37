#include "hub/store/doctor_repository.h"

#include "hub/core/error.h"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

namespace hub::store {
namespace {

#define DOCTOR_COLUMNS                                                                                        \
    "d.staff_id, d.name_en, d.name_bn, d.qualifications, d.registration_number, d.specialty, d.room, "       \
    "d.token_prefix, d.consultation_fee, d.schedule, s.disabled"

domain::DoctorProfile readDoctor(SQLite::Statement& q) {
    domain::DoctorProfile d;
    d.staffId = q.getColumn(0).getInt64();
    d.nameEn = q.getColumn(1).getString();
    d.nameBn = q.getColumn(2).getString();
    d.qualifications = q.getColumn(3).getString();
    d.registrationNumber = q.getColumn(4).getString();
    d.specialty = q.getColumn(5).getString();
    d.room = q.getColumn(6).getString();
    d.tokenPrefix = q.getColumn(7).getString();
    d.consultationFee = q.getColumn(8).getInt64();
    d.schedule = q.getColumn(9).getString();
    d.active = q.getColumn(10).getInt() == 0;
    return d;
}

}  // namespace

void DoctorRepository::save(const domain::DoctorProfile& d, TimePoint at) {
    auto q = c_.prepare(
        "INSERT INTO doctors (staff_id, name_en, name_bn, qualifications, registration_number, specialty, room, "
        "token_prefix, consultation_fee, schedule, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
        "ON CONFLICT (staff_id) DO UPDATE SET name_en = ?2, name_bn = ?3, qualifications = ?4, "
        "registration_number = ?5, specialty = ?6, room = ?7, token_prefix = ?8, consultation_fee = ?9, "
        "schedule = ?10, updated_at = ?11");
    q->bind(1, static_cast<int64_t>(d.staffId));
    q->bind(2, d.nameEn);
    q->bind(3, d.nameBn);
    q->bind(4, d.qualifications);
    q->bind(5, d.registrationNumber);
    q->bind(6, d.specialty);
    q->bind(7, d.room);
    q->bind(8, d.tokenPrefix);
    q->bind(9, static_cast<int64_t>(d.consultationFee));
    q->bind(10, d.schedule);
    q->bind(11, static_cast<int64_t>(toUnixSeconds(at)));
    try {
        q->exec();
    } catch (const SQLite::Exception& e) {
        if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE)
            throw Error(ErrorCode::Conflict, "token prefix '" + d.tokenPrefix + "' is already another doctor's",
                        "doctor.token_prefix");
        throw;
    }
}

std::optional<domain::DoctorProfile> DoctorRepository::find(long long staffId) {
    auto q = c_.prepare("SELECT " DOCTOR_COLUMNS " FROM doctors d JOIN staff s ON s.id = d.staff_id WHERE d.staff_id = ?1");
    q->bind(1, static_cast<int64_t>(staffId));
    if (!q->executeStep()) return std::nullopt;
    return readDoctor(*q);
}

std::vector<domain::DoctorProfile> DoctorRepository::list() {
    auto q = c_.prepare("SELECT " DOCTOR_COLUMNS " FROM doctors d JOIN staff s ON s.id = d.staff_id ORDER BY d.name_en");
    std::vector<domain::DoctorProfile> out;
    while (q->executeStep()) out.push_back(readDoctor(*q));
    return out;
}

}  // namespace hub::store
