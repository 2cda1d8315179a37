#include "hub/slip/token_slip.h"

#include "hub/core/text.h"

namespace hub::slip {
namespace {

struct Labels {
    const char* token;
    const char* doctor;
    const char* room;
    const char* checkedIn;
    const char* ahead;
    const char* aheadUnit;  // after the number
    const char* scan;
    const char* orOpen;
};

constexpr Labels english{"Token", "Doctor", "Room", "Checked in", "Patients ahead", "",
                         "Scan to follow your turn on your phone", "or open"};
constexpr Labels bangla{"টোকেন", "ডাক্তার", "কক্ষ", "চেক-ইন", "আপনার আগে", " জন",
                        "ফোনে আপনার পালা দেখতে স্ক্যান করুন", "অথবা খুলুন"};

}  // namespace

std::string_view paperWidthName(PaperWidth paper) { return paper == PaperWidth::Mm58 ? "58" : "80"; }

std::optional<PaperWidth> parsePaperWidth(std::string_view name) {
    if (name == "58") return PaperWidth::Mm58;
    if (name == "80") return PaperWidth::Mm80;
    return std::nullopt;
}

int printableDots(PaperWidth paper) { return paper == PaperWidth::Mm58 ? 384 : 576; }

std::vector<SlipLine> slipLines(const TokenSlip& s) {
    const bool bn = domain::pageLanguage(s.language) == domain::Language::Bangla;
    const Labels& l = bn ? bangla : english;
    auto digits = [&](const std::string& text) { return bn ? banglaDigits(text) : text; };
    auto detail = [](const char* label, const std::string& value) { return std::string(label) + ": " + value; };

    using Kind = SlipLine::Kind;
    std::vector<SlipLine> lines{{Kind::Clinic, s.clinicName}, {Kind::Caption, l.token}, {Kind::Label, digits(s.label)}};
    if (!s.doctorName.empty()) lines.push_back({Kind::Detail, detail(l.doctor, s.doctorName)});
    if (!s.room.empty()) lines.push_back({Kind::Detail, detail(l.room, digits(s.room))});
    lines.push_back({Kind::Detail, detail(l.checkedIn, digits(s.checkedIn))});
    if (s.ahead) lines.push_back({Kind::Detail, detail(l.ahead, digits(std::to_string(*s.ahead)) + l.aheadUnit)});
    lines.push_back({Kind::Qr, {}});
    lines.push_back({Kind::Note, l.scan});
    lines.push_back({Kind::Url, s.trackingUrl});
    if (!s.alternateUrl.empty()) lines.push_back({Kind::Url, std::string(l.orOpen) + " " + s.alternateUrl});
    return lines;
}

}  // namespace hub::slip
