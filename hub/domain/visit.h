#pragma once
// A consultation and its prescription. A finalized visit is read-only; a later
// change is an amendment that keeps the original text, who changed it and why.
#include "hub/core/clock.h"
#include "hub/domain/field_problem.h"
#include "hub/domain/patient.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hub::domain {

// Each vital is optional; whatever is recorded must be physiologically plausible.
struct Vitals {
    std::optional<int> bpSystolic, bpDiastolic;  // mmHg
    std::optional<int> pulse;                    // beats/min
    std::optional<double> temperatureF;          // °F, as clinics here write fever
    std::optional<double> weightKg, heightCm;
    std::optional<int> spo2;                     // %
    std::optional<double> bloodGlucoseMmolL;     // random glucose
    bool empty() const;
};
std::optional<FieldProblem> checkVitals(const Vitals& v);

struct Diagnosis {
    std::string text;
    std::string icd10;  // "" or e.g. "E11.9"
};
bool looksLikeIcd10(std::string_view code);

enum class MealTiming { Any, BeforeMeal, AfterMeal, WithMeal, EmptyStomach, Bedtime };
inline constexpr std::string_view mealTimingNames[] = {"any",       "before_meal",   "after_meal",
                                                       "with_meal", "empty_stomach", "bedtime"};  // in enum order
std::string_view mealTimingName(MealTiming t);  // "before_meal", ...
std::optional<MealTiming> parseMealTiming(std::string_view name);

// "7 days", "2 weeks", "3 months" or "continue"; canonical form on output.
struct Duration {
    enum class Unit { Days, Weeks, Months, Continue } unit = Unit::Days;
    int count = 0;
    std::string text() const;
};
std::optional<Duration> parseDuration(std::string_view text);

struct PrescriptionItem {
    std::string drug;
    std::string strength;   // "500 mg"
    std::string form;       // "tablet"
    std::string dose;       // "1+0+1" (canonical) or free text
    MealTiming timing = MealTiming::Any;
    Duration duration;
    std::string instructions;
};
// Validates and canonicalises the dose; problem fields are relative ("dose").
std::optional<FieldProblem> checkPrescriptionItem(PrescriptionItem& item);

enum class VisitStatus { Draft, Finalized };
inline constexpr std::string_view visitStatusNames[] = {"draft", "finalized"};  // in enum order
std::string_view visitStatusName(VisitStatus s);
std::optional<VisitStatus> parseVisitStatus(std::string_view name);

struct VisitContent {
    Vitals vitals;
    std::string complaints;
    std::vector<Diagnosis> diagnoses;
    std::string notes;
    std::string investigations;
    std::string advice;
    std::optional<Date> followUpDate;
    std::vector<PrescriptionItem> prescription;
};

struct Amendment {
    long long id = 0;
    TimePoint at{};
    long long byStaffId = 0;
    std::string reason;
};

struct Visit {
    long long id = 0;
    long long patientId = 0;
    long long doctorId = 0;
    std::optional<long long> tokenId;
    VisitStatus status = VisitStatus::Draft;
    VisitContent content;
    TimePoint createdAt{}, updatedAt{};
    std::optional<TimePoint> finalizedAt;
    std::vector<Amendment> amendments;
};

// Checks the whole content; today bounds the follow-up date (not in the past).
std::optional<FieldProblem> checkVisitContent(VisitContent& content, const Date& today);

}  // namespace hub::domain
