#include "hub/opd/visit_service.h"

#include "hub/core/error.h"
#include "hub/domain/clinic_day.h"
#include "hub/domain/permissions.h"
#include "hub/opd/visit_json.h"
#include "hub/service/audited.h"
#include "hub/service/clinic_today.h"
#include "hub/store/doctor_repository.h"
#include "hub/store/prescription_template_repository.h"

namespace hub::opd {
namespace {

using domain::Operation;
using service::Attempt;

constexpr std::size_t maxReasonBytes = 500;
constexpr std::size_t maxTemplateNameBytes = 100;
constexpr std::size_t maxTemplateItems = 50;
constexpr std::size_t maxDrugPrefixBytes = 100;

std::string trimmed(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(first, last - first + 1));
}

// Beyond the permission table: the actor must be a doctor with a profile,
// since a visit is always some doctor's.
domain::DoctorProfile requireDoctor(store::Connection& c, const auth::ActorContext& actor, Operation op) {
    auto doctor = store::DoctorRepository(c).find(actor.staffId);
    if (!doctor)
        throw Error(ErrorCode::Forbidden, "only a doctor with a doctor's profile may " +
                                              std::string(domain::operationName(op)));
    return *doctor;
}

store::VisitRecord requireVisit(store::VisitRepository& visits, long long visitId, bool withPrevious = false) {
    auto found = visits.find(visitId, withPrevious);
    if (!found) throw notFound("no visit with id " + std::to_string(visitId));
    return std::move(*found);
}

void requireOwnVisit(const store::VisitRecord& r, const auth::ActorContext& actor) {
    if (r.visit.doctorId != actor.staffId)
        throw Error(ErrorCode::Forbidden, "this visit is " + (r.doctorName.empty() ? "another doctor" : r.doctorName) +
                                              "'s; only they may change it");
}

void checkContent(domain::VisitContent& content, const domain::Date& earliestFollowUp) {
    if (auto problem = domain::checkVisitContent(content, earliestFollowUp))
        throw invalidInput(problem->field, problem->field + " " + problem->message);
}

bool sameVitals(const domain::Vitals& a, const domain::Vitals& b) {
    return a.bpSystolic == b.bpSystolic && a.bpDiastolic == b.bpDiastolic && a.pulse == b.pulse &&
           a.temperatureF == b.temperatureF && a.weightKg == b.weightKg && a.heightCm == b.heightCm &&
           a.spo2 == b.spo2 && a.bloodGlucoseMmolL == b.bloodGlucoseMmolL;
}

// Applies changes to the visit, validates, links new vitals and saves. The
// visit's content in r is updated too.
void applyAndSave(store::Connection& tx, store::VisitRecord& r, const VisitChanges& changes,
                  const auth::ActorContext& actor, const domain::Date& earliestFollowUp, TimePoint now) {
    domain::VisitContent content = r.visit.content;
    changes.applyTo(content);
    checkContent(content, earliestFollowUp);
    std::optional<long long> vitalsId = r.vitalsId;
    if (changes.vitals) {
        if (changes.vitals->empty()) vitalsId.reset();
        else if (!r.vitalsId || !sameVitals(*changes.vitals, r.visit.content.vitals))
            vitalsId = store::VitalsRepository(tx).insert(
                {0, r.visit.patientId, r.visit.tokenId, now, actor.staffId, *changes.vitals});
    }
    store::VisitRepository(tx).saveContent(r.visit.id, content, vitalsId, now);
}

void checkTemplateItems(std::vector<domain::PrescriptionItem>& items) {
    if (items.empty()) throw invalidInput("items", "items must list at least one drug");
    if (items.size() > maxTemplateItems)
        throw invalidInput("items", "items must have at most " + std::to_string(maxTemplateItems) + " drugs");
    for (std::size_t i = 0; i < items.size(); ++i)
        if (auto p = domain::checkPrescriptionItem(items[i])) {
            const std::string field = "items[" + std::to_string(i) + "]." + p->field;
            throw invalidInput(field, field + " " + p->message);
        }
}

}  // namespace

void VisitChanges::applyTo(domain::VisitContent& c) const {
    if (vitals) c.vitals = *vitals;
    if (complaints) c.complaints = *complaints;
    if (notes) c.notes = *notes;
    if (investigations) c.investigations = *investigations;
    if (advice) c.advice = *advice;
    if (diagnoses) c.diagnoses = *diagnoses;
    if (prescription) c.prescription = *prescription;
    if (followUpDate) c.followUpDate = *followUpDate;
}

