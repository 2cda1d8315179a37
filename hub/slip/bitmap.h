#pragma once
// A 1-bit image as a thermal printer takes it: rows of packed bytes, the
// leftmost dot in the most significant bit, 1 = a black dot.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace hub::slip {

class Bitmap {
public:
    Bitmap() = default;
    Bitmap(int width, int height)
        : width_(width), height_(height), bits_(static_cast<std::size_t>(rowBytes() * height), 0) {}

    int width() const { return width_; }
    int height() const { return height_; }
    int rowBytes() const { return (width_ + 7) / 8; }
    const std::vector<std::uint8_t>& bytes() const { return bits_; }

    // REQUIRES: 0 <= x < width(), 0 <= y < height().
    bool black(int x, int y) const { return (bits_[index(x, y)] & mask(x)) != 0; }
    void setBlack(int x, int y) { bits_[index(x, y)] |= mask(x); }

    // Copies src's black dots onto this image with its top-left corner at (x, y), clipped.
    void draw(const Bitmap& src, int x, int y);
    std::size_t blackDots() const;

private:
    std::size_t index(int x, int y) const { return static_cast<std::size_t>(y * rowBytes() + x / 8); }
    static std::uint8_t mask(int x) { return static_cast<std::uint8_t>(0x80u >> (x % 8)); }

    int width_ = 0;
    int height_ = 0;
    std::vector<std::uint8_t> bits_;
};

}  // namespace hub::slip
