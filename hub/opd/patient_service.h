#pragma once
// Patient registration, records and search. Each call is one transaction that
// also writes its audit event (with the patient's id); refused and failed
// attempts are audited too. Every read of a record is audited. A search is
// audited with the number and ids of the patients it returned and a keyed
// hash of its query (never the query: it may be a phone number or a name).
//
// Allergies and chronic-condition tags are clinical (domain::PatientPart):
// roles that may not read them get records without them, roles that may not
// write them are refused (Forbidden, naming the field), and every change is
// kept with who, when, the old and the new value (clinicalHistory).
//
// Bulk reads are limited: at most maxSearchLimit results, a name query of at
// least 2 letters (grapheme clusters), a phone query of at least 4 digits,
// and per session a token bucket of searches that return patients.
#include "hub/audit/audit_log.h"
#include "hub/audit/keyed_hash.h"
#include "hub/auth/actor.h"
#include "hub/core/clock.h"
#include "hub/core/error.h"
#include "hub/core/rate_limiter.h"
#include "hub/domain/patient.h"
#include "hub/store/database.h"
#include "hub/store/patient_repository.h"

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
    std::optional<domain::Language> preferredLanguage;
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
    // False when the caller's role may not read the clinical fields: they are
    // empty in `patient` and must not be shown as "none".
    bool clinicalShown = true;
};

// What a search lists: enough to pick the right person, nothing clinical.
// (The patient at the head of a visit is store::VisitPatient.)
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
// Every patient a search shows is indexed under its audit event (the access report).
static_assert(static_cast<std::size_t>(maxSearchLimit) <= audit::maxPatientsShown);
inline constexpr std::size_t maxSearchQueryBytes = 100;
inline constexpr std::size_t minNameQueryLetters = 2;  // grapheme clusters
inline constexpr std::size_t minPhoneQueryDigits = 4;

struct SearchPolicy {
    // Searches that return patients, per session: a receptionist typing a
    // name searches a few times a second for a moment; a script dumping the
    // register searches without end. 60 at once, 2 a second (120 a minute) after.
    RateLimit perSession{60, 2};
    // Keys the audit trail's hash of each query; without one, a key made for
    // this process only (the hashes cannot be checked after a restart).
    std::optional<audit::KeyedHasher> queryHasher;
};

// The form of a query whose keyed hash the trail keeps: spaces normalised,
// a record number as "26-000123", a phone as its ASCII digits, a name in
// ASCII lower case. `clinic-hub audit search-hash` hashes the same form.
std::string canonicalSearchQuery(std::string_view query);
std::string searchQueryHash(const audit::KeyedHasher& hasher, std::string_view query);

class PatientService {
public:
    PatientService(store::Database& db, const Clock& clock, audit::AuditLog& audit, SearchPolicy policy = {});

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
    // digits, or part of a name (2 letters or more). Ranked: record number,
    // exact phone, phone ending, then name matches. InvalidInput naming "q"
    // or "limit"; TooManyRequests while the session's searches are used up
    // (only searches that return patients spend them, and a spent session is
    // refused any search until it earns one back; in-process callers without
    // a session, sessionId 0, are not limited).
    std::vector<PatientSummary> searchPatients(const auth::ActorContext& actor, std::string_view query,
                                               int limit = defaultSearchLimit);
    // Every change of the patient's allergies and chronic conditions, newest
    // first. NotFound for an unknown id.
    std::vector<store::ClinicalChange> clinicalHistory(const auth::ActorContext& actor, long long patientId);

private:

    store::Database& db_;
    const Clock& clock_;
    audit::AuditLog& audit_;
    RateLimiter searches_;
    audit::KeyedHasher queryHasher_;
};

}  // namespace hub::opd
