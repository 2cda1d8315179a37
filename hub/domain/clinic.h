#pragma once
// The clinic as its letterhead and its patients know it, and its doctors.
#include "hub/domain/field_problem.h"
#include "hub/domain/language.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hub::domain {

enum class TokenNumbering {
    PerDoctor,  // each doctor's queue runs ... (the usual)
    Shared,     // one sequence for the whole clinic, each token still with its doctor's prefix
};
inline constexpr std::string_view tokenNumberingNames[] = {"per_doctor", "shared"};  // in enum order
std::string_view tokenNumberingName(TokenNumbering n);  // "per_doctor", "shared"
std::optional<TokenNumbering> parseTokenNumbering(std::string_view name);

// The regions whose local phone formats reception types.
inline constexpr std::string_view countryNames[] = {"BD", "IN"};

struct ClinicProfile {
    std::string name;
    std::string nameBn;
    std::string address;
    std::string phone;
    std::string email;
    std::string timezone = "Asia/Dhaka";
    std::string country = "BD";  // the region whose local phone formats reception types
    std::vector<Language> languages{Language::English, Language::Bangla};
    std::string letterheadTagline;
    std::string letterheadFooter;
    std::string registrationNumber;
    TokenNumbering tokenNumbering = TokenNumbering::PerDoctor;

    // Regions to try when normalising a local phone number: the clinic's own
    // country first, then its neighbour.
    std::vector<std::string> phoneRegions() const;
};
std::optional<FieldProblem> checkClinicProfile(const ClinicProfile& profile);

struct DoctorProfile {
    long long staffId = 0;
    std::string nameEn;
    std::string nameBn;
    std::string qualifications;      // "MBBS, FCPS (Medicine)"
    std::string registrationNumber;  // BMDC / NMC
    std::string specialty;
    std::string room;
    std::string tokenPrefix;         // "A"
    long long consultationFee = 0;   // whole taka / rupees
    std::string schedule;            // "Sat-Thu 17:00-21:00"
    bool active = true;              // false when the staff account is disabled
};
// Field names are relative to the doctor object ("token_prefix").
std::optional<FieldProblem> checkDoctorProfile(const DoctorProfile& doctor);

}  // namespace hub::domain
