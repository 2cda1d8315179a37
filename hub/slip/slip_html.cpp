#include "hub/slip/slip_html.h"

#include "hub/core/text.h"
#include "hub/opd/prescription_print.h"
#include "hub/qr/qr_code.h"

namespace hub::slip {
namespace {

const char* cssClass(SlipLine::Kind kind) {
    switch (kind) {
        case SlipLine::Kind::Clinic: return "clinic";
        case SlipLine::Kind::Caption: return "caption";
        case SlipLine::Kind::Label: return "label";
        case SlipLine::Kind::Detail: return "detail";
        case SlipLine::Kind::Qr: return "qr";
        case SlipLine::Kind::Note: return "note";
        case SlipLine::Kind::Url: return "url";
    }
    return "detail";
}

}  // namespace

std::string renderSlipHtml(const TokenSlip& slip, PaperWidth paper) {
    using hub::htmlEscape;
    const std::string width(paperWidthName(paper));
    const std::string lang(domain::languageName(domain::pageLanguage(slip.language)));
    std::string h = "<!DOCTYPE html>\n<html lang=\"" + lang +
                    "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width\">\n"
                    "<title>" + htmlEscape(slip.label) + "</title>\n<link rel=\"stylesheet\" href=\"" +
                    std::string(slipStylesheetPath) + "?paper=" + width + "\">\n</head>\n<body class=\"paper-" + width +
                    "\">\n<main class=\"slip\">\n";
    for (const auto& line : slipLines(slip)) {
        if (line.kind == SlipLine::Kind::Qr) {
            h += "<div class=\"qr\">" + qr::QrCode::encode(slip.trackingUrl).svg(slip.trackingUrl) + "</div>\n";
            continue;
        }
        h += "<p class=\"" + std::string(cssClass(line.kind)) + "\">" + htmlEscape(line.text) + "</p>\n";
    }
    h += "</main>\n</body>\n</html>\n";
    return h;
}

std::string slipStylesheet(PaperWidth paper) {
    const bool narrow = paper == PaperWidth::Mm58;
    // A roll has no page length; one page as long as a slip gets one cut per slip.
    std::string css = opd::bengaliFontFaceCss();
    css += std::string("@page { size: ") + (narrow ? "58mm 150mm" : "80mm 170mm") + "; margin: 3mm " +
           (narrow ? "5mm" : "4mm") + "; }\n";
    css += std::string("html { font-size: ") + (narrow ? "9pt" : "11pt") + "; }\n";
    css += std::string(".slip { width: ") + (narrow ? "48mm" : "72mm") + "; }\n";
    css += std::string(".qr svg { width: ") + (narrow ? "30mm" : "40mm") + "; height: auto; }\n";
    css += R"css(body {
  font-family: "Noto Sans", "Noto Sans Bengali", "DejaVu Sans", Arial, sans-serif;
  color: #000; background: #fff; margin: 0;
}
@media screen { body { padding: 4mm; } .slip { border: 1px dashed #888; padding: 3mm; } }
.slip { margin: 0 auto; text-align: center; }
p { margin: 0.5mm 0; }
.clinic { font-weight: bold; font-size: 1.2rem; }
.caption { margin-top: 2mm; font-size: 0.9rem; }
.label { font-weight: bold; font-size: 3.2rem; line-height: 1.1; }
.detail { font-size: 1rem; }
.qr { margin: 2mm auto 1mm; }
.note { font-size: 0.85rem; }
.url { font-size: 0.7rem; overflow-wrap: anywhere; }
)css";
    return css;
}

}  // namespace hub::slip