OpenedVisit VisitService::createVisit(const auth::ActorContext& actor, const NewVisit& request) {
    const Attempt attempt{Operation::CreateVisit, "visit.create", "visit", "", request.patientId};
    return service::audited(db_, audit_, actor, attempt, [&] {
        return db_.writePatientData([&](store::Connection& tx) {
            requireDoctor(tx, actor, Operation::CreateVisit);
            store::VisitRepository visits(tx);
            if (!visits.visitPatient(request.patientId))
                throw unknownReference("patient_id", "patient_id: no patient with id " + std::to_string(request.patientId));
            const TimePoint now = clock_.now();
            const domain::Date today = service::clinicDateAt(tx, now);

            std::optional<long long> waitingVitals;
            if (request.tokenId) {
                const auto token = visits.token(*request.tokenId);
                if (!token)
                    throw unknownReference("token_id", "token_id: no token with id " + std::to_string(*request.tokenId));
                if (token->patientId != request.patientId)
                    throw invalidInput("token_id", "token_id: this token is another patient's");
                if (token->doctorId != actor.staffId)
                    throw Error(ErrorCode::Forbidden, "this token is in another doctor's queue", "token_id");
                if (const auto existing = visits.findIdByToken(*request.tokenId)) {
                    // The queue opened the draft at startConsultation: continue it.
                    store::VisitRecord r = requireVisit(visits, *existing);
                    if (r.visit.status != domain::VisitStatus::Draft)
                        throw Error(ErrorCode::Conflict,
                                    "this token's visit is finalized; amend visit " + std::to_string(*existing),
                                    "token_id");
                    requireOwnVisit(r, actor);
                    applyAndSave(tx, r, request.content, actor, today, now);
                    service::appendSuccess(audit_, tx, actor,
                                           {std::nullopt, "visit.update", "visit", std::to_string(*existing),
                                            request.patientId},
                                           "continued the token's draft");
                    return OpenedVisit{requireVisit(visits, *existing), false};
                }
                if (token->state == domain::TokenState::Cancelled || token->state == domain::TokenState::Transferred)
                    throw Error(ErrorCode::Conflict,
                                "this token was " + std::string(domain::tokenStateName(token->state)), "token_id");
                // Vitals a nurse took for this token while the patient waited.
                if (auto vitals = store::VitalsRepository(tx).latestForToken(*request.tokenId))
                    waitingVitals = vitals->id;
            }
            const long long id = visits.createDraft({request.patientId, actor.staffId, request.tokenId, waitingVitals, now});
            store::VisitRecord r = requireVisit(visits, id);
            applyAndSave(tx, r, request.content, actor, today, now);
            service::appendSuccess(audit_, tx, actor,
                                   {std::nullopt, "visit.create", "visit", std::to_string(id), request.patientId},
                                   request.tokenId ? "token " + std::to_string(*request.tokenId) : "walk-in");
            return OpenedVisit{requireVisit(visits, id), true};
        });
    });
}

store::VisitRecord VisitService::getVisit(const auth::ActorContext& actor, long long visitId, bool withPrevious) {
    const Attempt start{Operation::GetVisit, "visit.read", "visit", std::to_string(visitId)};
    return service::audited(db_, audit_, actor, start, [&](Attempt& attempt) {
        return db_.write([&](store::Connection& tx) {
            requireDoctor(tx, actor, Operation::GetVisit);
            store::VisitRepository visits(tx);
            store::VisitRecord r = requireVisit(visits, visitId, withPrevious);
            attempt.patientId = r.visit.patientId;
            service::appendSuccess(audit_, tx, actor, attempt);
            return r;
        });
    });
}

// Update, finalize and amend share one frame: a write transaction on one of the
// calling doctor's own visits, audited whether it succeeds or is refused.
// `change` does the work and returns the audit detail.
template <typename Change>
store::VisitRecord VisitService::changeOwnVisit(const auth::ActorContext& actor, long long visitId,
                                                domain::Operation op, std::string_view action, Change&& change) {
    const Attempt start{op, action, "visit", std::to_string(visitId)};
    return service::audited(db_, audit_, actor, start, [&](Attempt& attempt) {
        return db_.writePatientData([&](store::Connection& tx) {
            requireDoctor(tx, actor, op);
            store::VisitRepository visits(tx);
            store::VisitRecord r = requireVisit(visits, visitId);
            attempt.patientId = r.visit.patientId;
            requireOwnVisit(r, actor);
            service::appendSuccess(audit_, tx, actor, attempt, change(tx, visits, r));
            return requireVisit(visits, visitId);
        });
    });
}

