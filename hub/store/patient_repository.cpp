#include "hub/store/patient_repository.h"

#include "hub/store/columns.h"

#include "hub/core/error.h"

#include <algorithm>

namespace hub::store {
namespace {

#define PATIENT_COLUMNS                                                                                          \
    "id, mrn, name, sex, birth_date, birth_date_approximate, address, guardian, blood_group, allergies, "        \
    "consent_sms, consent_whatsapp, preferred_language, created_at, updated_at"

// Listing columns of the patients table aliased p, with its primary phone.
#define LISTING_COLUMNS                                                                                          \
    "p.id, p.mrn, p.name, p.sex, p.birth_date, "                                                                 \
    "coalesce((SELECT e164 FROM patient_phones WHERE patient_id = p.id ORDER BY position LIMIT 1), '')"

int64_t unix(TimePoint t) { return static_cast<int64_t>(toUnixSeconds(t)); }

domain::Sex readSex(SQLite::Statement& q, int column) { return namedColumn(q.getColumn(column), domain::parseSex, "sex"); }

std::optional<domain::Date> readDate(SQLite::Statement& q, int column) {
    if (q.getColumn(column).isNull()) return std::nullopt;
    return domain::parseIsoDate(q.getColumn(column).getString());
}

PatientListing readListing(SQLite::Statement& q) {
    PatientListing l;
    l.id = q.getColumn(0).getInt64();
    l.mrn = q.getColumn(1).getString();
    l.name = q.getColumn(2).getString();
    l.sex = readSex(q, 3);
    l.birthDate = readDate(q, 4);
    l.phone = q.getColumn(5).getString();
    return l;
}

std::vector<PatientListing> readListings(Query& q) {
    std::vector<PatientListing> all;
    while (q->executeStep()) all.push_back(readListing(*q));
    return all;
}

int clampLimit(int limit) { return std::clamp(limit, 1, maxPatientResults); }

// The smallest string greater than every string starting with prefix.
// REQUIRES: prefix non-empty and its last byte below 0xFF (true of UTF-8 text).
std::string prefixEnd(std::string prefix) {
    prefix.back() = static_cast<char>(static_cast<unsigned char>(prefix.back()) + 1);
    return prefix;
}

// text as one FTS5 string: a phrase, so no word of it is read as an operator.
std::string ftsPhrase(std::string_view text) {
    std::string quoted = "\"";
    for (char ch : text) {
        if (ch == '"') quoted += '"';
        quoted += ch;
    }
    return quoted + "\"";
}

void bindBirthDate(SQLite::Statement& q, int index, const std::optional<domain::Date>& date) {
    if (date)
        q.bind(index, date->iso());
    else
        q.bind(index);
}

// ?2 … ?11 of both the INSERT and the UPDATE: the fields a front desk edits.
void bindEditableFields(SQLite::Statement& q, const domain::Patient& p) {
    q.bind(2, p.name);
    q.bind(3, std::string(domain::sexName(p.sex)));
    bindBirthDate(q, 4, p.birthDate);
    q.bind(5, p.birthDateApproximate ? 1 : 0);
    q.bind(6, p.address);
    q.bind(7, p.guardian);
    q.bind(8, p.bloodGroup);
    q.bind(9, p.allergies);
    q.bind(10, p.consentSms ? 1 : 0);
    q.bind(11, p.consentWhatsapp ? 1 : 0);
}

}  // namespace

domain::Patient PatientRepository::insert(const domain::Patient& p, int registrationYear,
                                          std::optional<long long> createdBy, TimePoint at) {
    long long serial = 0;
    {
        auto q = c_.prepare(
            "INSERT INTO mrn_counters (year, last_serial) VALUES (?1, 1) "
            "ON CONFLICT (year) DO UPDATE SET last_serial = last_serial + 1 RETURNING last_serial");
        q->bind(1, registrationYear);
        q->executeStep();
        serial = q->getColumn(0).getInt64();
    }
    const std::string mrn = domain::formatMrn(registrationYear, serial);

    auto q = c_.prepare(
        "INSERT INTO patients (mrn, name, sex, birth_date, birth_date_approximate, address, guardian, blood_group, "
        "allergies, consent_sms, consent_whatsapp, consent_updated_at, preferred_language, created_at, updated_at, "
        "created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?12, ?12, ?14)");
    q->bind(1, mrn);
    bindEditableFields(*q, p);
    q->bind(12, unix(at));
    q->bind(13, std::string(domain::languageName(p.preferredLanguage)));
    if (createdBy)
        q->bind(14, static_cast<int64_t>(*createdBy));
    else
        q->bind(14);
    q->exec();
    const long long id = c_.lastInsertRowid();
    writePhones(id, p.phones);
    writeConditions(id, p.chronicConditions);

    domain::Patient stored = p;
    stored.id = id;
    stored.mrn = mrn;
    stored.createdAt = stored.updatedAt = fromUnixSeconds(toUnixSeconds(at));
    return stored;
}

void PatientRepository::writePhones(long long patientId, const std::vector<std::string>& phones) {
    {
        auto q = c_.prepare("DELETE FROM patient_phones WHERE patient_id = ?1");
        q->bind(1, static_cast<int64_t>(patientId));
        q->exec();
    }
    auto q = c_.prepare(
        "INSERT INTO patient_phones (patient_id, e164, position, digits_reversed) VALUES (?1, ?2, ?3, ?4)");
    int position = 0;
    for (const auto& e164 : phones) {
        std::string reversed;
        for (auto it = e164.rbegin(); it != e164.rend(); ++it)
            if (*it >= '0' && *it <= '9') reversed += *it;
        q->bind(1, static_cast<int64_t>(patientId));
        q->bind(2, e164);
        q->bind(3, position++);
        q->bind(4, reversed);
        q->exec();
        q->reset();
    }
}

void PatientRepository::writeConditions(long long patientId, const std::vector<std::string>& codes) {
    {
        auto q = c_.prepare("DELETE FROM patient_conditions WHERE patient_id = ?1");
        q->bind(1, static_cast<int64_t>(patientId));
        q->exec();
    }
    auto q = c_.prepare("INSERT INTO patient_conditions (patient_id, code) VALUES (?1, ?2)");
    for (const auto& code : codes) {
        q->bind(1, static_cast<int64_t>(patientId));
        q->bind(2, code);
        q->exec();
        q->reset();
    }
}

bool PatientRepository::exists(long long id) {
    auto q = c_.prepare("SELECT 1 FROM patients WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(id));
    return q->executeStep();
}

std::optional<domain::Patient> PatientRepository::findById(long long id) {
    domain::Patient p;
    {
        auto q = c_.prepare("SELECT " PATIENT_COLUMNS " FROM patients WHERE id = ?1");
        q->bind(1, static_cast<int64_t>(id));
        if (!q->executeStep()) return std::nullopt;
        p.id = q->getColumn(0).getInt64();
        p.mrn = q->getColumn(1).getString();
        p.name = q->getColumn(2).getString();
        p.sex = readSex(*q, 3);
        p.birthDate = readDate(*q, 4);
        p.birthDateApproximate = q->getColumn(5).getInt() != 0;
        p.address = q->getColumn(6).getString();
        p.guardian = q->getColumn(7).getString();
        p.bloodGroup = q->getColumn(8).getString();
        p.allergies = q->getColumn(9).getString();
        p.consentSms = q->getColumn(10).getInt() != 0;
        p.consentWhatsapp = q->getColumn(11).getInt() != 0;
        p.preferredLanguage = namedColumn(q->getColumn(12), domain::parseLanguage, "language");
        p.createdAt = fromUnixSeconds(q->getColumn(13).getInt64());
        p.updatedAt = fromUnixSeconds(q->getColumn(14).getInt64());
    }
    {
        auto q = c_.prepare("SELECT e164 FROM patient_phones WHERE patient_id = ?1 ORDER BY position");
        q->bind(1, static_cast<int64_t>(id));
        while (q->executeStep()) p.phones.push_back(q->getColumn(0).getString());
    }
    {
        auto q = c_.prepare(
            "SELECT pc.code FROM patient_conditions pc JOIN chronic_conditions cc ON cc.code = pc.code "
            "WHERE pc.patient_id = ?1 ORDER BY cc.position, cc.code");
        q->bind(1, static_cast<int64_t>(id));
        while (q->executeStep()) p.chronicConditions.push_back(q->getColumn(0).getString());
    }
    return p;
}

bool PatientRepository::update(const domain::Patient& p, TimePoint at) {
    auto q = c_.prepare(
        "UPDATE patients SET name = ?2, sex = ?3, birth_date = ?4, birth_date_approximate = ?5, address = ?6, "
        "guardian = ?7, blood_group = ?8, allergies = ?9, "
        "consent_updated_at = CASE WHEN consent_sms != ?10 OR consent_whatsapp != ?11 THEN ?13 "
        "ELSE consent_updated_at END, "
        "consent_sms = ?10, consent_whatsapp = ?11, preferred_language = ?12, updated_at = ?13 WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(p.id));
    bindEditableFields(*q, p);
    q->bind(12, std::string(domain::languageName(p.preferredLanguage)));
    q->bind(13, unix(at));
    if (q->exec() != 1) return false;
    writePhones(p.id, p.phones);
    writeConditions(p.id, p.chronicConditions);
    return true;
}

std::optional<PatientListing> PatientRepository::findByMrn(std::string_view mrn) {
    auto q = c_.prepare("SELECT " LISTING_COLUMNS " FROM patients p WHERE p.mrn = ?1");
    q->bind(1, std::string(mrn));
    if (!q->executeStep()) return std::nullopt;
    return readListing(*q);
}

std::vector<PatientListing> PatientRepository::findByPhone(std::string_view e164, int limit) {
    auto q = c_.prepare(
        "SELECT " LISTING_COLUMNS " FROM patients p "
        "WHERE p.id IN (SELECT patient_id FROM patient_phones WHERE e164 = ?1) "
        "ORDER BY p.updated_at DESC, p.id DESC LIMIT ?2");
    q->bind(1, std::string(e164));
    q->bind(2, clampLimit(limit));
    return readListings(q);
}

std::vector<PatientListing> PatientRepository::findByPhoneSuffix(std::string_view digits, int limit) {
    if (digits.size() < 4) return {};
    // '%5678' on the digits is the indexable prefix range ['8765', '8766') on
    // the reversed digits.
    const std::string reversed(digits.rbegin(), digits.rend());
    auto q = c_.prepare(
        "SELECT " LISTING_COLUMNS " FROM patients p "
        "WHERE p.id IN (SELECT patient_id FROM patient_phones WHERE digits_reversed >= ?1 AND digits_reversed < ?2) "
        "ORDER BY p.updated_at DESC, p.id DESC LIMIT ?3");
    q->bind(1, reversed);
    q->bind(2, prefixEnd(reversed));
    q->bind(3, clampLimit(limit));
    return readListings(q);
}

std::vector<PatientListing> PatientRepository::findByNameSubstring(std::string_view text, int limit) {
    // bm25 costs a few microseconds per match, and a common fragment ("begum",
    // "rahman") matches tens of thousands of patients: only the newest
    // 250 matches are ranked, which bounds the work and keeps the
    // patients the clinic sees now. The patients rows are read for the top
    // limit only.
    auto q = c_.prepare(
        "SELECT " LISTING_COLUMNS " FROM "
        "(SELECT id, score FROM "
        "  (SELECT rowid AS id, bm25(patients_name_index) AS score FROM patients_name_index "
        "   WHERE patients_name_index MATCH ?1 ORDER BY rowid DESC LIMIT 250) "
        " ORDER BY score, id DESC LIMIT ?2) m "
        "JOIN patients p ON p.id = m.id ORDER BY m.score, p.id DESC");
    q->bind(1, ftsPhrase(text));
    q->bind(2, clampLimit(limit));
    return readListings(q);
}

std::vector<PatientListing> PatientRepository::findByNamePrefix(std::string_view prefix, int limit) {
    if (prefix.empty()) return {};
    auto q = c_.prepare(
        "SELECT " LISTING_COLUMNS " FROM patients p "
        "WHERE p.name >= ?1 COLLATE NOCASE AND p.name < ?2 COLLATE NOCASE "
        "ORDER BY p.name COLLATE NOCASE, p.id LIMIT ?3");
    q->bind(1, std::string(prefix));
    q->bind(2, prefixEnd(std::string(prefix)));
    q->bind(3, clampLimit(limit));
    return readListings(q);
}

std::vector<PatientListing> PatientRepository::findByPhoneAndName(std::string_view e164, std::string_view name) {
    auto q = c_.prepare(
        "SELECT " LISTING_COLUMNS " FROM patients p "
        "WHERE p.id IN (SELECT patient_id FROM patient_phones WHERE e164 = ?1) AND p.name = ?2 COLLATE NOCASE "
        "ORDER BY p.id LIMIT 50");
    q->bind(1, std::string(e164));
    q->bind(2, std::string(name));
    return readListings(q);
}

long long PatientRepository::count() {
    auto q = c_.prepare("SELECT count(*) FROM patients");
    q->executeStep();
    return q->getColumn(0).getInt64();
}

std::vector<long long> PatientRepository::idsAfter(long long afterId, int limit) {
    auto q = c_.prepare("SELECT id FROM patients WHERE id > ?1 ORDER BY id LIMIT ?2");
    q->bind(1, static_cast<int64_t>(afterId));
    q->bind(2, std::max(limit, 1));
    std::vector<long long> out;
    while (q->executeStep()) out.push_back(q->getColumn(0).getInt64());
    return out;
}

void PatientRepository::appendClinicalChange(const ClinicalChange& change) {
    auto q = c_.prepare(
        "INSERT INTO patient_clinical_history (patient_id, field, changed_at, changed_by, changed_by_username, "
        "changed_by_role, old_value, new_value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    q->bind(1, static_cast<int64_t>(change.patientId));
    q->bind(2, change.field);
    q->bind(3, static_cast<int64_t>(toUnixSeconds(change.changedAt)));
    bindOptional(*q, 4, change.changedBy);
    q->bind(5, change.changedByUsername);
    q->bind(6, change.changedByRole);
    q->bind(7, change.oldValue);
    q->bind(8, change.newValue);
    q->exec();
}

std::vector<ClinicalChange> PatientRepository::clinicalHistory(long long patientId) {
    auto q = c_.prepare(
        "SELECT id, patient_id, field, changed_at, changed_by, changed_by_username, changed_by_role, old_value, "
        "new_value FROM patient_clinical_history WHERE patient_id = ?1 ORDER BY id DESC");
    q->bind(1, static_cast<int64_t>(patientId));
    std::vector<ClinicalChange> out;
    while (q->executeStep()) {
        ClinicalChange c;
        c.id = q->getColumn(0).getInt64();
        c.patientId = q->getColumn(1).getInt64();
        c.field = q->getColumn(2).getString();
        c.changedAt = fromUnixSeconds(q->getColumn(3).getInt64());
        c.changedBy = optionalColumn<long long>(q->getColumn(4));
        c.changedByUsername = q->getColumn(5).getString();
        c.changedByRole = q->getColumn(6).getString();
        c.oldValue = q->getColumn(7).getString();
        c.newValue = q->getColumn(8).getString();
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace hub::store
