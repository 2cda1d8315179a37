#pragma once
// Test-only ESC/POS reader: parses a print job the way a receipt printer
// would and draws its GS v 0 raster back into an image, independently of the
// hub's encoder. Anything it does not understand is an error, not skipped.
#include "qr_decoder.h"

#include <string>
#include <string_view>

namespace hub::test {

struct PrintedJob {
    GreyImage image;          // every raster band stacked; 0 = printed dot, 255 = paper
    int bands = 0;            // GS v 0 commands
    int maxBandRows = 0;
    bool initialised = false;  // began with ESC @
    int linesFed = 0;          // ESC d n, summed
    bool cut = false;          // GS V after the image
};

// Throws std::runtime_error naming the offset of an unknown or truncated command.
PrintedJob decodeEscPos(std::string_view bytes);

// Black dots in the image.
std::size_t inkDots(const GreyImage& image);

}  // namespace hub::test
