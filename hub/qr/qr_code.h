#pragma once
// QR codes through libqrencode: the tracking link on a token slip, the CA
// fingerprint on the welcome page, the staff set-up code on the TV. One module
// so that every QR the hub draws uses the same error-correction level and the
// same quiet zone, whichever surface (SVG in a page, pixels on thermal paper).
#include <string>
#include <string_view>
#include <vector>

namespace hub::qr {

class QrCode {
public:
    // Encodes the bytes of `text` (8-bit mode, error correction level M: a
    // slip survives a fold or a smudge). Throws hub::Error(InvalidInput) when the
    // text is empty or too long for a QR code.
    static QrCode encode(std::string_view text);

    // Modules per side, without the quiet zone.
    int size() const { return size_; }
    // REQUIRES: 0 <= x, y < size().
    bool dark(int x, int y) const { return modules_[static_cast<std::size_t>(y * size_ + x)]; }

    // The standard quiet zone of four light modules on every side.
    static constexpr int quietZone = 4;

    // A scalable SVG image (one path, crisp edges), quiet zone included; `title`
    // becomes the accessible name.
    std::string svg(std::string_view title = {}) const;

    // For a terminal: two module rows per text line with Unicode half blocks.
    // Light modules and the quiet zone are drawn in the text colour, dark ones
    // left as background: right way round on the usual light-on-dark console
    // (the Linux console, SSH terminals). Lines end in '\n'.
    std::string terminalText() const;

private:
    QrCode(int size, std::vector<bool> modules) : size_(size), modules_(std::move(modules)) {}
    int size_;
    std::vector<bool> modules_;
};

}  // namespace hub::qr
