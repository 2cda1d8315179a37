#include "hub/domain/clinic.h"

#include "hub/core/text.h"
#include "hub/domain/clinic_day.h"
#include "hub/domain/names.h"

#include <algorithm>

namespace hub::domain {
namespace {

std::optional<FieldProblem> checkText(std::string_view value, std::size_t max, const char* field, bool required) {
    if (required && value.empty()) return FieldProblem{field, "is required"};
    if (value.size() > max) return FieldProblem{field, "must be at most " + std::to_string(max) + " bytes"};
    if (!utf8Length(value)) return FieldProblem{field, "must be valid UTF-8"};
    return std::nullopt;
}

}  // namespace

std::string_view tokenNumberingName(TokenNumbering n) { return nameIn(tokenNumberingNames, n); }

std::optional<TokenNumbering> parseTokenNumbering(std::string_view name) {
    return parseNameIn<TokenNumbering>(tokenNumberingNames, name);
}

std::vector<std::string> ClinicProfile::phoneRegions() const {
    std::vector<std::string> regions{country};
    for (const std::string_view neighbour : countryNames)
        if (country != neighbour) regions.emplace_back(neighbour);
    return regions;
}

std::optional<FieldProblem> checkClinicProfile(const ClinicProfile& p) {
    if (auto e = checkText(p.name, 100, "name", true)) return e;
    if (auto e = checkText(p.nameBn, 200, "name_bn", false)) return e;
    if (auto e = checkText(p.address, 300, "address", false)) return e;
    if (auto e = checkText(p.phone, 40, "phone", false)) return e;
    if (auto e = checkText(p.email, 100, "email", false)) return e;
    if (auto e = checkText(p.letterheadTagline, 200, "letterhead_tagline", false)) return e;
    if (auto e = checkText(p.letterheadFooter, 300, "letterhead_footer", false)) return e;
    if (auto e = checkText(p.registrationNumber, 60, "registration_number", false)) return e;
    if (!isKnownTimezone(p.timezone)) return FieldProblem{"timezone", "is not a known timezone like Asia/Dhaka"};
    if (std::find(std::begin(countryNames), std::end(countryNames), p.country) == std::end(countryNames))
        return FieldProblem{"country", "must be BD or IN"};
    if (p.languages.empty()) return FieldProblem{"languages", "must name at least one language"};
    return std::nullopt;
}

std::optional<FieldProblem> checkDoctorProfile(const DoctorProfile& d) {
    if (auto e = checkText(d.nameEn, 100, "name_en", true)) return e;
    if (auto e = checkText(d.nameBn, 200, "name_bn", false)) return e;
    if (auto e = checkText(d.qualifications, 200, "qualifications", false)) return e;
    if (auto e = checkText(d.registrationNumber, 40, "registration_number", false)) return e;
    if (auto e = checkText(d.specialty, 100, "specialty", false)) return e;
    if (auto e = checkText(d.room, 40, "room", false)) return e;
    if (auto e = checkText(d.schedule, 200, "schedule", false)) return e;
    const auto& prefix = d.tokenPrefix;
    if (prefix.empty() || prefix.size() > 3 ||
        !std::all_of(prefix.begin(), prefix.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
        return FieldProblem{"token_prefix", "must be 1 to 3 capital letters, like A"};
    if (d.consultationFee < 0 || d.consultationFee > 1'000'000)
        return FieldProblem{"consultation_fee", "must be between 0 and 1000000"};
    return std::nullopt;
}

}  // namespace hub::domain
