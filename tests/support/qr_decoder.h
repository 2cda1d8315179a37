#pragma once
// Test-only QR decoder (zbar): reads codes back from an 8-bit grey image, so
// tests check what a phone camera would read rather than how we drew it.
#include <cstdint>
#include <string>
#include <vector>

namespace hub::test {

struct GreyImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels;  // row-major, 0 = black, 255 = white
};

// Every QR code zbar finds in the image, in the order it reports them.
std::vector<std::string> decodeQrCodes(const GreyImage& image);

}  // namespace hub::test
