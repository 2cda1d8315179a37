#include "hub/store/vitals_repository.h"

#include <type_traits>

namespace hub::store {
namespace {

#define VITALS_COLUMNS                                                                                   \
    "id, patient_id, token_id, recorded_at, recorded_by, bp_systolic, bp_diastolic, pulse, temperature_f, " \
    "weight_kg, height_cm, spo2, blood_glucose_mmol_l"

template <typename T>
void bindOptional(SQLite::Statement& q, int index, const std::optional<T>& value) {
    if (!value) q.bind(index);
    else if constexpr (std::is_same_v<T, double>) q.bind(index, *value);
    else q.bind(index, static_cast<int64_t>(*value));
}

std::optional<int> optionalInt(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return c.getInt();
}
std::optional<long long> optionalId(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return c.getInt64();
}
std::optional<double> optionalReal(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return c.getDouble();
}

VitalsRecord readVitals(SQLite::Statement& q) {
    VitalsRecord r;
    r.id = q.getColumn(0).getInt64();
    r.patientId = q.getColumn(1).getInt64();
    r.tokenId = optionalId(q.getColumn(2));
    r.recordedAt = fromUnixSeconds(q.getColumn(3).getInt64());
    r.recordedBy = optionalId(q.getColumn(4));
    auto& v = r.vitals;
    v.bpSystolic = optionalInt(q.getColumn(5));
    v.bpDiastolic = optionalInt(q.getColumn(6));
    v.pulse = optionalInt(q.getColumn(7));
    v.temperatureF = optionalReal(q.getColumn(8));
    v.weightKg = optionalReal(q.getColumn(9));
    v.heightCm = optionalReal(q.getColumn(10));
    v.spo2 = optionalInt(q.getColumn(11));
    v.bloodGlucoseMmolL = optionalReal(q.getColumn(12));
    return r;
}

}  // namespace

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

}  // namespace hub::store
