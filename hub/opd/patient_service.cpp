#include "hub/opd/patient_service.h"

#include "hub/core/random.h"
#include "hub/core/text.h"
#include "hub/domain/permissions.h"
#include "hub/domain/phone.h"
#include "hub/service/audited.h"
#include "hub/service/clinic_today.h"
#include "hub/store/clinic_repository.h"
#include "hub/store/patient_repository.h"
#include "hub/store/rights_repository.h"

#include <algorithm>
#include <set>

namespace hub::opd {
namespace {

using audit::Outcome;
using domain::Operation;
using service::Attempt;

// What validation needs to know about the clinic, read in the same transaction.
struct ClinicContext {
    std::vector<std::string> phoneRegions;
    domain::Date today;
    std::set<std::string> conditionCodes;
    domain::Language defaultLanguage = domain::Language::English;
};

ClinicContext clinicContext(store::Connection& c, TimePoint now) {
    const service::ClinicToday clinic = service::clinicToday(c, now);
    ClinicContext ctx;
    ctx.phoneRegions = clinic.profile.phoneRegions();
    ctx.today = clinic.date();
    for (const auto& c2 : store::ClinicRepository(c).chronicConditions()) ctx.conditionCodes.insert(c2.code);
    // Patients are spoken to in the clinic's local language unless they ask otherwise.
    for (const auto l : clinic.profile.languages)
        if (l != domain::Language::English) {
            ctx.defaultLanguage = l;
            break;
        }
    return ctx;
}

using domain::normalizeSpaces;

// The domain's verdict on a field, as the error naming it.
void require(std::optional<domain::FieldProblem> problem) {
    if (problem) throw invalidInput(problem->field, problem->field + " " + problem->message);
}

std::string normalizedPhone(const std::string& text, const std::string& field, const ClinicContext& ctx) {
    // The message never repeats the number: it ends up in the audit trail.
    auto e164 = domain::normalizePhone(text, ctx.phoneRegions);
    if (!e164) {
        std::string regions;
        for (const auto& r : ctx.phoneRegions) regions += (regions.empty() ? "" : " or ") + r;
        throw invalidInput(field, field + " is not a valid mobile or landline number of " + regions);
    }
    return *e164;
}

void addUnique(std::vector<std::string>& list, std::string value) {
    if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

// Merges the client's fields into p, validating each; creating says which
// fields are required. Throws InvalidInput naming the JSON field.
void applyFields(domain::Patient& p, const PatientFields& f, const ClinicContext& ctx, bool creating) {
    if (f.name) {
        const std::string name = normalizeSpaces(*f.name);
        require(domain::checkPatientName(name));
        p.name = name;
    } else if (creating) {
        throw invalidInput("name", "name is required");
    }

    if (f.phone || f.phones) {
        std::vector<std::string> phones;
        if (f.phone) phones.push_back(normalizedPhone(*f.phone, "phone", ctx));
        if (f.phones) {
            for (std::size_t i = 0; i < f.phones->size(); ++i)
                addUnique(phones, normalizedPhone((*f.phones)[i], "phones[" + std::to_string(i) + "]", ctx));
        } else {
            // A new primary number replaces the old one; the others stay.
            for (std::size_t i = 1; i < p.phones.size(); ++i) addUnique(phones, p.phones[i]);
        }
        require(domain::checkPhoneCount(phones.size()));
        p.phones = std::move(phones);
    } else if (creating) {
        throw invalidInput("phone", "phone is required");
    }

    if (f.sex) {
        const auto sex = domain::parseSex(*f.sex);
        if (!sex) throw invalidInput("sex", "sex must be female, male or other");
        p.sex = *sex;
    } else if (creating) {
        throw invalidInput("sex", "sex is required");
    }

    if (f.ageYears && f.dateOfBirth)
        throw invalidInput("age_years", "give age_years or date_of_birth, not both");
    if (f.dateOfBirth) {
        const auto date = domain::parseIsoDate(*f.dateOfBirth);
        if (!date) throw invalidInput("date_of_birth", "date_of_birth must be a calendar date YYYY-MM-DD");
        require(domain::checkBirthDate(*date, ctx.today));
        p.birthDate = *date;
        p.birthDateApproximate = false;
    } else if (f.ageYears) {
        require(domain::checkAgeYears(*f.ageYears));
        p.birthDate = domain::approximateBirthDate(*f.ageYears, ctx.today);
        p.birthDateApproximate = true;
    } else if (creating) {
        throw invalidInput("date_of_birth", "age_years or date_of_birth is required");
    }

    auto text = [](std::string& member, const std::optional<std::string>& value,
                   const domain::PatientTextField& field) {
        if (!value) return;
        require(domain::checkPatientText(*value, field));
        member = *value;
    };
    text(p.address, f.address, domain::addressField);
    text(p.guardian, f.guardian, domain::guardianField);
    text(p.allergies, f.allergies, domain::allergiesField);

    if (f.bloodGroup) {
        require(domain::checkBloodGroup(*f.bloodGroup));
        p.bloodGroup = *f.bloodGroup;
    }

    if (f.chronicConditions) {
        std::vector<std::string> codes;
        for (const auto& code : *f.chronicConditions) {
            if (!ctx.conditionCodes.count(code))
                throw invalidInput("chronic_conditions",
                                   "chronic_conditions: '" + code.substr(0, 40) + "' is not in the clinic's list");
            addUnique(codes, code);
        }
        p.chronicConditions = std::move(codes);
    }

    if (f.consentSms) p.consentSms = *f.consentSms;
    if (f.consentWhatsapp) p.consentWhatsapp = *f.consentWhatsapp;

    if (f.preferredLanguage) {
        p.preferredLanguage = *f.preferredLanguage;
    } else if (creating) {
        p.preferredLanguage = ctx.defaultLanguage;
    }
}

// Refuses (Forbidden, naming the field) any field of a part the actor's role
// may not write: a receptionist's allergies, a nurse's phone number.
void checkWritableParts(const auth::ActorContext& actor, const PatientFields& f) {
    using domain::PatientPart;
    const auto check = [&](bool present, PatientPart part, const char* field) {
        if (!present || domain::roleMayWrite(actor.role, part)) return;
        const std::string role(domain::roleName(actor.role));
        throw Error(ErrorCode::Forbidden,
                    part == PatientPart::Clinical
                        ? std::string(field) + " is clinical: only doctors and nurses may change it"
                        : "role " + role + " may change only allergies and chronic_conditions, not " + field,
                    field);
    };
    check(f.name.has_value(), PatientPart::Demographics, "name");
    check(f.phone.has_value(), PatientPart::Demographics, "phone");
    check(f.phones.has_value(), PatientPart::Demographics, "phones");
    check(f.sex.has_value(), PatientPart::Demographics, "sex");
    check(f.dateOfBirth.has_value(), PatientPart::Demographics, "date_of_birth");
    check(f.ageYears.has_value(), PatientPart::Demographics, "age_years");
    check(f.address.has_value(), PatientPart::Demographics, "address");
    check(f.guardian.has_value(), PatientPart::Demographics, "guardian");
    check(f.bloodGroup.has_value(), PatientPart::Demographics, "blood_group");
    check(f.consentSms.has_value(), PatientPart::Demographics, "consent_sms");
    check(f.consentWhatsapp.has_value(), PatientPart::Demographics, "consent_whatsapp");
    check(f.preferredLanguage.has_value(), PatientPart::Demographics, "preferred_language");
    check(f.allergies.has_value(), PatientPart::Clinical, "allergies");
    check(f.chronicConditions.has_value(), PatientPart::Clinical, "chronic_conditions");
}

// One history row per clinical field that differs between was and now.
void recordClinicalChanges(store::PatientRepository& repo, const auth::ActorContext& actor, long long patientId,
                           const domain::Patient& was, const domain::Patient& now, TimePoint at) {
    auto add = [&](const char* field, std::string oldValue, std::string newValue) {
        if (oldValue == newValue) return;
        store::ClinicalChange c;
        c.patientId = patientId;
        c.field = field;
        c.changedAt = at;
        if (actor.staffId > 0) c.changedBy = actor.staffId;
        c.changedByUsername = actor.username;
        c.changedByRole = std::string(domain::roleName(actor.role));
        c.oldValue = std::move(oldValue);
        c.newValue = std::move(newValue);
        repo.appendClinicalChange(c);
    };
    add("allergies", was.allergies, now.allergies);
    add("chronic_conditions", joinLines(was.chronicConditions), joinLines(now.chronicConditions));
}

// The consent ledger is the truth about consent (migration 9): a consent flag
// set through the record is a ledger entry taken at the desk.
void recordConsentFlags(store::Connection& tx, const auth::ActorContext& actor, long long patientId,
                        const domain::Patient& was, const domain::Patient& now, TimePoint at) {
    auto add = [&](const char* purpose, bool before, bool after) {
        if (before == after) return;
        store::ConsentEntry e;
        e.patientId = patientId;
        e.purpose = purpose;
        e.given = after;
        e.recordedAt = at;
        if (actor.staffId > 0) e.recordedBy = actor.staffId;
        e.recordedByUsername = actor.username;
        e.method = "verbal";
        store::ConsentRepository(tx).append(e);
    };
    add("sms_reminders", was.consentSms, now.consentSms);
    add("whatsapp_reminders", was.consentWhatsapp, now.consentWhatsapp);
}

// The record as the actor's role may see it.
PatientRecord shownTo(const auth::ActorContext& actor, PatientRecord record) {
    if (!domain::roleMayRead(actor.role, domain::PatientPart::Clinical)) {
        record.patient.allergies.clear();
        record.patient.chronicConditions.clear();
        record.clinicalShown = false;
    }
    return record;
}

std::optional<int> ageOn(const std::optional<domain::Date>& birth, const domain::Date& today) {
    if (!birth) return std::nullopt;
    return domain::ageInYears(*birth, today);
}

PatientSummary summaryOf(const store::PatientListing& l, const domain::Date& today) {
    return PatientSummary{l.id, l.mrn, l.name, l.sex, ageOn(l.birthDate, today), l.phone};
}

// A query made only of digits (any script) and the punctuation people type in
// phone numbers: "01712-345678", "+880 1712 345678", "5678", "২৩৪৫".
bool looksLikePhone(std::string_view q) {
    for (std::size_t i = 0; i < q.size(); ++i) {
        const char ch = q[i];
        if ((ch >= '0' && ch <= '9') || ch == ' ' || ch == '+' || ch == '-' || ch == '(' || ch == ')' || ch == '.')
            continue;
        if (static_cast<unsigned char>(ch) == 0xE0 && domain::phoneDigits(q.substr(i, 3)).size() == 1) {
            i += 2;
            continue;
        }
        return false;
    }
    return true;
}

// "26-000123" as typed, or "26000123" without the dash.
std::optional<std::string> mrnOf(std::string_view q) {
    if (domain::looksLikeMrn(q)) return std::string(q);
    const bool eightDigits =
        q.size() == 8 && std::all_of(q.begin(), q.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    if (eightDigits) return std::string(q.substr(0, 2)) + "-" + std::string(q.substr(2));
    return std::nullopt;
}

std::string asciiLower(std::string text) {
    for (char& ch : text)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return text;
}

}  // namespace

std::string canonicalSearchQuery(std::string_view query) {
    const std::string q = normalizeSpaces(query);
    if (const auto mrn = mrnOf(q)) return *mrn;
    if (looksLikePhone(q)) return domain::phoneDigits(q);
    return asciiLower(q);
}

std::string searchQueryHash(const audit::KeyedHasher& hasher, std::string_view query) {
    return hasher.hash(canonicalSearchQuery(query));
}

PatientService::PatientService(store::Database& db, const Clock& clock, audit::AuditLog& audit, SearchPolicy policy)
    : db_(db),
      clock_(clock),
      audit_(audit),
      searches_(clock, policy.perSession),
      queryHasher_(policy.queryHasher ? std::move(*policy.queryHasher) : audit::KeyedHasher::withKey([] {
          const auto bytes = randomBytes(32);
          return std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size());
      }())) {}

DuplicatePatientError::DuplicatePatientError(std::vector<PatientSummary> candidates)
    : Error(ErrorCode::Conflict,
            "a patient with this phone number and name is already registered; choose them, or confirm "
            "different_person",
            "different_person"),
      candidates_(std::move(candidates)) {}

namespace {

// Other patients with this patient's name and one of its phones.
std::vector<PatientSummary> sameNameAndPhone(store::PatientRepository& repo, const domain::Patient& patient,
                                             const ClinicContext& ctx) {
    std::vector<PatientSummary> candidates;
    for (const auto& e164 : patient.phones)
        for (const auto& l : repo.findByPhoneAndName(e164, patient.name))
            if (l.id != patient.id &&
                std::none_of(candidates.begin(), candidates.end(), [&](const auto& c) { return c.id == l.id; }))
                candidates.push_back(summaryOf(l, ctx.today));
    return candidates;
}

}  // namespace

PatientRecord PatientService::createPatient(const auth::ActorContext& actor, const NewPatient& request) {
    return service::audited(db_, audit_, actor, {Operation::CreatePatient, "patient.create", "patient", ""}, [&] {
        checkWritableParts(actor, request.fields);
        return db_.writePatientData([&](store::Connection& tx) {
            const TimePoint now = clock_.now();
            const ClinicContext ctx = clinicContext(tx, now);
            domain::Patient patient;
            applyFields(patient, request.fields, ctx, true);

            store::PatientRepository repo(tx);
            std::vector<PatientSummary> candidates = sameNameAndPhone(repo, patient, ctx);
            if (!candidates.empty() && !request.differentPerson) throw DuplicatePatientError(std::move(candidates));

            const auto stored = repo.insert(patient, ctx.today.year, actor.staffId > 0 ? std::optional(actor.staffId)
                                                                                        : std::nullopt,
                                            now);
            audit::AuditEvent e =
                service::auditEventFor(actor, "patient.create", "patient", std::to_string(stored.id), Outcome::Success);
            e.patientId = stored.id;
            e.detail = "mrn=" + stored.mrn;
            if (!candidates.empty())
                e.detail += "; confirmed a different person from " + std::to_string(candidates.size()) +
                            " with the same phone and name";
            audit_.append(tx, e);
            recordClinicalChanges(repo, actor, stored.id, domain::Patient{}, stored, now);
            recordConsentFlags(tx, actor, stored.id, domain::Patient{}, stored, now);
            return shownTo(actor, PatientRecord{stored, ageOn(stored.birthDate, ctx.today)});
        });
    });
}

PatientRecord PatientService::getPatient(const auth::ActorContext& actor, long long patientId) {
    const std::string objectId = std::to_string(patientId);
    const Attempt attempt{Operation::GetPatient, "patient.read", "patient", objectId, patientId};
    return service::audited(db_, audit_, actor, attempt, [&] {
        return db_.write([&](store::Connection& tx) {
            const ClinicContext ctx = clinicContext(tx, clock_.now());
            auto found = store::PatientRepository(tx).findById(patientId);
            if (!found) throw notFound("no patient with id " + objectId);
            service::appendSuccess(audit_, tx, actor, attempt);
            const auto age = ageOn(found->birthDate, ctx.today);
            return shownTo(actor, PatientRecord{std::move(*found), age});
        });
    });
}

PatientRecord PatientService::updatePatient(const auth::ActorContext& actor, long long patientId,
                                            const PatientFields& update, bool differentPerson) {
    const std::string objectId = std::to_string(patientId);
    const Attempt attempt{Operation::UpdatePatient, "patient.update", "patient", objectId, patientId};
    return service::audited(db_, audit_, actor, attempt, [&] {
        checkWritableParts(actor, update);
        return db_.writePatientData([&](store::Connection& tx) {
            const TimePoint now = clock_.now();
            const ClinicContext ctx = clinicContext(tx, now);
            store::PatientRepository repo(tx);
            auto found = repo.findById(patientId);
            if (!found) throw notFound("no patient with id " + objectId);
            domain::Patient patient = *found;
            applyFields(patient, update, ctx, false);
            const bool identityChanged = patient.name != found->name || patient.phones != found->phones;
            if (identityChanged && !differentPerson) {
                auto candidates = sameNameAndPhone(repo, patient, ctx);
                if (!candidates.empty()) throw DuplicatePatientError(std::move(candidates));
            }
            repo.update(patient, now);

            // Which fields changed, never their values (names and phones stay out of the trail).
            std::string changed;
            const domain::Patient& was = *found;
            for (const std::string_view field : domain::changedPatientFields(was, patient))
                changed += (changed.empty() ? "" : " ") + std::string(field);
            service::appendSuccess(audit_, tx, actor, attempt, changed.empty() ? "no change" : changed);
            recordClinicalChanges(repo, actor, patientId, was, patient, now);
            recordConsentFlags(tx, actor, patientId, was, patient, now);

            auto stored = repo.findById(patientId);
            const auto age = ageOn(stored->birthDate, ctx.today);
            return shownTo(actor, PatientRecord{std::move(*stored), age});
        });
    });
}

std::vector<PatientSummary> PatientService::searchPatients(const auth::ActorContext& actor, std::string_view query,
                                                           int limit) {
    const Attempt attempt{Operation::SearchPatients, "patient.search", "patient", ""};
    return service::audited(db_, audit_, actor, attempt, [&] {
        // The messages never repeat the query: they end up in the audit trail.
        const std::string q = normalizeSpaces(query);
        if (q.empty() || query.size() > maxSearchQueryBytes)
            throw invalidInput("q", "q must be 1 to " + std::to_string(maxSearchQueryBytes) + " bytes of text");
        const auto length = utf8Length(q);
        if (!length) throw invalidInput("q", "q must be valid UTF-8");
        if (limit < 1 || limit > maxSearchLimit)
            throw invalidInput("limit", "limit must be between 1 and " + std::to_string(maxSearchLimit));
        const auto mrn = mrnOf(q);
        const bool phone = !mrn && looksLikePhone(q);
        if (phone && domain::phoneDigits(q).size() < minPhoneQueryDigits)
            throw invalidInput("q", "a phone search needs at least " + std::to_string(minPhoneQueryDigits) + " digits");
        if (!mrn && !phone && graphemeCount(q).value_or(0) < minNameQueryLetters)
            throw invalidInput("q", "a name search needs at least " + std::to_string(minNameQueryLetters) + " letters");
        // Per session: the API's callers. In-process callers (sessionId 0) have none.
        const std::string bucket = "session " + std::to_string(actor.sessionId);
        const bool limited = actor.sessionId != 0;
        constexpr std::string_view what = "patient searches in this session";
        if (limited) searches_.check(bucket, what);

        return db_.write([&](store::Connection& tx) {
            const ClinicContext ctx = clinicContext(tx, clock_.now());
            store::PatientRepository repo(tx);
            std::vector<PatientSummary> found;
            auto add = [&](const std::vector<store::PatientListing>& listings) {
                for (const auto& l : listings) {
                    if (found.size() >= static_cast<std::size_t>(limit)) return;
                    if (std::none_of(found.begin(), found.end(), [&](const auto& s) { return s.id == l.id; }))
                        found.push_back(summaryOf(l, ctx.today));
                }
            };

            if (mrn)
                if (auto l = repo.findByMrn(*mrn)) add({*l});
            if (looksLikePhone(q)) {
                if (const auto e164 = domain::normalizePhone(q, ctx.phoneRegions)) add(repo.findByPhone(*e164, limit));
                const std::string digits = domain::phoneDigits(q);
                if (digits.size() >= minPhoneQueryDigits) add(repo.findByPhoneSuffix(digits, limit));
            } else if (*length >= 3) {
                add(repo.findByNameSubstring(q, limit));
            } else {
                add(repo.findByNamePrefix(q, limit));
            }
            // Only a search that shows patients spends the session's allowance;
            // a spent one is refused before anything is shown (and rolled back).
            if (limited && !found.empty()) searches_.take(bucket, what);

            // Each patient shown is indexed under the event, so their access
            // report ("who looked at my record") lists this search (at most
            // limit <= maxSearchLimit rows).
            audit::AuditEvent e = service::auditEventFor(actor, attempt.action, attempt.objectType,
                                                         attempt.objectId, Outcome::Success);
            std::string ids;
            for (const auto& f : found) {
                ids += (ids.empty() ? "" : ",") + std::to_string(f.id);
                e.patientsShown.push_back(f.id);
            }
            e.detail = "results " + std::to_string(found.size()) + "; patients " + (ids.empty() ? "-" : ids) +
                       "; query hmac-sha256 " + searchQueryHash(queryHasher_, q);
            audit_.append(tx, e);
            return found;
        });
    });
}

std::vector<store::ClinicalChange> PatientService::clinicalHistory(const auth::ActorContext& actor,
                                                                   long long patientId) {
    const std::string objectId = std::to_string(patientId);
    const Attempt attempt{Operation::GetPatientClinicalHistory, "patient.clinical_history", "patient", objectId,
                          patientId};
    return service::audited(db_, audit_, actor, attempt, [&] {
        return db_.write([&](store::Connection& tx) {
            store::PatientRepository repo(tx);
            if (!repo.findById(patientId)) throw notFound("no patient with id " + objectId);
            auto changes = repo.clinicalHistory(patientId);
            service::appendSuccess(audit_, tx, actor, attempt, std::to_string(changes.size()) + " changes");
            return changes;
        });
    });
}

}  // namespace hub::opd
