#pragma once
// Test-only: draws a QR code SVG made by hub::qr::QrCode::svg back into pixels,
// so a test can hand what a page shows to the QR decoder.
#include "qr_decoder.h"

#include <string>

namespace hub::test {

// Each "Mx yhNv1h-Nz" path segment is one run of dark modules; scale is the
// number of pixels per module. Throws std::runtime_error on a foreign SVG.
GreyImage drawQrSvg(const std::string& svg, int scale);

// The first <svg>...</svg> element in an HTML page ("" if none).
std::string firstSvg(const std::string& html);

}  // namespace hub::test
