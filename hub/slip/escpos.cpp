#include "hub/slip/escpos.h"

#include "hub/core/error.h"

#include <algorithm>

namespace hub::slip::escpos {
namespace {

constexpr char ESC = 0x1B, GS = 0x1D;

void put16(std::string& out, int value) {
    out += static_cast<char>(value & 0xFF);
    out += static_cast<char>((value >> 8) & 0xFF);
}

}  // namespace

std::string printJob(const Bitmap& image) {
    const int rowBytes = image.rowBytes();
    if (rowBytes > 0xFFFF || image.height() <= 0)
        throw Error(ErrorCode::Internal, "an image of " + std::to_string(image.width()) + "x" +
                                             std::to_string(image.height()) + " dots cannot be printed");
    std::string out{ESC, '@'};
    out.reserve(out.size() + image.bytes().size() + static_cast<std::size_t>(image.height() / bandRows + 1) * 8 + 8);
    const auto* bits = reinterpret_cast<const char*>(image.bytes().data());
    for (int top = 0; top < image.height(); top += bandRows) {
        const int rows = std::min(bandRows, image.height() - top);
        // GS v 0 m xL xH yL yH: m = 0 is normal density; x counts bytes, y dots.
        out += {GS, 'v', '0', '\0'};
        put16(out, rowBytes);
        put16(out, rows);
        out.append(bits + static_cast<std::size_t>(top) * static_cast<std::size_t>(rowBytes),
                   static_cast<std::size_t>(rows) * static_cast<std::size_t>(rowBytes));
    }
    out += {ESC, 'd', static_cast<char>(feedLines)};
    out += {GS, 'V', '\1'};
    return out;
}

}  // namespace hub::slip::escpos
