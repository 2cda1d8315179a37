#include "hub/opd/visit_json.h"

#include "hub/core/error.h"

#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <limits>
#include <sstream>

namespace hub::opd {
namespace {

template <typename T>
void setIf(Poco::JSON::Object::Ptr& o, const char* name, const std::optional<T>& value) {
    if (value) o->set(name, *value);
}

template <typename T>
std::optional<T> read(const Poco::JSON::Object::Ptr& o, const char* name) {
    if (!o || !o->has(name) || o->isNull(name)) return std::nullopt;
    return o->getValue<T>(name);
}

// A whole number that may lie far outside int (99999999999, 2^63): clamped, so
// that the domain's plausibility check (domain::checkVitals) refuses it like
// any other implausible reading, naming "vitals.<field>", instead of the
// conversion failing. The schema has already refused fractions and non-numbers.
std::optional<int> readClampedInt(const Poco::JSON::Object::Ptr& o, const char* name) {
    if (!o || !o->has(name) || o->isNull(name)) return std::nullopt;
    const double v = o->get(name).convert<double>();
    if (v <= static_cast<double>(std::numeric_limits<int>::min())) return std::numeric_limits<int>::min();
    if (v >= static_cast<double>(std::numeric_limits<int>::max())) return std::numeric_limits<int>::max();
    return static_cast<int>(v);
}

std::string text(const Poco::JSON::Object::Ptr& o, const char* name) {
    return read<std::string>(o, name).value_or("");
}

}  // namespace

Poco::JSON::Object::Ptr vitalsJson(const domain::Vitals& v) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    setIf(o, "bp_systolic", v.bpSystolic);
    setIf(o, "bp_diastolic", v.bpDiastolic);
    setIf(o, "pulse", v.pulse);
    setIf(o, "temperature_f", v.temperatureF);
    setIf(o, "weight_kg", v.weightKg);
    setIf(o, "height_cm", v.heightCm);
    setIf(o, "spo2", v.spo2);
    setIf(o, "blood_glucose_mmol_l", v.bloodGlucoseMmolL);
    return o;
}

Poco::JSON::Array::Ptr diagnosesJson(const std::vector<domain::Diagnosis>& diagnoses) {
    Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
    for (const auto& d : diagnoses) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("text", d.text);
        if (!d.icd10.empty()) o->set("icd10", d.icd10);
        a->add(o);
    }
    return a;
}

Poco::JSON::Object::Ptr prescriptionItemJson(const domain::PrescriptionItem& item) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("drug", item.drug);
    o->set("strength", item.strength);
    o->set("form", item.form);
    o->set("dose", item.dose);
    o->set("timing", std::string(domain::mealTimingName(item.timing)));
    o->set("duration", item.duration.text());
    o->set("instructions", item.instructions);
    return o;
}

Poco::JSON::Array::Ptr prescriptionJson(const std::vector<domain::PrescriptionItem>& items) {
    Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
    for (const auto& item : items) a->add(prescriptionItemJson(item));
    return a;
}

Poco::JSON::Object::Ptr visitContentJson(const domain::VisitContent& c) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("vitals", vitalsJson(c.vitals));
    o->set("complaints", c.complaints);
    o->set("diagnoses", diagnosesJson(c.diagnoses));
    o->set("notes", c.notes);
    o->set("investigations", c.investigations);
    o->set("advice", c.advice);
    if (c.followUpDate) o->set("follow_up_date", c.followUpDate->iso());
    else o->set("follow_up_date", Poco::Dynamic::Var());
    o->set("prescription", prescriptionJson(c.prescription));
    return o;
}

domain::Vitals vitalsFromJson(const Poco::JSON::Object::Ptr& o) {
    domain::Vitals v;
    v.bpSystolic = readClampedInt(o, "bp_systolic");
    v.bpDiastolic = readClampedInt(o, "bp_diastolic");
    v.pulse = readClampedInt(o, "pulse");
    v.temperatureF = read<double>(o, "temperature_f");
    v.weightKg = read<double>(o, "weight_kg");
    v.heightCm = read<double>(o, "height_cm");
    v.spo2 = readClampedInt(o, "spo2");
    v.bloodGlucoseMmolL = read<double>(o, "blood_glucose_mmol_l");
    return v;
}

std::vector<domain::Diagnosis> diagnosesFromJson(const Poco::JSON::Array::Ptr& a) {
    std::vector<domain::Diagnosis> out;
    for (std::size_t i = 0; a && i < a->size(); ++i) {
        const auto o = a->getObject(static_cast<unsigned>(i));
        out.push_back({text(o, "text"), text(o, "icd10")});
    }
    return out;
}

std::vector<domain::PrescriptionItem> prescriptionFromJson(const Poco::JSON::Array::Ptr& a, const std::string& path) {
    std::vector<domain::PrescriptionItem> out;
    for (std::size_t i = 0; a && i < a->size(); ++i) {
        const std::string at = path + "[" + std::to_string(i) + "]";
        const auto o = a->getObject(static_cast<unsigned>(i));
        domain::PrescriptionItem item;
        item.drug = text(o, "drug");
        item.strength = text(o, "strength");
        item.form = text(o, "form");
        item.dose = text(o, "dose");
        item.instructions = text(o, "instructions");
        if (const auto timing = read<std::string>(o, "timing")) {
            const auto parsed = domain::parseMealTiming(*timing);
            if (!parsed)
                throw invalidInput(at + ".timing", at + ".timing must be one of: any, before_meal, after_meal, "
                                                        "with_meal, empty_stomach, bedtime");
            item.timing = *parsed;
        }
        const auto duration = domain::parseDuration(text(o, "duration"));
        if (!duration)
            throw invalidInput(at + ".duration",
                               at + ".duration must be like \"7 days\", \"2 weeks\", \"1 month\" or \"continue\"");
        item.duration = *duration;
        out.push_back(std::move(item));
    }
    return out;
}

domain::VisitContent visitContentFromJson(const Poco::JSON::Object::Ptr& o) {
    domain::VisitContent c;
    if (o->has("vitals") && !o->isNull("vitals")) c.vitals = vitalsFromJson(o->getObject("vitals"));
    c.complaints = text(o, "complaints");
    c.diagnoses = diagnosesFromJson(o->getArray("diagnoses"));
    c.notes = text(o, "notes");
    c.investigations = text(o, "investigations");
    c.advice = text(o, "advice");
    if (const auto date = read<std::string>(o, "follow_up_date")) c.followUpDate = domain::parseIsoDate(*date);
    c.prescription = prescriptionFromJson(o->getArray("prescription"), "prescription");
    return c;
}

std::string jsonText(const Poco::Dynamic::Var& json) {
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(json, out);
    return out.str();
}

Poco::Dynamic::Var parseJsonText(const std::string& text) {
    try {
        return Poco::JSON::Parser().parse(text);
    } catch (const Poco::Exception& e) {
        throw Error(ErrorCode::Internal, std::string("stored JSON is malformed: ") + e.what());
    }
}

}  // namespace hub::opd
