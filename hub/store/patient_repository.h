#pragma once
// Patients in the database: the record, its phones (E.164, first is primary)
// and chronic-condition tags, record numbers allocated per registration year,
// and the queries behind patient search. Takes the connection handed to a
// Database::write/read lambda so a service can combine it with the audit log
// in one transaction.
#include "hub/core/clock.h"
#include "hub/domain/patient.h"
#include "hub/store/connection.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hub::store {

// A patient as a search result lists them: what the front desk and the cash
// counter need to pick the right person, nothing clinical.
struct PatientListing {
    long long id = 0;
    std::string mrn;
    std::string name;
    domain::Sex sex = domain::Sex::Other;
    std::optional<domain::Date> birthDate;
    std::string phone;  // primary, E.164; "" when the patient has none
};

// One change of a clinical field (patient_clinical_history).
struct ClinicalChange {
    long long id = 0;
    long long patientId = 0;
    std::string field;  // "allergies" or "chronic_conditions"
    TimePoint changedAt{};
    std::optional<long long> changedBy;  // staff id; none for the CLI
    std::string changedByUsername;
    std::string changedByRole;
    std::string oldValue, newValue;  // chronic_conditions: codes, one per line
};

// Upper bound on every search's result count.
inline constexpr int maxPatientResults = 50;

class PatientRepository {
public:
    explicit PatientRepository(Connection& c) : c_(c) {}

    // Allocates the next record number of registrationYear ("26-000124"),
    // inserts patient (id and mrn ignored) with its phones and conditions, and
    // returns the stored record. REQUIRES: a write transaction, so a failure
    // leaves neither the counter bumped nor orphan rows.
    domain::Patient insert(const domain::Patient& patient, int registrationYear, std::optional<long long> createdBy,
                           TimePoint at);
    std::optional<domain::Patient> findById(long long id);
    bool exists(long long id);
    // Rewrites every field, phones and conditions of patient.id; mrn and
    // created_at never change. consent_updated_at moves only when a consent
    // flag does. Returns false when there is no such patient.
    bool update(const domain::Patient& patient, TimePoint at);

    // Searches. Each returns at most limit (clamped to 1..maxPatientResults)
    // listings, best first.
    std::optional<PatientListing> findByMrn(std::string_view mrn);
    // Patients with this exact number, most recently updated first.
    std::vector<PatientListing> findByPhone(std::string_view e164, int limit);
    // Patients with a number ending in digits (ASCII, at least 4), most
    // recently updated first.
    std::vector<PatientListing> findByPhoneSuffix(std::string_view digits, int limit);
    // Names containing text (3 or more characters, any script, case-folded),
    // ranked by bm25 over the trigram index.
    std::vector<PatientListing> findByNameSubstring(std::string_view text, int limit);
    // Names starting with prefix (ASCII case-insensitive): for 1-2 characters,
    // which a trigram index cannot match.
    std::vector<PatientListing> findByNamePrefix(std::string_view prefix, int limit);
    // Possible duplicates of a new registration: the same number and the same
    // name, ignoring ASCII case.
    std::vector<PatientListing> findByPhoneAndName(std::string_view e164, std::string_view name);

    long long count();
    // The ids after afterId in id order, at most limit (>= 1): a walk over
    // every record a page at a time (the clinic export). Anonymised records
    // are included.
    std::vector<long long> idsAfter(long long afterId, int limit);

    // The history of a patient's clinical fields: appended with each change,
    // read newest first.
    void appendClinicalChange(const ClinicalChange& change);
    std::vector<ClinicalChange> clinicalHistory(long long patientId);

private:
    void writePhones(long long patientId, const std::vector<std::string>& phones);
    void writeConditions(long long patientId, const std::vector<std::string>& codes);

    Connection& c_;
};

}  // namespace hub::store
