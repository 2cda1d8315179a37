#include "qr_decoder.h"

#include <zbar.h>

#include <memory>
#include <stdexcept>

namespace hub::test {

std::vector<std::string> decodeQrCodes(const GreyImage& image) {
    std::unique_ptr<zbar::zbar_image_scanner_t, decltype(&zbar::zbar_image_scanner_destroy)> scanner(
        zbar::zbar_image_scanner_create(), zbar::zbar_image_scanner_destroy);
    zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_NONE, zbar::ZBAR_CFG_ENABLE, 0);
    zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_QRCODE, zbar::ZBAR_CFG_ENABLE, 1);
    std::unique_ptr<zbar::zbar_image_t, decltype(&zbar::zbar_image_destroy)> zimage(zbar::zbar_image_create(),
                                                                                     zbar::zbar_image_destroy);
    zbar::zbar_image_set_format(zimage.get(), zbar_fourcc('Y', '8', '0', '0'));
    zbar::zbar_image_set_size(zimage.get(), static_cast<unsigned>(image.width), static_cast<unsigned>(image.height));
    // zbar only reads the buffer during the scan; no cleanup handler needed.
    zbar::zbar_image_set_data(zimage.get(), image.pixels.data(), image.pixels.size(), nullptr);
    if (zbar::zbar_scan_image(scanner.get(), zimage.get()) < 0) throw std::runtime_error("zbar could not scan");
    std::vector<std::string> found;
    for (auto* symbol = zbar::zbar_image_first_symbol(zimage.get()); symbol; symbol = zbar::zbar_symbol_next(symbol))
        found.emplace_back(zbar::zbar_symbol_get_data(symbol), zbar::zbar_symbol_get_data_length(symbol));
    return found;
}

}  // namespace hub::test
