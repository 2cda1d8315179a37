#include "hub/core/error.h"
#include "hub/qr/qr_code.h"
#include "support/qr_decoder.h"
#include "support/qr_svg.h"

#include "support/catch.h"

using hub::qr::QrCode;
using hub::test::GreyImage;

namespace {

// Draws the modules a predicate marks dark at `scale` pixels each, quiet zone included.
template <typename IsDark>
GreyImage draw(int modulesPerSide, int scale, IsDark isDark) {
    GreyImage image;
    image.width = image.height = modulesPerSide * scale;
    image.pixels.assign(static_cast<std::size_t>(image.width * image.height), 255);
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x)
            if (isDark(x / scale, y / scale)) image.pixels[static_cast<std::size_t>(y * image.width + x)] = 0;
    return image;
}

GreyImage drawModules(const QrCode& code, int scale) {
    const int q = QrCode::quietZone;
    return draw(code.size() + 2 * q, scale, [&](int x, int y) {
        x -= q;
        y -= q;
        return x >= 0 && y >= 0 && x < code.size() && y < code.size() && code.dark(x, y);
    });
}

}  // namespace

TEST_CASE("a QR code reads back as the text it encodes") {
    const std::string link = "https://clinic-hub.local:8443/t/Jx3kQ9v2LmP0aZ7yT1bRcw";
    const QrCode code = QrCode::encode(link);
    CHECK(code.size() >= 21);
    CHECK((code.size() - 17) % 4 == 0);  // versions grow by four modules per side
    CHECK(hub::test::decodeQrCodes(drawModules(code, 4)) == std::vector<std::string>{link});
}

TEST_CASE("the SVG draws exactly the code's modules, with a quiet zone") {
    const std::string text = "SHA256 3F:9A:2C:11:00:FF";
    const QrCode code = QrCode::encode(text);
    const std::string svg = code.svg("CA fingerprint");
    CHECK(svg.find("aria-label=\"CA fingerprint\"") != std::string::npos);
    CHECK(svg.find("viewBox=\"0 0 " + std::to_string(code.size() + 8) + " ") != std::string::npos);
    CHECK(hub::test::decodeQrCodes(hub::test::drawQrSvg(svg, 4)) == std::vector<std::string>{text});
}

TEST_CASE("Bangla text survives the round trip as UTF-8 bytes") {
    const std::string text = "টোকেন এ-০২৩";
    CHECK(hub::test::decodeQrCodes(drawModules(QrCode::encode(text), 4)) == std::vector<std::string>{text});
}

TEST_CASE("empty or oversized text is refused with a clear error") {
    CHECK_THROWS_AS(QrCode::encode(""), hub::Error);
    CHECK_THROWS_WITH(QrCode::encode(std::string(4000, 'x')), Catch::Contains("too long"));
}

TEST_CASE("the title is escaped in the SVG") {
    const std::string svg = QrCode::encode("x").svg("a<b & \"c\"");
    CHECK(svg.find("aria-label=\"a&lt;b &amp; &quot;c&quot;\"") != std::string::npos);
}

TEST_CASE("the terminal rendering reads back as the text it encodes, on a light-on-dark terminal") {
    const std::string passphrase = "7KQ2M-X9D4T-H3WRB-0NZ5E-QP8YC";
    const QrCode code = QrCode::encode(passphrase);
    const std::string text = code.terminalText();
    // Each character is two modules, one above the other; drawn halves are the
    // terminal's light text colour, blank halves its dark background.
    std::vector<std::vector<bool>> lightRows;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t end = text.find('\n', at);
        REQUIRE(end != std::string::npos);
        std::vector<bool> top, bottom;
        for (std::size_t i = at; i < end;) {
            if (text.compare(i, 3, "\u2588") == 0) { top.push_back(true); bottom.push_back(true); i += 3; }
            else if (text.compare(i, 3, "\u2580") == 0) { top.push_back(true); bottom.push_back(false); i += 3; }
            else if (text.compare(i, 3, "\u2584") == 0) { top.push_back(false); bottom.push_back(true); i += 3; }
            else { REQUIRE(text[i] == ' '); top.push_back(false); bottom.push_back(false); i += 1; }
        }
        lightRows.push_back(top);
        lightRows.push_back(bottom);
        at = end + 1;
    }
    const int side = code.size() + 2 * QrCode::quietZone;
    REQUIRE(static_cast<int>(lightRows.front().size()) == side);
    const auto image = draw(side, 6, [&](int x, int y) { return y < static_cast<int>(lightRows.size()) && !lightRows[static_cast<std::size_t>(y)][static_cast<std::size_t>(x)]; });
    CHECK(hub::test::decodeQrCodes(image) == std::vector<std::string>{passphrase});
}
