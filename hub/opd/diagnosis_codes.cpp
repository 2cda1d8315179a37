#include "hub/opd/diagnosis_codes.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <stdexcept>

namespace hub::opd {

extern const std::string_view icd10cmOpdTsv;  // generated from data/icd10cm_opd.tsv

namespace {

std::string folded(std::string_view s) {
    std::string out;
    for (const char c : s)
        if (c != '.') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::vector<std::string> wordsOf(std::string_view s) {
    std::vector<std::string> out;
    std::string word;
    for (const char c : s) {
        if (std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80)) {
            word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (!word.empty()) {
            out.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) out.push_back(std::move(word));
    return out;
}

}  // namespace

std::vector<DiagnosisCode> parseDiagnosisCodes(std::string_view tsv) {
    static const std::regex codePattern("[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?");
    std::vector<DiagnosisCode> out;
    std::size_t lineNumber = 0;
    std::size_t start = 0;
    while (start < tsv.size()) {
        const std::size_t end = std::min(tsv.find('\n', start), tsv.size());
        const std::string_view line = tsv.substr(start, end - start);
        start = end + 1;
        ++lineNumber;
        if (line.empty() || line.front() == '#') continue;
        const std::size_t tab = line.find('\t');
        if (tab == std::string_view::npos || tab + 1 >= line.size() ||
            !std::regex_match(std::string(line.substr(0, tab)), codePattern))
            throw std::runtime_error("ICD-10 list, line " + std::to_string(lineNumber) + ": expected code<TAB>title");
        out.push_back({std::string(line.substr(0, tab)), std::string(line.substr(tab + 1))});
    }
    return out;
}

const std::vector<DiagnosisCode>& allDiagnosisCodes() {
    static const std::vector<DiagnosisCode> codes = parseDiagnosisCodes(icd10cmOpdTsv);
    return codes;
}

std::vector<DiagnosisCode> searchDiagnosisCodes(std::string_view query, int limit) {
    limit = std::clamp(limit, 1, maxDiagnosisResults);
    const auto words = wordsOf(query);
    if (words.empty()) return {};
    const std::string asCode = folded(query);
    std::vector<DiagnosisCode> out;
    std::vector<const DiagnosisCode*> byTitle;
    for (const auto& c : allDiagnosisCodes()) {
        if (words.size() == 1 && folded(c.code).rfind(asCode, 0) == 0) {
            out.push_back(c);
            if (static_cast<int>(out.size()) == limit) return out;
            continue;
        }
        const std::string title = folded(c.title);
        if (std::all_of(words.begin(), words.end(), [&](const std::string& w) { return title.find(w) != std::string::npos; }))
            byTitle.push_back(&c);
    }
    for (const auto* c : byTitle) {
        if (static_cast<int>(out.size()) == limit) break;
        out.push_back(*c);
    }
    return out;
}

}  // namespace hub::opd
