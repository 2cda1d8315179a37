#include "hub/rights/export_service.h"

#include "hub/opd/clinic_service.h"
#include "hub/service/audited.h"
#include "hub/opd/visit_json.h"
#include "hub/rights/fhir_export.h"
#include "hub/store/clinic_repository.h"
#include "hub/store/patient_repository.h"

#include <Poco/JSON/Array.h>

#include <algorithm>

namespace hub::rights {
namespace {

Poco::Dynamic::Var optionalTime(const std::optional<TimePoint>& t) {
    return t ? Poco::Dynamic::Var(formatRfc3339(*t)) : Poco::Dynamic::Var();
}
Poco::Dynamic::Var optionalId(const std::optional<long long>& id) {
    return id ? Poco::Dynamic::Var(std::to_string(*id)) : Poco::Dynamic::Var();
}

Poco::JSON::Array::Ptr stringArray(const std::vector<std::string>& values) {
    Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
    for (const auto& v : values) a->add(v);
    return a;
}

Poco::JSON::Object::Ptr patientPart(const PatientDossier& d) {
    const auto& p = d.patient;
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", std::to_string(p.id));
    o->set("mrn", p.mrn);
    o->set("name", p.name);
    o->set("phones", stringArray(p.phones));
    o->set("sex", std::string(domain::sexName(p.sex)));
    o->set("date_of_birth", p.birthDate ? Poco::Dynamic::Var(p.birthDate->iso()) : Poco::Dynamic::Var());
    o->set("date_of_birth_approximate", p.birthDateApproximate);
    o->set("address", p.address);
    o->set("guardian", p.guardian);
    o->set("blood_group", p.bloodGroup);
    o->set("allergies", p.allergies);
    Poco::JSON::Array::Ptr conditions = new Poco::JSON::Array;
    for (std::size_t i = 0; i < p.chronicConditions.size(); ++i) {
        Poco::JSON::Object::Ptr c = new Poco::JSON::Object;
        c->set("code", p.chronicConditions[i]);
        c->set("label", i < d.conditionLabels.size() ? d.conditionLabels[i] : p.chronicConditions[i]);
        conditions->add(c);
    }
    o->set("chronic_conditions", conditions);
    o->set("consent_sms", p.consentSms);
    o->set("consent_whatsapp", p.consentWhatsapp);
    o->set("preferred_language", std::string(domain::languageName(p.preferredLanguage)));
    o->set("created_at", formatRfc3339(p.createdAt));
    o->set("updated_at", formatRfc3339(p.updatedAt));
    o->set("anonymised", d.anonymised);
    return o;
}

Poco::JSON::Object::Ptr visitPart(const store::VisitRecord& r) {
    const auto& v = r.visit;
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", std::to_string(v.id));
    o->set("status", std::string(domain::visitStatusName(v.status)));
    Poco::JSON::Object::Ptr doctor = new Poco::JSON::Object;
    doctor->set("id", std::to_string(v.doctorId));
    doctor->set("name", r.doctorName);
    o->set("doctor", doctor);
    o->set("token_id", optionalId(v.tokenId));
    o->set("created_at", formatRfc3339(v.createdAt));
    o->set("updated_at", formatRfc3339(v.updatedAt));
    o->set("finalized_at", optionalTime(v.finalizedAt));
    o->set("vitals_recorded_at", optionalTime(r.vitalsRecordedAt));
    o->set("content", opd::visitContentJson(v.content));
    Poco::JSON::Array::Ptr amendments = new Poco::JSON::Array;
    for (std::size_t i = 0; i < v.amendments.size(); ++i) {
        const auto& a = v.amendments[i];
        Poco::JSON::Object::Ptr j = new Poco::JSON::Object;
        j->set("id", std::to_string(a.id));
        j->set("amended_at", formatRfc3339(a.at));
        j->set("amended_by", std::to_string(a.byStaffId));
        j->set("reason", a.reason);
        j->set("previous_content",
               i < r.previousContents.size() ? opd::parseJsonText(r.previousContents[i]) : Poco::Dynamic::Var());
        amendments->add(j);
    }
    o->set("amendments", amendments);
    return o;
}

}  // namespace

std::optional<ExportFormat> parseExportFormat(std::string_view name) {
    if (name == "json") return ExportFormat::Json;
    if (name == "fhir") return ExportFormat::Fhir;
    return std::nullopt;
}

PatientDossier readDossier(store::Connection& c, long long patientId) {
    PatientDossier d;
    auto patient = store::PatientRepository(c).findById(patientId);
    if (!patient) throw notFound("no patient with id " + std::to_string(patientId));
    d.patient = std::move(*patient);
    store::ClinicRepository clinics(c);
    if (const auto clinic = clinics.get()) {
        d.clinicName = clinic->profile.name;
        d.clinicBoxId = clinic->boxId;
    }
    const auto all = clinics.chronicConditions();
    for (const auto& code : d.patient.chronicConditions) {
        auto it = std::find_if(all.begin(), all.end(), [&](const auto& c2) { return c2.code == code; });
        d.conditionLabels.push_back(it != all.end() ? it->labelEn : code);
    }
    d.anonymised = store::RetentionRepository(c).anonymised(patientId);
    store::VisitRepository visits(c);
    auto list = visits.listByPatient(patientId);
    std::reverse(list.begin(), list.end());  // oldest first: the story in order
    for (auto& v : list) {
        if (!v.visit.amendments.empty()) {
            if (auto full = visits.find(v.visit.id, true)) v = std::move(*full);
        }
        d.visits.push_back(std::move(v));
    }
    store::ConsentRepository consents(c);
    d.currentConsents = consents.current(patientId);
    d.consentHistory = consents.history(patientId);
    return d;
}

Poco::JSON::Object::Ptr consentEntryJson(const store::ConsentEntry& e) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", std::to_string(e.id));
    o->set("purpose", e.purpose);
    o->set("state", e.given ? "given" : "withdrawn");
    o->set("recorded_at", formatRfc3339(e.recordedAt));
    o->set("recorded_by", optionalId(e.recordedBy));
    o->set("recorded_by_username", e.recordedByUsername);
    o->set("method", e.method);
    o->set("text_version", e.textVersion);
    return o;
}

