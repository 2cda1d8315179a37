#include "hub/store/vitals_repository.h"

#include "hub/store/columns.h"

namespace hub::store {
namespace {

#define VITALS_COLUMNS                                                                                   \
    "id, patient_id, token_id, recorded_at, recorded_by, bp_systolic, bp_diastolic, pulse, temperature_f, " \
    "weight_kg, height_cm, spo2, blood_glucose_mmol_l"

VitalsRecord readVitals(SQLite::Statement& q) {
    VitalsRecord r;
    r.id = q.getColumn(0).getInt64();
    r.patientId = q.getColumn(1).getInt64();
    r.tokenId = optionalColumn<long long>(q.getColumn(2));
    r.recordedAt = fromUnixSeconds(q.getColumn(3).getInt64());
    r.recordedBy = optionalColumn<long long>(q.getColumn(4));
    r.vitals = readVitalsColumns(q, 5);
    return r;
}

}  // namespace

domain::Vitals readVitalsColumns(SQLite::Statement& q, int first) {
    domain::Vitals v;
    v.bpSystolic = optionalColumn<int>(q.getColumn(first));
    v.bpDiastolic = optionalColumn<int>(q.getColumn(first + 1));
    v.pulse = optionalColumn<int>(q.getColumn(first + 2));
    v.temperatureF = optionalColumn<double>(q.getColumn(first + 3));
    v.weightKg = optionalColumn<double>(q.getColumn(first + 4));
    v.heightCm = optionalColumn<double>(q.getColumn(first + 5));
    v.spo2 = optionalColumn<int>(q.getColumn(first + 6));
    v.bloodGlucoseMmolL = optionalColumn<double>(q.getColumn(first + 7));
    return v;
}

long long VitalsRepository::insert(const VitalsRecord& r) {
    auto q = c_.prepare(
        "INSERT INTO vitals (patient_id, token_id, recorded_at, recorded_by, bp_systolic, bp_diastolic, pulse, "
        "temperature_f, weight_kg, height_cm, spo2, blood_glucose_mmol_l) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    const auto& v = r.vitals;
    q->bind(1, static_cast<int64_t>(r.patientId));
    bindOptional(*q, 2, r.tokenId);
    q->bind(3, static_cast<int64_t>(toUnixSeconds(r.recordedAt)));
    bindOptional(*q, 4, r.recordedBy);
    bindOptional(*q, 5, v.bpSystolic);
    bindOptional(*q, 6, v.bpDiastolic);
    bindOptional(*q, 7, v.pulse);
    bindOptional(*q, 8, v.temperatureF);
    bindOptional(*q, 9, v.weightKg);
    bindOptional(*q, 10, v.heightCm);
    bindOptional(*q, 11, v.spo2);
    bindOptional(*q, 12, v.bloodGlucoseMmolL);
    q->exec();
    return c_.lastInsertRowid();
}

std::optional<VitalsRecord> VitalsRepository::find(long long id) {
    auto q = c_.prepare("SELECT " VITALS_COLUMNS " FROM vitals WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(id));
    if (!q->executeStep()) return std::nullopt;
    return readVitals(*q);
}

std::optional<VitalsRecord> VitalsRepository::latestForToken(long long tokenId) {
    auto q = c_.prepare("SELECT " VITALS_COLUMNS " FROM vitals WHERE token_id = ?1 ORDER BY recorded_at DESC, id DESC LIMIT 1");
    q->bind(1, static_cast<int64_t>(tokenId));
    if (!q->executeStep()) return std::nullopt;
    return readVitals(*q);
}

std::optional<VitalsRecord> VitalsRepository::latestForPatient(long long patientId) {
    auto q = c_.prepare("SELECT " VITALS_COLUMNS " FROM vitals WHERE patient_id = ?1 ORDER BY recorded_at DESC, id DESC LIMIT 1");
    q->bind(1, static_cast<int64_t>(patientId));
    if (!q->executeStep()) return std::nullopt;
    return readVitals(*q);
}

}  // namespace hub::store
