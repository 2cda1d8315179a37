#include "hub/store/doctor_repository.h"

#include "hub/core/error.h"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

namespace hub::store {
namespace {

// The consultation fee lives in the fee schedule (migration 10, 0010_billing.sql) in
// minor units; the doctor's profile shows it in whole taka/rupees.
#define DOCTOR_COLUMNS                                                                                        \
    "d.staff_id, d.name_en, d.name_bn, d.qualifications, d.registration_number, d.specialty, d.room, "       \
    "d.token_prefix, COALESCE(f.price_minor / 100, 0), d.schedule, s.disabled"
#define DOCTOR_TABLES                                                                                         \
    "doctors d JOIN staff s ON s.id = d.staff_id "                                                           \
    "LEFT JOIN fee_items f ON f.kind = 'consultation' AND f.doctor_id = d.staff_id"

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
        "token_prefix, schedule, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
        "ON CONFLICT (staff_id) DO UPDATE SET name_en = ?2, name_bn = ?3, qualifications = ?4, "
        "registration_number = ?5, specialty = ?6, room = ?7, token_prefix = ?8, "
        "schedule = ?9, updated_at = ?10");
    q->bind(1, static_cast<int64_t>(d.staffId));
    q->bind(2, d.nameEn);
    q->bind(3, d.nameBn);
    q->bind(4, d.qualifications);
    q->bind(5, d.registrationNumber);
    q->bind(6, d.specialty);
    q->bind(7, d.room);
    q->bind(8, d.tokenPrefix);
    q->bind(9, d.schedule);
    q->bind(10, static_cast<int64_t>(toUnixSeconds(at)));
    try {
        q->exec();
    } catch (const SQLite::Exception& e) {
        if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE)
            throw Error(ErrorCode::Conflict, "token prefix '" + d.tokenPrefix + "' is already another doctor's",
                        "doctor.token_prefix");
        throw;
    }
    // The whole-unit fee of the profile goes to the schedule; a fee set there
    // with poisha/paise is left alone while the profile's whole units agree.
    auto fee = c_.prepare(
        "INSERT INTO fee_items (kind, doctor_id, name_en, name_bn, price_minor, updated_at) "
        "VALUES ('consultation', ?1, 'Consultation', 'পরামর্শ ফি', ?2, ?3) "
        "ON CONFLICT (doctor_id) WHERE kind = 'consultation' DO UPDATE SET price_minor = excluded.price_minor, "
        "updated_at = excluded.updated_at WHERE price_minor / 100 != excluded.price_minor / 100");
    fee->bind(1, static_cast<int64_t>(d.staffId));
    fee->bind(2, static_cast<int64_t>(d.consultationFee * 100));
    fee->bind(3, static_cast<int64_t>(toUnixSeconds(at)));
    fee->exec();
}

std::optional<domain::DoctorProfile> DoctorRepository::find(long long staffId) {
    auto q = c_.prepare("SELECT " DOCTOR_COLUMNS " FROM " DOCTOR_TABLES " WHERE d.staff_id = ?1");
    q->bind(1, static_cast<int64_t>(staffId));
    if (!q->executeStep()) return std::nullopt;
    return readDoctor(*q);
}

std::vector<domain::DoctorProfile> DoctorRepository::list() {
    auto q = c_.prepare("SELECT " DOCTOR_COLUMNS " FROM " DOCTOR_TABLES " ORDER BY d.name_en");
    std::vector<domain::DoctorProfile> out;
    while (q->executeStep()) out.push_back(readDoctor(*q));
    return out;
}

}  // namespace hub::store
