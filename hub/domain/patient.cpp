#include "hub/domain/patient.h"

#include "hub/core/text.h"
#include "hub/domain/names.h"

#include <algorithm>
#include <cstdio>

namespace hub::domain {
std::string_view sexName(Sex s) { return nameIn(sexNames, s); }

std::optional<Sex> parseSex(std::string_view name) { return parseNameIn<Sex>(sexNames, name); }

std::string formatMrn(int year, long long serial) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d-%06lld", year % 100, serial);
    return buf;
}

bool looksLikeMrn(std::string_view t) {
    const auto digits = [](std::string_view s) {
        return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (t.size() >= 9 && t[2] == '-') return digits(t.substr(0, 2)) && digits(t.substr(3));
    return false;
}

std::optional<std::string> checkPersonName(std::string_view name) {
    if (name.empty() || name.size() > 100) return "must be 1 to 100 bytes";
    if (!utf8Length(name)) return "must be valid UTF-8";
    bool hasLetter = false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        if (c < 0x20 || c == 0x7F) return "must not contain control characters";
        // Any non-ASCII byte belongs to a letter of some script (Bangla, Devanagari ...).
        if (c >= 0x80 || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) hasLetter = true;
    }
    if (!hasLetter) return "must contain a letter";
    return std::nullopt;
}

std::string normalizeSpaces(std::string_view text) {
    std::string out;
    bool pendingSpace = false;
    for (char ch : text) {
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            pendingSpace = !out.empty();
            continue;
        }
        if (pendingSpace) out += ' ';
        pendingSpace = false;
        out += ch;
    }
    return out;
}

std::optional<FieldProblem> checkPatientName(std::string_view normalizedName) {
    if (auto problem = checkPersonName(normalizedName)) return FieldProblem{"name", std::move(*problem)};
    return std::nullopt;
}

std::optional<FieldProblem> checkPatientText(std::string_view value, const PatientTextField& f) {
    const std::string field(f.field);
    if (value.size() > f.maxBytes)
        return FieldProblem{field, "must be at most " + std::to_string(f.maxBytes) + " bytes"};
    if (!utf8Length(value)) return FieldProblem{field, "must be valid UTF-8"};
    for (char ch : value) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c < 0x20 && c != '\n') || c == 0x7F) return FieldProblem{field, "must not contain control characters"};
    }
    return std::nullopt;
}

std::optional<FieldProblem> checkPhoneCount(std::size_t count) {
    if (count == 0) return FieldProblem{"phones", "must hold at least one number"};
    if (count > maxPhones) return FieldProblem{"phones", "may hold at most " + std::to_string(maxPhones) + " numbers"};
    return std::nullopt;
}

std::optional<FieldProblem> checkBirthDate(const Date& birth, const Date& today) {
    if (birth > today) return FieldProblem{"date_of_birth", "is in the future"};
    if (ageInYears(birth, today) > maxAgeYears)
        return FieldProblem{"date_of_birth", "is more than " + std::to_string(maxAgeYears) + " years ago"};
    return std::nullopt;
}

std::optional<FieldProblem> checkAgeYears(long long years) {
    if (years < 0 || years > maxAgeYears)
        return FieldProblem{"age_years", "must be between 0 and " + std::to_string(maxAgeYears)};
    return std::nullopt;
}

std::optional<FieldProblem> checkBloodGroup(std::string_view group) {
    if (group.empty() || std::find(std::begin(bloodGroups), std::end(bloodGroups), group) != std::end(bloodGroups))
        return std::nullopt;
    return FieldProblem{"blood_group", "must be one of A+ A- B+ B- AB+ AB- O+ O-, or \"\""};
}

std::vector<std::string_view> changedPatientFields(const Patient& was, const Patient& now) {
    // Every member, in declaration order: adding one to Patient breaks these
    // bindings until it is compared below (or said not to be a field a client changes).
    const auto& [id0, mrn0, name0, phones0, sex0, birth0, approx0, address0, guardian0, blood0, allergies0,
                 conditions0, sms0, whatsapp0, language0, created0, updated0] = was;
    const auto& [id1, mrn1, name1, phones1, sex1, birth1, approx1, address1, guardian1, blood1, allergies1,
                 conditions1, sms1, whatsapp1, language1, created1, updated1] = now;
    // The record's identity and bookkeeping, not fields a client changes.
    (void)id0, (void)id1, (void)mrn0, (void)mrn1, (void)created0, (void)created1, (void)updated0, (void)updated1;

    std::vector<std::string_view> changed;
    const auto note = [&](bool differs, std::string_view field) {
        if (differs) changed.push_back(field);
    };
    note(name0 != name1, "name");
    note(phones0 != phones1, "phones");
    note(sex0 != sex1, "sex");
    note(birth0 != birth1 || approx0 != approx1, "date_of_birth");
    note(address0 != address1, addressField.field);
    note(guardian0 != guardian1, guardianField.field);
    note(blood0 != blood1, "blood_group");
    note(allergies0 != allergies1, allergiesField.field);
    note(conditions0 != conditions1, "chronic_conditions");
    note(sms0 != sms1, "consent_sms");
    note(whatsapp0 != whatsapp1, "consent_whatsapp");
    note(language0 != language1, "preferred_language");
    return changed;
}

std::vector<std::string> defaultChronicConditions() {
    return {"diabetes", "hypertension", "asthma", "copd", "ckd", "heart_disease", "thyroid", "epilepsy",
            "pregnancy", "tuberculosis", "arthritis", "depression"};
}

}  // namespace hub::domain
