#pragma once
// Patient registration, records and search. Each call is one transaction that
// also writes its audit event (with the patient's id); refused and failed
// attempts are audited too. Every read of a record is audited, and searches
// are audited by result count only: the query may be a phone number or name.
#include "hub/audit/audit_log.h"
#include "hub/auth/actor.h"
#include "hub/core/clock.h"
#include "hub/core/error.h"
#include "hub/domain/patient.h"
#include "hub/store/database.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hub::opd {

// Fields as a client sends them; absent fields are nullopt. Errors name the
// API's JSON fields ("phone", "phones[1]", "date_of_birth" ...).
struct PatientFields {
    std::optional<std::string> name;
    std::optional<std::string> phone;                // the primary number, any local or international format
    std::optional<std::vector<std::string>> phones;  // every number; the primary is put first
    std::optional<std::string> sex;                  // female, male, other
    std::optional<std::string> dateOfBirth;          // "YYYY-MM-DD"
    std::optional<int> ageYears;                     // instead of dateOfBirth: an approximate birth date
    std::optional<std::string> address, guardian, bloodGroup, allergies;
    std::optional<std::vector<std::string>> chronicConditions;  // codes from the clinic's list
    std::optional<bool> consentSms, consentWhatsapp;
    std::optional<std::string> preferredLanguage;  // en, bn, hi
};

struct NewPatient {
    PatientFields fields;  // name, phone, sex and one of age_years / date_of_birth are required
    // The receptionist checked: someone with the same phone and name is
    // another person (twins sharing a parent's phone ...).
    bool differentPerson = false;
};

// A patient with the age the clinic shows, computed on the clinic's today.
struct PatientRecord {
    domain::Patient patient;
    std::optional<int> ageYears;
};

// What a search lists: enough to pick the right person, nothing clinical.
struct PatientSummary {
    long long id = 0;
    std::string mrn;
    std::string name;
    domain::Sex sex = domain::Sex::Other;
    std::optional<int> ageYears;
    std::string phone;  // primary, E.164
};

// A registration that matches existing patients by phone and name: Conflict,
// carrying the candidates so the receptionist can pick one or confirm
// "different person".
class DuplicatePatientError : public Error {
public:
    explicit DuplicatePatientError(std::vector<PatientSummary> candidates);
    const std::vector<PatientSummary>& candidates() const { return candidates_; }

private:
    std::vector<PatientSummary> candidates_;
};

inline constexpr int defaultSearchLimit = 20;
inline constexpr int maxSearchLimit = 50;
inline constexpr std::size_t maxSearchQueryBytes = 100;

class PatientService {
public:
    PatientService(store::Database& db, const Clock& clock, audit::AuditLog& audit)
        : db_(db), clock_(clock), audit_(audit) {}

    // Allocates the record number of the registration year (clinic time).
    // Throws InvalidInput naming the field, or DuplicatePatientError.
    PatientRecord createPatient(const auth::ActorContext& actor, const NewPatient& request);
    // NotFound for an unknown id.
    PatientRecord getPatient(const auth::ActorContext& actor, long long patientId);
    // Absent fields keep their value. "phones" replaces the list; "phone"
    // alone replaces the primary number and keeps the others. A change of name
    // or phones that makes the record match another patient throws
    // DuplicatePatientError unless differentPerson.
    PatientRecord updatePatient(const auth::ActorContext& actor, long long patientId, const PatientFields& update,
                                bool differentPerson = false);
    // query: a record number, a phone number in any format or its last 4+
    // digits, or part of a name. Ranked: record number, exact phone, phone
    // ending, then name matches. InvalidInput naming "q" or "limit".
    std::vector<PatientSummary> searchPatients(const auth::ActorContext& actor, std::string_view query,
                                               int limit = defaultSearchLimit);

private:
    template <typename Fn>
    auto audited(const auth::ActorContext& actor, std::string_view action, std::optional<long long> patientId,
                 Fn&& fn);

    store::Database& db_;
    const Clock& clock_;
    audit::AuditLog& audit_;
};

}  // namespace hub::opd
