#pragma once
// The token slip as a print-ready HTML page for 58 mm or 80 mm thermal paper,
// with the tracking link's QR code as inline SVG. The hub's
// Content-Security-Policy forbids inline styles, so the page links a
// stylesheet the hub serves (slipStylesheet), which loads the Bangla font
// from the hub too: nothing comes from the internet.
#include "hub/slip/token_slip.h"

#include <string>
#include <string_view>

namespace hub::slip {

inline constexpr std::string_view slipStylesheetPath = "/assets/slip.css";

std::string renderSlipHtml(const TokenSlip& slip, PaperWidth paper);

// @page sized for the paper (mm units), large label, QR code width.
std::string slipStylesheet(PaperWidth paper);

}  // namespace hub::slip
