#include "hub/rights/fhir_export.h"

#include "hub/domain/dose.h"

#include <Poco/JSON/Array.h>

#include <optional>

namespace hub::rights {
namespace {

using Obj = Poco::JSON::Object::Ptr;
using Arr = Poco::JSON::Array::Ptr;

constexpr const char* loinc = "http://loinc.org";
constexpr const char* ucum = "http://unitsofmeasure.org";

Obj obj() { return new Poco::JSON::Object; }
Arr arr() { return new Poco::JSON::Array; }
template <typename... T>
Arr arrOf(T... items) {
    Arr a = arr();
    (a->add(items), ...);
    return a;
}

Obj coding(const std::string& system, const std::string& code, const std::string& display = {}) {
    Obj c = obj();
    c->set("system", system);
    c->set("code", code);
    if (!display.empty()) c->set("display", display);
    return c;
}
Obj codeable(Obj codingValue, const std::string& text = {}) {
    Obj c = obj();
    if (codingValue) c->set("coding", arrOf(codingValue));
    if (!text.empty()) c->set("text", text);
    return c;
}
Obj textConcept(const std::string& text) {
    Obj c = obj();
    c->set("text", text);
    return c;
}
Obj ref(const std::string& reference) {
    Obj r = obj();
    r->set("reference", reference);
    return r;
}
Obj quantity(double value, const std::string& unit, const std::string& code) {
    Obj q = obj();
    q->set("value", value);
    q->set("unit", unit);
    q->set("system", ucum);
    q->set("code", code);
    return q;
}

// FHIR dateTime with seconds and a zone.
std::string dateTime(TimePoint t) { return formatRfc3339(t); }

struct Ids {
    std::string patient;
    std::string patientRef;
};

Obj patientResource(const PatientDossier& d, const Ids& ids) {
    const auto& p = d.patient;
    Obj r = obj();
    r->set("resourceType", "Patient");
    r->set("id", ids.patient);
    Obj identifier = obj();
    identifier->set("system", "urn:clinic-hub:" + (d.clinicBoxId.empty() ? std::string("box") : d.clinicBoxId) + ":mrn");
    identifier->set("value", p.mrn);
    r->set("identifier", arrOf(identifier));
    r->set("active", true);
    Obj name = obj();
    name->set("text", p.name);
    r->set("name", arrOf(name));
    if (!p.phones.empty()) {
        Arr telecom = arr();
        for (std::size_t i = 0; i < p.phones.size(); ++i) {
            Obj t = obj();
            t->set("system", "phone");
            t->set("value", p.phones[i]);
            t->set("rank", static_cast<int>(i + 1));
            telecom->add(t);
        }
        r->set("telecom", telecom);
    }
    r->set("gender", std::string(domain::sexName(p.sex)));
    if (p.birthDate) r->set("birthDate", p.birthDate->iso());
    if (!p.address.empty()) {
        Obj a = obj();
        a->set("text", p.address);
        r->set("address", arrOf(a));
    }
    if (!p.guardian.empty()) {
        Obj contact = obj();
        contact->set("relationship", arrOf(textConcept("guardian")));
        Obj n = obj();
        n->set("text", p.guardian);
        contact->set("name", n);
        r->set("contact", arrOf(contact));
    }
    Obj communication = obj();
    communication->set("language",
                       codeable(coding("urn:ietf:bcp:47", std::string(domain::languageName(p.preferredLanguage)))));
    communication->set("preferred", true);
    r->set("communication", arrOf(communication));
    return r;
}

Obj observation(const std::string& id, const Ids& ids, const std::string& encounterRef, TimePoint at,
                const std::string& code, const std::string& display) {
    Obj o = obj();
    o->set("resourceType", "Observation");
    o->set("id", id);
    o->set("status", "final");
    o->set("category", arrOf(codeable(coding("http://terminology.hl7.org/CodeSystem/observation-category",
                                            "vital-signs", "Vital Signs"))));
    o->set("code", codeable(coding(loinc, code, display), display));
    o->set("subject", ref(ids.patientRef));
    if (!encounterRef.empty()) o->set("encounter", ref(encounterRef));
    o->set("effectiveDateTime", dateTime(at));
    return o;
}

void vitalsResources(const domain::Vitals& v, const std::string& prefix, const Ids& ids, const std::string& encounterRef,
                     TimePoint at, const std::function<void(const std::string&, const Obj&)>& emit) {
    if (v.bpSystolic && v.bpDiastolic) {
        Obj o = observation(prefix + "-bp", ids, encounterRef, at, "85354-9", "Blood pressure panel");
        Obj sys = obj(), dia = obj();
        sys->set("code", codeable(coding(loinc, "8480-6", "Systolic blood pressure")));
        sys->set("valueQuantity", quantity(*v.bpSystolic, "mmHg", "mm[Hg]"));
        dia->set("code", codeable(coding(loinc, "8462-4", "Diastolic blood pressure")));
        dia->set("valueQuantity", quantity(*v.bpDiastolic, "mmHg", "mm[Hg]"));
        o->set("component", arrOf(sys, dia));
        emit("Observation", o);
    }
    auto single = [&](const std::optional<double>& value, const char* suffix, const char* code, const char* display,
                      const char* unit, const char* ucumCode) {
        if (!value) return;
        Obj o = observation(prefix + "-" + suffix, ids, encounterRef, at, code, display);
        o->set("valueQuantity", quantity(*value, unit, ucumCode));
        emit("Observation", o);
    };
    auto asDouble = [](const std::optional<int>& i) { return i ? std::optional<double>(*i) : std::nullopt; };
    single(asDouble(v.pulse), "pulse", "8867-4", "Heart rate", "beats/minute", "/min");
    single(v.temperatureF, "temp", "8310-5", "Body temperature", "degF", "[degF]");
    single(v.weightKg, "weight", "29463-7", "Body weight", "kg", "kg");
    single(v.heightCm, "height", "8302-2", "Body height", "cm", "cm");
    single(asDouble(v.spo2), "spo2", "59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry", "%", "%");
    single(v.bloodGlucoseMmolL, "glucose", "15074-8", "Glucose [Moles/volume] in Blood", "mmol/L", "mmol/L");
}

// EventTiming codes for the times of day of the "1+0+1" notation, by meal timing.
std::string whenCode(std::size_t slot, std::size_t slots, domain::MealTiming timing) {
    using domain::MealTiming;
    // Morning, noon, (evening,) night.
    const bool night = slot == slots - 1;
    const bool evening = slots == 4 && slot == 2;
    if (timing == MealTiming::Bedtime && night) return "HS";
    const char* meal[3][3] = {{"ACM", "ACD", "ACV"}, {"PCM", "PCD", "PCV"}, {"CM", "CD", "CV"}};
    const std::size_t mealOf = slot == 0 ? 0 : (night || evening) ? 2 : 1;
    switch (timing) {
        case MealTiming::BeforeMeal:
        case MealTiming::EmptyStomach: return meal[0][mealOf];
        case MealTiming::AfterMeal: return meal[1][mealOf];
        case MealTiming::WithMeal: return meal[2][mealOf];
        default: break;
    }
    if (slot == 0) return "MORN";
    if (night) return "NIGHT";
    return evening ? "EVE" : "NOON";
}

std::optional<Obj> boundsOf(const domain::Duration& d) {
    using U = domain::Duration::Unit;
    if (d.unit == U::Continue || d.count <= 0) return std::nullopt;
    const char* codes[] = {"d", "wk", "mo"};
    const char* units[] = {"days", "weeks", "months"};
    const auto i = static_cast<std::size_t>(d.unit);
    return quantity(d.count, units[i], codes[i]);
}

Arr dosageOf(const domain::PrescriptionItem& item) {
    std::string text = item.dose;
    if (item.timing != domain::MealTiming::Any) text += ", " + std::string(domain::mealTimingName(item.timing));
    text += ", " + item.duration.text();
    if (!item.instructions.empty()) text += "; " + item.instructions;
    Arr out = arr();
    const auto schedule = domain::parseDoseNotation(item.dose);
    if (!schedule) {
        Obj d = obj();
        d->set("text", text);
        out->add(d);
        return out;
    }
    int sequence = 1;
    for (std::size_t slot = 0; slot < schedule->quarters.size(); ++slot) {
        const int q = schedule->quarters[slot];
        if (q == 0) continue;
        Obj repeat = obj();
        if (auto b = boundsOf(item.duration)) repeat->set("boundsDuration", *b);
        repeat->set("frequency", 1);
        repeat->set("period", 1);
        repeat->set("periodUnit", "d");
        repeat->set("when", arrOf(whenCode(slot, schedule->quarters.size(), item.timing)));
        Obj timing = obj();
        timing->set("repeat", repeat);
        Obj dose = obj();
        dose->set("value", q / 4.0);
        if (!item.form.empty()) dose->set("unit", item.form);
        Obj rate = obj();
        rate->set("doseQuantity", dose);
        Obj d = obj();
        d->set("sequence", sequence++);
        d->set("text", text);
        d->set("timing", timing);
        d->set("doseAndRate", arrOf(rate));
        out->add(d);
    }
    return out;
}

}  // namespace

void forEachFhirResource(const PatientDossier& d, const std::function<void(const std::string&, const Obj&)>& emit) {
    const std::string pid = std::to_string(d.patient.id);
    const Ids ids{"patient-" + pid, "Patient/patient-" + pid};
    emit("Patient", patientResource(d, ids));

    if (!d.patient.bloodGroup.empty()) {
        Obj o = obj();
        o->set("resourceType", "Observation");
        o->set("id", "p" + pid + "-blood-group");
        o->set("status", "final");
        o->set("code", codeable(coding(loinc, "882-1", "ABO and Rh group [Type] in Blood")));
        o->set("subject", ref(ids.patientRef));
        o->set("valueCodeableConcept", textConcept(d.patient.bloodGroup));
        emit("Observation", o);
    }
    for (std::size_t i = 0; i < d.patient.chronicConditions.size(); ++i) {
        Obj c = obj();
        c->set("resourceType", "Condition");
        c->set("id", "p" + pid + "-chronic-" + d.patient.chronicConditions[i]);
        c->set("clinicalStatus",
               codeable(coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active")));
        c->set("category", arrOf(codeable(coding("http://terminology.hl7.org/CodeSystem/condition-category",
                                                "problem-list-item", "Problem List Item"))));
        c->set("code", textConcept(i < d.conditionLabels.size() ? d.conditionLabels[i] : d.patient.chronicConditions[i]));
        c->set("subject", ref(ids.patientRef));
        emit("Condition", c);
    }
    if (!d.patient.allergies.empty()) {
        Obj a = obj();
        a->set("resourceType", "AllergyIntolerance");
        a->set("id", "p" + pid + "-allergies");
        a->set("clinicalStatus",
               codeable(coding("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active")));
        a->set("verificationStatus",
               codeable(coding("http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", "unconfirmed")));
        a->set("code", textConcept(d.patient.allergies));
        a->set("patient", ref(ids.patientRef));
        emit("AllergyIntolerance", a);
    }

    for (const auto& record : d.visits) {
        const auto& v = record.visit;
        const std::string vid = std::to_string(v.id);
        const std::string encounterId = "encounter-" + vid;
        const std::string encounterRef = "Encounter/" + encounterId;
        const bool finalized = v.status == domain::VisitStatus::Finalized;
        Obj e = obj();
        e->set("resourceType", "Encounter");
        e->set("id", encounterId);
        e->set("status", finalized ? "finished" : "in-progress");
        e->set("class", coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
        e->set("subject", ref(ids.patientRef));
        Obj doctor = obj();
        doctor->set("display", record.doctorName);
        Obj participant = obj();
        participant->set("individual", doctor);
        e->set("participant", arrOf(participant));
        Obj period = obj();
        period->set("start", dateTime(v.createdAt));
        if (v.finalizedAt) period->set("end", dateTime(*v.finalizedAt));
        e->set("period", period);
        if (!v.content.complaints.empty()) e->set("reasonCode", arrOf(textConcept(v.content.complaints)));
        emit("Encounter", e);

        if (!v.content.vitals.empty())
            vitalsResources(v.content.vitals, "v" + vid, ids, encounterRef, record.vitalsRecordedAt.value_or(v.createdAt),
                            emit);

        for (std::size_t i = 0; i < v.content.diagnoses.size(); ++i) {
            const auto& dx = v.content.diagnoses[i];
            Obj c = obj();
            c->set("resourceType", "Condition");
            c->set("id", "v" + vid + "-dx-" + std::to_string(i + 1));
            c->set("category", arrOf(codeable(coding("http://terminology.hl7.org/CodeSystem/condition-category",
                                                    "encounter-diagnosis", "Encounter Diagnosis"))));
            c->set("code", dx.icd10.empty() ? textConcept(dx.text)
                                            : codeable(coding("http://hl7.org/fhir/sid/icd-10", dx.icd10), dx.text));
            c->set("subject", ref(ids.patientRef));
            c->set("encounter", ref(encounterRef));
            c->set("recordedDate", dateTime(v.createdAt));
            emit("Condition", c);
        }

        const auto& ct = v.content;
        if (!ct.notes.empty() || !ct.investigations.empty() || !ct.advice.empty() || ct.followUpDate ||
            !v.amendments.empty()) {
            Obj ci = obj();
            ci->set("resourceType", "ClinicalImpression");
            ci->set("id", "v" + vid + "-notes");
            ci->set("status", finalized ? "completed" : "in-progress");
            ci->set("subject", ref(ids.patientRef));
            ci->set("encounter", ref(encounterRef));
            ci->set("date", dateTime(v.updatedAt));
            if (!ct.notes.empty()) ci->set("summary", ct.notes);
            Arr notes = arr();
            auto note = [&](const std::string& label, const std::string& text) {
                if (text.empty()) return;
                Obj n = obj();
                n->set("text", label + ": " + text);
                notes->add(n);
            };
            note("Investigations", ct.investigations);
            note("Advice", ct.advice);
            if (ct.followUpDate) note("Follow-up", ct.followUpDate->iso());
            for (const auto& a : v.amendments) {
                Obj n = obj();
                n->set("time", dateTime(a.at));
                n->set("text", "Amended (staff " + std::to_string(a.byStaffId) + "): " + a.reason);
                notes->add(n);
            }
            if (notes->size() > 0) ci->set("note", notes);
            emit("ClinicalImpression", ci);
        }

        for (std::size_t i = 0; i < ct.prescription.size(); ++i) {
            const auto& item = ct.prescription[i];
            std::string medication = item.drug;
            if (!item.strength.empty()) medication += " " + item.strength;
            if (!item.form.empty()) medication += " " + item.form;
            Obj m = obj();
            m->set("resourceType", "MedicationRequest");
            m->set("id", "v" + vid + "-rx-" + std::to_string(i + 1));
            m->set("status", finalized ? "active" : "draft");
            m->set("intent", "order");
            m->set("medicationCodeableConcept", textConcept(medication));
            m->set("subject", ref(ids.patientRef));
            m->set("encounter", ref(encounterRef));
            m->set("authoredOn", dateTime(v.finalizedAt.value_or(v.createdAt)));
            Obj requester = obj();
            requester->set("display", record.doctorName);
            m->set("requester", requester);
            m->set("dosageInstruction", dosageOf(item));
            emit("MedicationRequest", m);
        }
    }

    for (const auto& entry : d.consentHistory) {
        bool newest = false;
        for (const auto& c : d.currentConsents) newest = newest || c.id == entry.id;
        Obj c = obj();
        c->set("resourceType", "Consent");
        c->set("id", "consent-" + std::to_string(entry.id));
        c->set("status", newest ? "active" : "inactive");
        c->set("scope", codeable(coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy")));
        c->set("category", arrOf(codeable(coding(loinc, "59284-0", "Patient Consent"))));
        c->set("patient", ref(ids.patientRef));
        c->set("dateTime", dateTime(entry.recordedAt));
        c->set("policyRule", codeable(coding("http://terminology.hl7.org/CodeSystem/v3-ActCode",
                                            entry.given ? "OPTIN" : "OPTOUT"),
                                     entry.purpose + " (" + entry.method +
                                         (entry.textVersion.empty() ? "" : ", text " + entry.textVersion) + ")"));
        Obj provision = obj();
        provision->set("type", entry.given ? "permit" : "deny");
        provision->set("purpose", arrOf(coding("urn:clinic-hub:consent-purpose", entry.purpose)));
        c->set("provision", provision);
        emit("Consent", c);
    }
}

Poco::JSON::Object::Ptr fhirBundle(const PatientDossier& d, TimePoint exportedAt) {
    Obj bundle = obj();
    bundle->set("resourceType", "Bundle");
    bundle->set("type", "collection");
    bundle->set("timestamp", dateTime(exportedAt));
    Arr entries = arr();
    forEachFhirResource(d, [&](const std::string& type, const Obj& resource) {
        Obj entry = obj();
        // Relative references ("Patient/patient-7") resolve against this base.
        entry->set("fullUrl", "https://clinic-hub.local/fhir/" + type + "/" + resource->getValue<std::string>("id"));
        entry->set("resource", resource);
        entries->add(entry);
    });
    bundle->set("entry", entries);
    return bundle;
}

}  // namespace hub::rights
