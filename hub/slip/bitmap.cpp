#include "hub/slip/bitmap.h"

#include <bit>

namespace hub::slip {

void Bitmap::draw(const Bitmap& src, int x, int y) {
    for (int sy = 0; sy < src.height(); ++sy) {
        const int ty = y + sy;
        if (ty < 0 || ty >= height_) continue;
        for (int sx = 0; sx < src.width(); ++sx) {
            const int tx = x + sx;
            if (tx >= 0 && tx < width_ && src.black(sx, sy)) setBlack(tx, ty);
        }
    }
}

std::size_t Bitmap::blackDots() const {
    std::size_t n = 0;
    for (auto b : bits_) n += static_cast<std::size_t>(std::popcount(b));
    return n;
}

}  // namespace hub::slip