Poco::JSON::Object::Ptr dossierJson(const PatientDossier& d, TimePoint exportedAt) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("format", "clinic-hub.patient-export");
    o->set("version", 1);
    o->set("exported_at", formatRfc3339(exportedAt));
    Poco::JSON::Object::Ptr clinic = new Poco::JSON::Object;
    clinic->set("name", d.clinicName);
    o->set("clinic", clinic);
    o->set("patient", patientPart(d));
    Poco::JSON::Array::Ptr visits = new Poco::JSON::Array;
    for (const auto& v : d.visits) visits->add(visitPart(v));
    o->set("visits", visits);
    Poco::JSON::Object::Ptr consents = new Poco::JSON::Object;
    Poco::JSON::Array::Ptr current = new Poco::JSON::Array, history = new Poco::JSON::Array;
    for (const auto& e : d.currentConsents) current->add(consentEntryJson(e));
    for (const auto& e : d.consentHistory) history->add(consentEntryJson(e));
    consents->set("current", current);
    consents->set("history", history);
    o->set("consents", consents);
    return o;
}

Poco::JSON::Object::Ptr ExportService::exportPatient(const auth::ActorContext& actor, long long patientId,
                                                     ExportFormat format) {
    const std::string id = std::to_string(patientId);
    const service::Attempt attempt{domain::Operation::ExportPatient, "patient.export", "patient", id, patientId};
    return service::audited(db_, audit_, actor, attempt, [&] {
        const TimePoint now = clock_.now();
        return db_.write([&](store::Connection& tx) {
            const auto dossier = readDossier(tx, patientId);
            service::appendSuccess(audit_, tx, actor, {std::nullopt, "patient.export", "patient", id, patientId},
                                   format == ExportFormat::Json ? "format=json" : "format=fhir");
            return format == ExportFormat::Json ? dossierJson(dossier, now) : fhirBundle(dossier, now);
        });
    });
}

void ExportService::exportClinic(const auth::ActorContext& actor, ExportFormat format,
                                 const std::function<void(const PatientDossier&)>& visit) {
    const std::string detail = format == ExportFormat::Json ? "format=json" : "format=fhir";
    const service::Attempt attempt{domain::Operation::ExportClinic, "clinic.export", "clinic", ""};
    service::audited(db_, audit_, actor, attempt, [&] {
        db_.write([&](store::Connection& tx) {
            service::appendSuccess(audit_, tx, actor, attempt, detail + "; started");
        });
        long long afterId = 0, count = 0;
        for (;;) {
            // A batch of ids per read; each dossier is built, handed on and dropped.
            const auto ids =
                db_.read([&](store::Connection& c) { return store::PatientRepository(c).idsAfter(afterId, 500); });
            if (ids.empty()) break;
            db_.read([&](store::Connection& c) {
                for (long long id : ids) visit(readDossier(c, id));
            });
            afterId = ids.back();
            count += static_cast<long long>(ids.size());
        }
        db_.write([&](store::Connection& tx) {
            service::appendSuccess(audit_, tx, actor, attempt,
                                   detail + "; finished; patients=" + std::to_string(count));
        });
    });
}

}  // namespace hub::rights
