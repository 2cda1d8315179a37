#pragma once
// What a token slip says, as plain values and as an ordered list of lines,
// so the HTML page and the thermal-printer raster print the same thing.
#include "hub/domain/language.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hub::slip {

enum class PaperWidth { Mm58, Mm80 };
std::string_view paperWidthName(PaperWidth paper);  // "58", "80"
std::optional<PaperWidth> parsePaperWidth(std::string_view name);
// Dots across the printable width at 203 dpi: 384 (58 mm) or 576 (80 mm).
int printableDots(PaperWidth paper);

struct TokenSlip {
    domain::Language language = domain::Language::English;  // the slip's (domain::pageLanguage)
    std::string clinicName;
    std::string label;            // "A-007"
    std::string doctorName;
    std::string room;
    std::string checkedIn;        // local date and time, "24-11-2026 09:15"
    std::optional<int> ahead;     // patients to be called first; waiting tokens only
    std::string trackingUrl;      // in the QR code
    std::string alternateUrl;     // printed under it; may be empty
};

struct SlipLine {
    enum class Kind {
        Clinic,   // the clinic's name
        Caption,  // "Token", above the label
        Label,    // the token label, as large as the paper allows
        Detail,   // doctor, room, time, patients ahead
        Qr,       // the QR code of trackingUrl (text is empty)
        Note,     // what the QR code is for
        Url,      // the link as text
    };
    Kind kind;
    std::string text;
};

// The slip top to bottom, in the slip's language (Bangla digits in Bangla).
std::vector<SlipLine> slipLines(const TokenSlip& slip);

}  // namespace hub::slip