store::VisitRecord VisitService::updateVisit(const auth::ActorContext& actor, long long visitId,
                                             const VisitChanges& changes) {
    return changeOwnVisit(actor, visitId, Operation::UpdateVisit, "visit.update",
                          [&](store::Connection& tx, store::VisitRepository&, store::VisitRecord& r) {
        if (r.visit.status != domain::VisitStatus::Draft)
            throw conflict("visit " + std::to_string(visitId) + " is finalized; amend it instead");
        const TimePoint now = clock_.now();
        applyAndSave(tx, r, changes, actor, service::clinicDateAt(tx, now), now);
        return std::string();
    });
}

store::VisitRecord VisitService::finalizeVisit(const auth::ActorContext& actor, long long visitId) {
    return changeOwnVisit(actor, visitId, Operation::FinalizeVisit, "visit.finalize",
                          [&](store::Connection&, store::VisitRepository& visits, store::VisitRecord&) {
        if (!visits.finalize(visitId, clock_.now()))
            throw conflict("visit " + std::to_string(visitId) + " is already finalized");
        return std::string();
    });
}

store::VisitRecord VisitService::amendVisit(const auth::ActorContext& actor, long long visitId,
                                            const VisitChanges& changes, std::string_view reason) {
    return changeOwnVisit(actor, visitId, Operation::AmendVisit, "visit.amend",
                          [&](store::Connection& tx, store::VisitRepository& visits, store::VisitRecord& r) {
        const std::string why = trimmed(reason);
        if (why.empty()) throw invalidInput("reason", "reason is required: say why the visit is amended");
        if (why.size() > maxReasonBytes)
            throw invalidInput("reason", "reason must be at most " + std::to_string(maxReasonBytes) + " bytes");
        if (r.visit.status != domain::VisitStatus::Finalized)
            throw conflict("visit " + std::to_string(visitId) + " is still a draft; update it instead");
        const std::string previous = jsonText(visitContentJson(r.visit.content));
        const TimePoint now = clock_.now();
        // A follow-up set at the visit stays valid when it is amended later.
        const domain::Date visitDay = service::clinicDateAt(tx, r.visit.createdAt);
        applyAndSave(tx, r, changes, actor, visitDay, now);
        return "amendment " + std::to_string(visits.addAmendment(visitId, actor.staffId, why, previous, now));
    });
}

std::string VisitService::prescriptionHtml(const auth::ActorContext& actor, long long visitId, Paper paper) {
    const Attempt start{Operation::GetPrescriptionPrint, "visit.print", "visit", std::to_string(visitId)};
    return service::audited(db_, audit_, actor, start, [&](Attempt& attempt) {
        return db_.write([&](store::Connection& tx) {
            requireDoctor(tx, actor, Operation::GetPrescriptionPrint);
            store::VisitRepository visits(tx);
            const store::VisitRecord r = requireVisit(visits, visitId);
            attempt.patientId = r.visit.patientId;
            const auto clinic = service::requireClinic(tx);
            const auto patient = visits.visitPatient(r.visit.patientId);
            if (!patient) throw Error(ErrorCode::Internal, "visit without its patient");
            const auto doctor = store::DoctorRepository(tx).find(r.visit.doctorId);

            PrescriptionPage page;
            page.paper = paper;
            page.language = patient->preferredLanguage;
            const auto& c = clinic.profile;
            page.clinicName = c.name;
            page.clinicNameBn = c.nameBn;
            page.clinicAddress = c.address;
            page.clinicPhone = c.phone;
            page.clinicTagline = c.letterheadTagline;
            page.clinicFooter = c.letterheadFooter;
            if (doctor) {
                page.doctorName = doctor->nameEn;
                page.doctorNameBn = doctor->nameBn;
                page.qualifications = doctor->qualifications;
                page.registrationNumber = doctor->registrationNumber;
                page.specialty = doctor->specialty;
            }
            page.patientName = patient->name;
            page.mrn = patient->mrn;
            page.sex = patient->sex;
            page.date = domain::clinicDayAt(r.visit.createdAt, c.timezone).calendarDate();
            if (patient->birthDate) page.ageYears = domain::ageInYears(*patient->birthDate, page.date);
            page.draft = r.visit.status == domain::VisitStatus::Draft;
            page.content = r.visit.content;
            service::appendSuccess(audit_, tx, actor, attempt, "paper=" + std::string(paperName(paper)));
            return renderPrescriptionHtml(page);
        });
    });
}

