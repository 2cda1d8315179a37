#include "escpos_decoder.h"

#include <stdexcept>

namespace hub::test {
namespace {

[[noreturn]] void fail(std::size_t at, const std::string& what) {
    throw std::runtime_error("ESC/POS job, byte " + std::to_string(at) + ": " + what);
}

}  // namespace

PrintedJob decodeEscPos(std::string_view bytes) {
    PrintedJob job;
    auto byte = [&](std::size_t i) {
        if (i >= bytes.size()) fail(i, "command truncated");
        return static_cast<unsigned char>(bytes[i]);
    };
    std::size_t i = 0;
    while (i < bytes.size()) {
        const unsigned char c = byte(i);
        if (c == 0x1B && byte(i + 1) == '@') {
            if (i != 0) fail(i, "ESC @ in the middle of a job");
            job.initialised = true;
            i += 2;
        } else if (c == 0x1B && byte(i + 1) == 'd') {
            job.linesFed += byte(i + 2);
            i += 3;
        } else if (c == 0x1D && byte(i + 1) == 'v' && byte(i + 2) == '0') {
            if (job.cut) fail(i, "image after the cut");
            if (byte(i + 3) != 0) fail(i, "raster mode other than normal");
            const int rowBytes = byte(i + 4) | byte(i + 5) << 8;
            const int rows = byte(i + 6) | byte(i + 7) << 8;
            const std::size_t data = i + 8, size = static_cast<std::size_t>(rowBytes) * static_cast<std::size_t>(rows);
            if (data + size > bytes.size()) fail(i, "raster data truncated");
            if (job.bands > 0 && rowBytes * 8 != job.image.width) fail(i, "bands of different widths");
            job.image.width = rowBytes * 8;
            for (int y = 0; y < rows; ++y)
                for (int x = 0; x < job.image.width; ++x) {
                    const auto b = static_cast<unsigned char>(bytes[data + static_cast<std::size_t>(y * rowBytes + x / 8)]);
                    job.image.pixels.push_back((b & (0x80 >> (x % 8))) ? 0 : 255);
                }
            job.image.height += rows;
            job.maxBandRows = std::max(job.maxBandRows, rows);
            ++job.bands;
            i = data + size;
        } else if (c == 0x1D && byte(i + 1) == 'V') {
            const unsigned char m = byte(i + 2);
            if (m == 65 || m == 66) ++i;  // function B carries a feed amount
            job.cut = true;
            i += 3;
        } else {
            fail(i, "unknown command byte " + std::to_string(c));
        }
    }
    return job;
}

std::size_t inkDots(const GreyImage& image) {
    std::size_t n = 0;
    for (auto p : image.pixels) n += p == 0 ? 1 : 0;
    return n;
}

}  // namespace hub::test
