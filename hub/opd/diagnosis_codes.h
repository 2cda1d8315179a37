#pragma once
// ICD-10 codes for the visit form's diagnosis search: the curated ICD-10-CM
// subset shipped with the hub (hub/opd/data/icd10cm_opd.tsv, public domain,
// docs/webapp.md "ICD-10 codes"), compiled in at build time.
#include <string>
#include <string_view>
#include <vector>

namespace hub::opd {

struct DiagnosisCode {
    std::string code;   // "E11.9"
    std::string title;  // "Type 2 diabetes mellitus without complications"
};

inline constexpr int maxDiagnosisResults = 50;

// Codes whose code starts with the query (dot optional: "e119" finds E11.9),
// then codes whose title holds every word of the query (case-insensitive,
// Latin letters), in list order; at most `limit` (clamped to 1..50).
std::vector<DiagnosisCode> searchDiagnosisCodes(std::string_view query, int limit);

// Every code shipped, in list order.
const std::vector<DiagnosisCode>& allDiagnosisCodes();

// Parses the list's text (code<TAB>title lines; # comments). Throws
// std::runtime_error naming the line for a malformed one.
std::vector<DiagnosisCode> parseDiagnosisCodes(std::string_view tsv);

}  // namespace hub::opd