PatientHistory VisitService::patientHistory(const auth::ActorContext& actor, long long patientId) {
    const Attempt attempt{Operation::GetPatientHistory, "patient.history", "patient", std::to_string(patientId),
                          patientId};
    return service::audited(db_, audit_, actor, attempt, [&] {
        return db_.write([&](store::Connection& tx) {
            requireDoctor(tx, actor, Operation::GetPatientHistory);
            store::VisitRepository visits(tx);
            auto patient = visits.visitPatient(patientId);
            if (!patient) throw notFound("no patient with id " + std::to_string(patientId));
            PatientHistory h{std::move(*patient), store::VitalsRepository(tx).latestForPatient(patientId), visits.listByPatient(patientId)};
            service::appendSuccess(audit_, tx, actor, attempt, std::to_string(h.visits.size()) + " visits");
            return h;
        });
    });
}

std::optional<LastPrescription> VisitService::lastPrescription(const auth::ActorContext& actor, long long patientId) {
    const Attempt attempt{Operation::GetLastPrescription, "patient.last_prescription", "patient",
                          std::to_string(patientId), patientId};
    return service::audited(db_, audit_, actor, attempt, [&] {
        return db_.write([&](store::Connection& tx) -> std::optional<LastPrescription> {
            requireDoctor(tx, actor, Operation::GetLastPrescription);
            store::VisitRepository visits(tx);
            if (!visits.visitPatient(patientId)) throw notFound("no patient with id " + std::to_string(patientId));
            const auto last = visits.lastPrescribed(patientId);
            service::appendSuccess(audit_, tx, actor, attempt, last ? "visit " + std::to_string(last->visit.id) : "none");
            if (!last) return std::nullopt;
            return LastPrescription{last->visit.id, last->visit.doctorId, last->doctorName, last->visit.createdAt,
                                    last->visit.content.prescription};
        });
    });
}

std::vector<store::Drug> VisitService::searchDrugs(const auth::ActorContext& actor, std::string_view prefix,
                                                   int limit) {
    service::requirePermission(actor, Operation::ListDrugs);
    const std::string q = trimmed(prefix);
    if (q.size() > maxDrugPrefixBytes)
        throw invalidInput("q", "q must be at most " + std::to_string(maxDrugPrefixBytes) + " bytes");
    // The formulary is not patient data: no audit event for a keystroke.
    return db_.read([&](store::Connection& c) { return store::DrugRepository(c).searchByPrefix(q, limit); });
}

std::vector<PrescriptionTemplate> VisitService::listTemplates(const auth::ActorContext& actor) {
    service::requirePermission(actor, Operation::ListPrescriptionTemplates);
    return db_.read([&](store::Connection& c) {
        requireDoctor(c, actor, Operation::ListPrescriptionTemplates);
        std::vector<PrescriptionTemplate> all;
        for (auto& t : store::PrescriptionTemplateRepository(c).listByDoctor(actor.staffId)) {
            const auto items = parseJsonText(t.itemsJson).extract<Poco::JSON::Array::Ptr>();
            all.push_back({t.id, std::move(t.name), prescriptionFromJson(items, "items"), t.createdAt});
        }
        return all;
    });
}

PrescriptionTemplate VisitService::createTemplate(const auth::ActorContext& actor, std::string_view name,
                                                  std::vector<domain::PrescriptionItem> items) {
    const Attempt attempt{Operation::CreatePrescriptionTemplate, "prescription_template.create",
                          "prescription_template", ""};
    return service::audited(db_, audit_, actor, attempt, [&] {
        const std::string title = trimmed(name);
        if (title.empty()) throw invalidInput("name", "name is required");
        if (title.size() > maxTemplateNameBytes)
            throw invalidInput("name", "name must be at most " + std::to_string(maxTemplateNameBytes) + " bytes");
        checkTemplateItems(items);
        return db_.write([&](store::Connection& tx) {
            requireDoctor(tx, actor, Operation::CreatePrescriptionTemplate);
            const TimePoint now = clock_.now();
            const long long id = store::PrescriptionTemplateRepository(tx).insert(
                actor.staffId, title, jsonText(prescriptionJson(items)), now);
            service::appendSuccess(audit_, tx, actor,
                                   {std::nullopt, attempt.action, attempt.objectType, std::to_string(id)});
            return PrescriptionTemplate{id, title, items, fromUnixSeconds(toUnixSeconds(now))};
        });
    });
}

}  // namespace hub::opd
