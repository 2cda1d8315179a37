#include "hub/qr/qr_code.h"

#include "hub/core/error.h"
#include "hub/core/text.h"

#include <qrencode.h>

#include <memory>

namespace hub::qr {
namespace {

struct QrFree {
    void operator()(QRcode* code) const { QRcode_free(code); }
};

}  // namespace

QrCode QrCode::encode(std::string_view text) {
    if (text.empty()) throw Error(ErrorCode::InvalidInput, "nothing to encode in a QR code");
    std::unique_ptr<QRcode, QrFree> code(QRcode_encodeData(static_cast<int>(text.size()),
                                                           reinterpret_cast<const unsigned char*>(text.data()), 0,
                                                           QR_ECLEVEL_M));
    if (!code)
        throw Error(ErrorCode::InvalidInput,
                    "cannot encode " + std::to_string(text.size()) + " bytes in a QR code (too long)");
    const int size = code->width;
    std::vector<bool> modules(static_cast<std::size_t>(size * size));
    // libqrencode: one byte per module, the lowest bit set for a dark module.
    for (std::size_t i = 0; i < modules.size(); ++i) modules[i] = (code->data[i] & 1) != 0;
    return QrCode(size, std::move(modules));
}

std::string QrCode::svg(std::string_view title) const {
    const int side = size_ + 2 * quietZone;
    std::string path;
    // One horizontal run of dark modules per "M x y h n v1 h -n z" keeps the
    // document small (a 33x33 code is ~6 kB instead of ~30 kB of rects).
    for (int y = 0; y < size_; ++y) {
        for (int x = 0; x < size_;) {
            if (!dark(x, y)) {
                ++x;
                continue;
            }
            int run = 1;
            while (x + run < size_ && dark(x + run, y)) ++run;
            path += "M" + std::to_string(x + quietZone) + " " + std::to_string(y + quietZone) + "h" +
                    std::to_string(run) + "v1h-" + std::to_string(run) + "z";
            x += run;
        }
    }
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(side) + " " +
                      std::to_string(side) + "\" shape-rendering=\"crispEdges\" role=\"img\"";
    if (!title.empty()) svg += " aria-label=\"" + htmlEscape(title) + "\"";
    svg += "><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
    return svg;
}

std::string QrCode::terminalText() const {
    const int side = size_ + 2 * quietZone;
    auto light = [&](int x, int y) {
        const int mx = x - quietZone, my = y - quietZone;
        if (mx < 0 || my < 0 || mx >= size_ || my >= size_) return true;
        return !dark(mx, my);
    };
    std::string out;
    for (int y = 0; y < side; y += 2) {
        for (int x = 0; x < side; ++x) {
            const bool top = light(x, y), bottom = y + 1 < side ? light(x, y + 1) : false;
            out += top && bottom ? "\u2588" : top ? "\u2580" : bottom ? "\u2584" : " ";
        }
        out += '\n';
    }
    return out;
}

}  // namespace hub::qr
