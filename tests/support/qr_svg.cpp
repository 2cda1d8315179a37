#include "qr_svg.h"

#include <regex>
#include <stdexcept>

namespace hub::test {

GreyImage drawQrSvg(const std::string& svg, int scale) {
    std::smatch box;
    if (!std::regex_search(svg, box, std::regex(R"re(viewBox="0 0 (\d+) (\d+)")re")) || box[1] != box[2])
        throw std::runtime_error("not a square QR SVG");
    const int side = std::stoi(box[1]);
    std::vector<bool> grid(static_cast<std::size_t>(side * side));
    const std::regex run(R"(M(\d+) (\d+)h(\d+)v1h-(\d+)z)");
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), run); it != std::sregex_iterator(); ++it) {
        const int x = std::stoi((*it)[1]), y = std::stoi((*it)[2]), n = std::stoi((*it)[3]);
        if (std::stoi((*it)[4]) != n || x + n > side || y >= side) throw std::runtime_error("malformed QR run");
        for (int i = 0; i < n; ++i) grid[static_cast<std::size_t>(y * side + x + i)] = true;
    }
    GreyImage image;
    image.width = image.height = side * scale;
    image.pixels.assign(static_cast<std::size_t>(image.width * image.height), 255);
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x)
            if (grid[static_cast<std::size_t>((y / scale) * side + x / scale)])
                image.pixels[static_cast<std::size_t>(y * image.width + x)] = 0;
    return image;
}

std::string firstSvg(const std::string& html) {
    const auto start = html.find("<svg");
    const auto end = html.find("</svg>", start);
    if (start == std::string::npos || end == std::string::npos) return {};
    return html.substr(start, end + 6 - start);
}

}  // namespace hub::test
