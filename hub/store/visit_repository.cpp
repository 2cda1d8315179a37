#include "hub/store/visit_repository.h"

#include "hub/core/error.h"

#include "hub/store/columns.h"
#include "hub/store/vitals_repository.h"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <unordered_map>

namespace hub::store {
namespace {

// Statements must be literals (see Sql), so the shared column list of a
// visit row is spliced in by the preprocessor.
#define CLINIC_HUB_VISIT_COLUMNS                                                                               \
    "v.id, v.patient_id, v.doctor_id, v.token_id, v.vitals_id, v.status, v.complaints, v.notes, "              \
    "v.investigations, v.advice, v.follow_up_date, v.created_at, v.updated_at, v.finalized_at, "               \
    "coalesce(d.name_en, ''), vt.recorded_at, vt.bp_systolic, vt.bp_diastolic, vt.pulse, vt.temperature_f, " \
    "vt.weight_kg, vt.height_cm, vt.spo2, vt.blood_glucose_mmol_l "                                           \
    "FROM visits v LEFT JOIN doctors d ON d.staff_id = v.doctor_id LEFT JOIN vitals vt ON vt.id = v.vitals_id "


VisitRecord readVisitRow(SQLite::Statement& q) {
    VisitRecord r;
    domain::Visit& v = r.visit;
    v.id = q.getColumn(0).getInt64();
    v.patientId = q.getColumn(1).getInt64();
    v.doctorId = q.getColumn(2).getInt64();
    v.tokenId = optionalColumn<long long>(q.getColumn(3));
    r.vitalsId = optionalColumn<long long>(q.getColumn(4));
    v.status = namedColumn(q.getColumn(5), domain::parseVisitStatus, "visit status");
    v.content.complaints = q.getColumn(6).getString();
    v.content.notes = q.getColumn(7).getString();
    v.content.investigations = q.getColumn(8).getString();
    v.content.advice = q.getColumn(9).getString();
    if (!q.getColumn(10).isNull()) v.content.followUpDate = domain::parseIsoDate(q.getColumn(10).getString());
    v.createdAt = fromUnixSeconds(q.getColumn(11).getInt64());
    v.updatedAt = fromUnixSeconds(q.getColumn(12).getInt64());
    if (!q.getColumn(13).isNull()) v.finalizedAt = fromUnixSeconds(q.getColumn(13).getInt64());
    r.doctorName = q.getColumn(14).getString();
    if (!q.getColumn(15).isNull()) r.vitalsRecordedAt = fromUnixSeconds(q.getColumn(15).getInt64());
    v.content.vitals = readVitalsColumns(q, 16);
    return r;
}

domain::Diagnosis readDiagnosis(SQLite::Statement& q, int first) {
    return {q.getColumn(first).getString(), q.getColumn(first + 1).getString()};
}

domain::PrescriptionItem readItem(SQLite::Statement& q, int first) {
    domain::PrescriptionItem item;
    item.drug = q.getColumn(first).getString();
    item.strength = q.getColumn(first + 1).getString();
    item.form = q.getColumn(first + 2).getString();
    item.dose = q.getColumn(first + 3).getString();
    item.timing = domain::parseMealTiming(q.getColumn(first + 4).getString()).value_or(domain::MealTiming::Any);
    item.duration = domain::parseDuration(q.getColumn(first + 5).getString()).value_or(domain::Duration{});
    item.instructions = q.getColumn(first + 6).getString();
    return item;
}

domain::Amendment readAmendment(SQLite::Statement& q, int first) {
    domain::Amendment a;
    a.id = q.getColumn(first).getInt64();
    a.at = fromUnixSeconds(q.getColumn(first + 1).getInt64());
    a.byStaffId = q.getColumn(first + 2).getInt64();
    a.reason = q.getColumn(first + 3).getString();
    return a;
}

}  // namespace

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

std::optional<VisitRecord> VisitRepository::find(long long visitId, bool withPreviousContents) {
    std::optional<VisitRecord> r;
    {
        auto q = c_.prepare("SELECT " CLINIC_HUB_VISIT_COLUMNS "WHERE v.id = ?1");
        q->bind(1, static_cast<int64_t>(visitId));
        if (!q->executeStep()) return std::nullopt;
        r = readVisitRow(*q);
    }
    auto& content = r->visit.content;
    {
        auto q = c_.prepare("SELECT text, icd10 FROM visit_diagnoses WHERE visit_id = ?1 ORDER BY position");
        q->bind(1, static_cast<int64_t>(visitId));
        while (q->executeStep()) content.diagnoses.push_back(readDiagnosis(*q, 0));
    }
    {
        auto q = c_.prepare(
            "SELECT drug, strength, form, dose, timing, duration, instructions FROM prescription_items "
            "WHERE visit_id = ?1 ORDER BY position");
        q->bind(1, static_cast<int64_t>(visitId));
        while (q->executeStep()) content.prescription.push_back(readItem(*q, 0));
    }
    {
        auto q = c_.prepare(
            "SELECT id, amended_at, amended_by, reason, previous_content FROM visit_amendments "
            "WHERE visit_id = ?1 ORDER BY id");
        q->bind(1, static_cast<int64_t>(visitId));
        while (q->executeStep()) {
            r->visit.amendments.push_back(readAmendment(*q, 0));
            if (withPreviousContents) r->previousContents.push_back(q->getColumn(4).getString());
        }
    }
    return r;
}

std::vector<VisitRecord> VisitRepository::listByPatient(long long patientId) {
    std::vector<VisitRecord> visits;
    std::unordered_map<long long, std::size_t> index;
    {
        auto q = c_.prepare("SELECT " CLINIC_HUB_VISIT_COLUMNS
                            "WHERE v.patient_id = ?1 ORDER BY v.created_at DESC, v.id DESC");
        q->bind(1, static_cast<int64_t>(patientId));
        while (q->executeStep()) {
            visits.push_back(readVisitRow(*q));
            index.emplace(visits.back().visit.id, visits.size() - 1);
        }
    }
    if (visits.empty()) return visits;
    // One query per child table for all the patient's visits: no N+1.
    {
        auto q = c_.prepare(
            "SELECT x.visit_id, x.text, x.icd10 FROM visits v JOIN visit_diagnoses x ON x.visit_id = v.id "
            "WHERE v.patient_id = ?1 ORDER BY x.visit_id, x.position");
        q->bind(1, static_cast<int64_t>(patientId));
        while (q->executeStep())
            visits[index.at(q->getColumn(0).getInt64())].visit.content.diagnoses.push_back(readDiagnosis(*q, 1));
    }
    {
        auto q = c_.prepare(
            "SELECT x.visit_id, x.drug, x.strength, x.form, x.dose, x.timing, x.duration, x.instructions "
            "FROM visits v JOIN prescription_items x ON x.visit_id = v.id "
            "WHERE v.patient_id = ?1 ORDER BY x.visit_id, x.position");
        q->bind(1, static_cast<int64_t>(patientId));
        while (q->executeStep())
            visits[index.at(q->getColumn(0).getInt64())].visit.content.prescription.push_back(readItem(*q, 1));
    }
    {
        auto q = c_.prepare(
            "SELECT x.visit_id, x.id, x.amended_at, x.amended_by, x.reason "
            "FROM visits v JOIN visit_amendments x ON x.visit_id = v.id WHERE v.patient_id = ?1 ORDER BY x.id");
        q->bind(1, static_cast<int64_t>(patientId));
        while (q->executeStep())
            visits[index.at(q->getColumn(0).getInt64())].visit.amendments.push_back(readAmendment(*q, 1));
    }
    return visits;
}

std::optional<VisitRecord> VisitRepository::lastPrescribed(long long patientId) {
    std::optional<long long> id;
    {
        auto q = c_.prepare(
            "SELECT v.id FROM visits v WHERE v.patient_id = ?1 AND v.status = 'finalized' "
            "AND EXISTS (SELECT 1 FROM prescription_items x WHERE x.visit_id = v.id) "
            "ORDER BY v.created_at DESC, v.id DESC LIMIT 1");
        q->bind(1, static_cast<int64_t>(patientId));
        if (q->executeStep()) id = q->getColumn(0).getInt64();
    }
    if (!id) return std::nullopt;
    return find(*id);
}

void VisitRepository::saveContent(long long visitId, const domain::VisitContent& c,
                                  std::optional<long long> vitalsId, TimePoint at) {
    {
        auto q = c_.prepare(
            "UPDATE visits SET complaints = ?2, notes = ?3, investigations = ?4, advice = ?5, "
            "follow_up_date = ?6, vitals_id = ?7, updated_at = ?8 WHERE id = ?1");
        q->bind(1, static_cast<int64_t>(visitId));
        q->bind(2, c.complaints);
        q->bind(3, c.notes);
        q->bind(4, c.investigations);
        q->bind(5, c.advice);
        if (c.followUpDate) q->bind(6, c.followUpDate->iso());
        else q->bind(6);
        bindOptional(*q, 7, vitalsId);
        q->bind(8, static_cast<int64_t>(toUnixSeconds(at)));
        q->exec();
    }
    {
        auto q = c_.prepare("DELETE FROM visit_diagnoses WHERE visit_id = ?1");
        q->bind(1, static_cast<int64_t>(visitId));
        q->exec();
    }
    {
        auto q = c_.prepare("DELETE FROM prescription_items WHERE visit_id = ?1");
        q->bind(1, static_cast<int64_t>(visitId));
        q->exec();
    }
    for (std::size_t i = 0; i < c.diagnoses.size(); ++i) {
        auto q = c_.prepare("INSERT INTO visit_diagnoses (visit_id, position, text, icd10) VALUES (?1, ?2, ?3, ?4)");
        q->bind(1, static_cast<int64_t>(visitId));
        q->bind(2, static_cast<int>(i));
        q->bind(3, c.diagnoses[i].text);
        q->bind(4, c.diagnoses[i].icd10);
        q->exec();
    }
    for (std::size_t i = 0; i < c.prescription.size(); ++i) {
        const auto& item = c.prescription[i];
        auto q = c_.prepare(
            "INSERT INTO prescription_items (visit_id, position, drug, strength, form, dose, timing, duration, "
            "instructions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        q->bind(1, static_cast<int64_t>(visitId));
        q->bind(2, static_cast<int>(i));
        q->bind(3, item.drug);
        q->bind(4, item.strength);
        q->bind(5, item.form);
        q->bind(6, item.dose);
        q->bind(7, std::string(domain::mealTimingName(item.timing)));
        q->bind(8, item.duration.text());
        q->bind(9, item.instructions);
        q->exec();
    }
}

bool VisitRepository::linkVitalsToDraft(long long visitId, long long vitalsId, TimePoint at) {
    auto q = c_.prepare("UPDATE visits SET vitals_id = ?2, updated_at = ?3 WHERE id = ?1 AND status = 'draft'");
    q->bind(1, static_cast<int64_t>(visitId));
    q->bind(2, static_cast<int64_t>(vitalsId));
    q->bind(3, static_cast<int64_t>(toUnixSeconds(at)));
    return q->exec() == 1;
}

bool VisitRepository::finalize(long long visitId, TimePoint at) {
    auto q = c_.prepare(
        "UPDATE visits SET status = 'finalized', finalized_at = ?2, updated_at = ?2 WHERE id = ?1 AND status = 'draft'");
    q->bind(1, static_cast<int64_t>(visitId));
    q->bind(2, static_cast<int64_t>(toUnixSeconds(at)));
    return q->exec() == 1;
}

long long VisitRepository::addAmendment(long long visitId, long long byStaffId, std::string_view reason,
                                        std::string_view previousContent, TimePoint at) {
    auto q = c_.prepare(
        "INSERT INTO visit_amendments (visit_id, amended_at, amended_by, reason, previous_content) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");
    q->bind(1, static_cast<int64_t>(visitId));
    q->bind(2, static_cast<int64_t>(toUnixSeconds(at)));
    q->bind(3, static_cast<int64_t>(byStaffId));
    q->bind(4, std::string(reason));
    q->bind(5, std::string(previousContent));
    q->exec();
    return c_.lastInsertRowid();
}

std::optional<VisitPatient> VisitRepository::visitPatient(long long patientId) {
    VisitPatient p;
    {
        auto q = c_.prepare(
            "SELECT id, mrn, name, sex, birth_date, birth_date_approximate, preferred_language FROM patients "
            "WHERE id = ?1");
        q->bind(1, static_cast<int64_t>(patientId));
        if (!q->executeStep()) return std::nullopt;
        p.id = q->getColumn(0).getInt64();
        p.mrn = q->getColumn(1).getString();
        p.name = q->getColumn(2).getString();
        p.sex = namedColumn(q->getColumn(3), domain::parseSex, "sex");
        if (!q->getColumn(4).isNull()) p.birthDate = domain::parseIsoDate(q->getColumn(4).getString());
        p.birthDateApproximate = q->getColumn(5).getInt() != 0;
        p.preferredLanguage = namedColumn(q->getColumn(6), domain::parseLanguage, "language");
    }
    auto q = c_.prepare(
        "SELECT c.code, c.label_en, c.label_bn FROM patient_conditions pc "
        "JOIN chronic_conditions c ON c.code = pc.code WHERE pc.patient_id = ?1 ORDER BY c.position, c.code");
    q->bind(1, static_cast<int64_t>(patientId));
    while (q->executeStep())
        p.chronicConditions.push_back(
            {q->getColumn(0).getString(), q->getColumn(1).getString(), q->getColumn(2).getString()});
    return p;
}

std::optional<TokenSummary> VisitRepository::token(long long tokenId) {
    auto q = c_.prepare("SELECT id, patient_id, doctor_id, state FROM tokens WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(tokenId));
    if (!q->executeStep()) return std::nullopt;
    return TokenSummary{q->getColumn(0).getInt64(), q->getColumn(1).getInt64(), q->getColumn(2).getInt64(),
                        namedColumn(q->getColumn(3), domain::parseTokenState, "token state")};
}

#undef CLINIC_HUB_VISIT_COLUMNS

}  // namespace hub::store
