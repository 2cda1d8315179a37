#include "hub/domain/visit.h"

#include "hub/domain/dose.h"
#include "hub/domain/names.h"

#include <cmath>
#include <cstdio>

namespace hub::domain {
namespace {

template <typename T>
std::optional<FieldProblem> outside(const std::optional<T>& value, T low, T high, const char* field) {
    if (!value) return std::nullopt;
    if (*value >= low && *value <= high) return std::nullopt;
    char message[96];
    std::snprintf(message, sizeof message, "must be between %g and %g", static_cast<double>(low),
                  static_cast<double>(high));
    return FieldProblem{std::string("vitals.") + field, message};
}

std::optional<FieldProblem> checkText(const std::string& text, std::size_t max, const std::string& field) {
    if (text.size() > max) return FieldProblem{field, "must be at most " + std::to_string(max) + " bytes"};
    return std::nullopt;
}

}  // namespace

bool Vitals::empty() const {
    return !bpSystolic && !bpDiastolic && !pulse && !temperatureF && !weightKg && !heightCm && !spo2 &&
           !bloodGlucoseMmolL;
}

std::optional<FieldProblem> checkVitals(const Vitals& v) {
    // Wide enough for a sick patient, narrow enough to catch a slipped finger
    // (a pulse of 720 or a temperature of 1002).
    if (auto p = outside(v.bpSystolic, 50, 260, "bp_systolic")) return p;
    if (auto p = outside(v.bpDiastolic, 30, 160, "bp_diastolic")) return p;
    if (v.bpSystolic.has_value() != v.bpDiastolic.has_value())
        return FieldProblem{v.bpSystolic ? "vitals.bp_diastolic" : "vitals.bp_systolic",
                            "blood pressure needs both systolic and diastolic"};
    if (v.bpSystolic && *v.bpDiastolic >= *v.bpSystolic)
        return FieldProblem{"vitals.bp_diastolic", "must be lower than the systolic pressure"};
    if (auto p = outside(v.pulse, 20, 250, "pulse")) return p;
    if (auto p = outside(v.temperatureF, 86.0, 113.0, "temperature_f")) return p;
    if (auto p = outside(v.weightKg, 0.3, 350.0, "weight_kg")) return p;
    if (auto p = outside(v.heightCm, 20.0, 250.0, "height_cm")) return p;
    if (auto p = outside(v.spo2, 50, 100, "spo2")) return p;
    if (auto p = outside(v.bloodGlucoseMmolL, 1.0, 50.0, "blood_glucose_mmol_l")) return p;
    return std::nullopt;
}

bool looksLikeIcd10(std::string_view c) {
    // A letter, two digits, then optionally '.' and one to four characters: "I10", "E11.9", "S52.521A".
    if (c.size() < 3 || c.size() > 8) return false;
    if (c[0] < 'A' || c[0] > 'Z' || c[1] < '0' || c[1] > '9') return false;
    if (!((c[2] >= '0' && c[2] <= '9') || (c[2] >= 'A' && c[2] <= 'Z'))) return false;
    if (c.size() == 3) return true;
    if (c[3] != '.' || c.size() == 4) return false;
    for (std::size_t i = 4; i < c.size(); ++i)
        if (!((c[i] >= '0' && c[i] <= '9') || (c[i] >= 'A' && c[i] <= 'Z'))) return false;
    return true;
}

std::string_view visitStatusName(VisitStatus s) { return nameIn(visitStatusNames, s); }
std::optional<VisitStatus> parseVisitStatus(std::string_view name) {
    return parseNameIn<VisitStatus>(visitStatusNames, name);
}

std::string_view mealTimingName(MealTiming t) { return nameIn(mealTimingNames, t); }

std::optional<MealTiming> parseMealTiming(std::string_view name) {
    return parseNameIn<MealTiming>(mealTimingNames, name);
}

std::string Duration::text() const {
    if (unit == Unit::Continue) return "continue";
    const char* names[] = {"day", "week", "month"};
    return std::to_string(count) + " " + names[static_cast<int>(unit)] + (count == 1 ? "" : "s");
}

std::optional<Duration> parseDuration(std::string_view text) {
    if (text == "continue") return Duration{Duration::Unit::Continue, 0};
    std::size_t i = 0;
    int count = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9' && count < 1000) count = count * 10 + (text[i++] - '0');
    if (i == 0 || count < 1 || count > 365) return std::nullopt;
    while (i < text.size() && text[i] == ' ') ++i;
    const std::string_view unit = text.substr(i);
    for (auto [u, singular, plural] : {std::tuple{Duration::Unit::Days, "day", "days"},
                                       std::tuple{Duration::Unit::Weeks, "week", "weeks"},
                                       std::tuple{Duration::Unit::Months, "month", "months"}})
        if (unit == singular || unit == plural) return Duration{u, count};
    return std::nullopt;
}

std::optional<FieldProblem> checkPrescriptionItem(PrescriptionItem& item) {
    if (item.drug.empty()) return FieldProblem{"drug", "is required"};
    if (auto p = checkText(item.drug, 200, "drug")) return p;
    if (auto p = checkText(item.strength, 100, "strength")) return p;
    if (auto p = checkText(item.form, 50, "form")) return p;
    if (auto p = checkText(item.instructions, 500, "instructions")) return p;
    if (auto problem = checkDose(item.dose)) return FieldProblem{"dose", *problem};
    if (auto schedule = parseDoseNotation(item.dose)) item.dose = schedule->notation;
    return std::nullopt;
}

std::optional<FieldProblem> checkVisitContent(VisitContent& c, const Date& today) {
    if (auto p = checkVitals(c.vitals)) return p;
    if (auto p = checkText(c.complaints, 4000, "complaints")) return p;
    if (auto p = checkText(c.notes, 20000, "notes")) return p;
    if (auto p = checkText(c.investigations, 4000, "investigations")) return p;
    if (auto p = checkText(c.advice, 4000, "advice")) return p;
    for (std::size_t i = 0; i < c.diagnoses.size(); ++i) {
        const std::string at = "diagnoses[" + std::to_string(i) + "]";
        if (c.diagnoses[i].text.empty()) return FieldProblem{at + ".text", "is required"};
        if (auto p = checkText(c.diagnoses[i].text, 500, at + ".text")) return p;
        if (!c.diagnoses[i].icd10.empty() && !looksLikeIcd10(c.diagnoses[i].icd10))
            return FieldProblem{at + ".icd10", "is not an ICD-10 code like E11.9"};
    }
    for (std::size_t i = 0; i < c.prescription.size(); ++i)
        if (auto p = checkPrescriptionItem(c.prescription[i]))
            return FieldProblem{"prescription[" + std::to_string(i) + "]." + p->field, p->message};
    if (c.followUpDate && *c.followUpDate < today)
        return FieldProblem{"follow_up_date", "must not be in the past"};
    return std::nullopt;
}

}  // namespace hub::domain
