#pragma once
// The token slip as a 1-bit raster for a thermal printer. Printer code pages
// have no Bangla, so text is shaped by Pango (with the Bangla font fontconfig
// finds: Noto Sans Bengali from fonts-noto-core), drawn by Cairo, and
// thresholded to black and white; the QR code is drawn dot for dot from its
// modules at an integer scale, so it stays sharp.
#include "hub/slip/bitmap.h"
#include "hub/slip/token_slip.h"

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace hub::slip {

struct Raster {
    Bitmap image;
    int unknownGlyphs = 0;  // characters no installed font could draw (tofu boxes)
};

// The QR code of text with its quiet zone, at the largest whole number of dots
// per module that fits in about two thirds of width, centred in a bitmap
// width dots wide: slips and receipts print their codes this one way.
Bitmap qrBitmap(const std::string& text, int width);

// Owns one Pango font map. Pango objects are not thread-safe and the default
// font map is per thread (each worker would load fontconfig again), so one
// renderer draws one slip at a time. Thread-safe.
class SlipRenderer {
public:
    SlipRenderer();
    ~SlipRenderer();
    SlipRenderer(const SlipRenderer&) = delete;
    SlipRenderer& operator=(const SlipRenderer&) = delete;

    // The whole slip, printableDots(paper) wide.
    Raster render(const TokenSlip& slip, PaperWidth paper);
    // One paragraph of text, centred and wrapped to `width` dots, in a font
    // `sizeDots` high: the building block of render().
    Raster renderText(std::string_view text, int sizeDots, int width, bool bold = false);

private:
    Raster textLocked(std::string_view text, int sizeDots, int width, bool bold);  // REQUIRES: mutex_ held

    struct FontMap;
    FontMap& fontsLocked();  // REQUIRES: mutex_ held
    std::mutex mutex_;
    std::unique_ptr<FontMap> fonts_;  // null until the first slip
};

}  // namespace hub::slip
