// The ESC/POS encoder, read back by an independent decoder as a printer would.
#include "hub/slip/escpos.h"

#include "support/escpos_decoder.h"

#include "support/catch.h"

using namespace hub::slip;

namespace {

// Diagonals, a border and a checkerboard corner: every bit position matters.
Bitmap pattern(int width, int height) {
    Bitmap b(width, height);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            if (x == y % width || x == 0 || y == height - 1 || (x < 16 && y < 16 && (x + y) % 2 == 0)) b.setBlack(x, y);
    return b;
}

}  // namespace

TEST_CASE("a print job initialises, sends the image in bands, feeds and cuts", "[escpos]") {
    const Bitmap image = pattern(384, 300);
    const std::string bytes = escpos::printJob(image);
    CHECK(bytes.substr(0, 2) == "\x1B@");
    CHECK(bytes.substr(2, 8) == std::string("\x1Dv0\0\x30\x00\x80\x00", 8));  // 48 bytes x 128 rows

    const auto job = hub::test::decodeEscPos(bytes);
    CHECK(job.initialised);
    CHECK(job.bands == 3);  // 128 + 128 + 44 rows
    CHECK(job.maxBandRows == escpos::bandRows);
    CHECK(job.linesFed == escpos::feedLines);
    CHECK(job.cut);
    REQUIRE(job.image.width == 384);
    REQUIRE(job.image.height == 300);
    for (int y = 0; y < 300; ++y)
        for (int x = 0; x < 384; ++x)
            if ((job.image.pixels[static_cast<std::size_t>(y * 384 + x)] == 0) != image.black(x, y))
                FAIL("dot " << x << "," << y << " differs");
    CHECK(hub::test::inkDots(job.image) == image.blackDots());
}

TEST_CASE("a width that is not a whole number of bytes is padded with paper", "[escpos]") {
    Bitmap image(10, 2);
    image.setBlack(9, 0);
    image.setBlack(0, 1);
    const auto job = hub::test::decodeEscPos(escpos::printJob(image));
    CHECK(job.image.width == 16);
    CHECK(job.image.height == 2);
    CHECK(hub::test::inkDots(job.image) == 2);
    CHECK(job.image.pixels[9] == 0);
    CHECK(job.image.pixels[16] == 0);
}

TEST_CASE("the decoder refuses what a printer would not understand", "[escpos]") {
    CHECK_THROWS_WITH(hub::test::decodeEscPos(std::string("\x1B@\x07", 3)), Catch::Contains("unknown command"));
    CHECK_THROWS_WITH(hub::test::decodeEscPos(std::string("\x1Dv0\0\x01\x00\x05\x00\xFF", 9)),
                      Catch::Contains("truncated"));
}
