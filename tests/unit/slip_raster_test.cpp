// The slip as a thermal printer's raster: Bangla is shaped with a real Bangla
// font (not tofu boxes), the width fits the paper, and the QR code reads back.
#include "hub/slip/slip_raster.h"

#include "support/qr_decoder.h"

#include "support/catch.h"

#include <cstdlib>

using namespace hub::slip;

namespace {

hub::test::GreyImage grey(const Bitmap& b) {
    hub::test::GreyImage g{b.width(), b.height(), {}};
    for (int y = 0; y < b.height(); ++y)
        for (int x = 0; x < b.width(); ++x) g.pixels.push_back(b.black(x, y) ? 0 : 255);
    return g;
}

TokenSlip sampleSlip(const std::string& language) {
    TokenSlip s;
    s.language = *hub::domain::parseLanguage(language);
    s.clinicName = language == "bn" ? "শাপলা ক্লিনিক" : "Shapla Clinic";
    s.label = "A-023";
    s.doctorName = language == "bn" ? "ডা. রহমান" : "Dr. Rahman";
    s.room = "2";
    s.checkedIn = "24-11-2026 09:15";
    s.ahead = 4;
    s.trackingUrl = "http://192.168.1.10:8080/t/Jx3kQ9v2LmP0aZ7yT1bRcw";
    s.alternateUrl = "http://clinic-hub.local:8080/t/Jx3kQ9v2LmP0aZ7yT1bRcw";
    return s;
}

}  // namespace

TEST_CASE("Bangla is drawn with Bangla glyphs, not the boxes of a missing font", "[raster]") {
    SlipRenderer renderer;
    const std::string bangla = "টোকেন নম্বর";                       // 11 code points
    const std::string boxes = "\u25A1\u25A1\u25A1\u25A1\u25A1 \u25A1\u25A1\u25A1\u25A1\u25A1";  // what tofu looks like
    const auto text = renderer.renderText(bangla, 40, 384);
    const auto tofu = renderer.renderText(boxes, 40, 384);
    CHECK(text.unknownGlyphs == 0);
    CHECK(text.image.blackDots() > 100);
    // Shaped Bangla does not look like a row of boxes the same length: its ink differs by over a tenth.
    const auto a = static_cast<long long>(text.image.blackDots()), b = static_cast<long long>(tofu.image.blackDots());
    CHECK(std::llabs(a - b) * 10 > b);

    // The counter does see characters no font has (a private-use code point).
    CHECK(renderer.renderText("\uE000\uE001", 40, 384).unknownGlyphs == 2);
}

TEST_CASE("a slip fills the paper's width and keeps every glyph, in both languages", "[raster]") {
    SlipRenderer renderer;
    const auto language = GENERATE(as<std::string>{}, "en", "bn");
    const auto paper = GENERATE(PaperWidth::Mm58, PaperWidth::Mm80);
    const auto raster = renderer.render(sampleSlip(language), paper);
    INFO(language << " " << paperWidthName(paper));
    CHECK(raster.unknownGlyphs == 0);
    CHECK(raster.image.width() == printableDots(paper));
    CHECK(raster.image.height() > raster.image.width());
    CHECK(hub::test::decodeQrCodes(grey(raster.image)) == std::vector<std::string>{sampleSlip(language).trackingUrl});
}
