#include "hub/slip/slip_raster.h"

#include "hub/core/error.h"
#include "hub/qr/qr_code.h"

#include <pango/pangocairo.h>

#include <algorithm>

namespace hub::slip {
namespace {

template <typename T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const { Free(p); }
};
void unrefObject(GObject* o) { g_object_unref(o); }
using SurfacePtr = std::unique_ptr<cairo_surface_t, Deleter<cairo_surface_t, cairo_surface_destroy>>;
using CairoPtr = std::unique_ptr<cairo_t, Deleter<cairo_t, cairo_destroy>>;
using FontPtr = std::unique_ptr<PangoFontDescription, Deleter<PangoFontDescription, pango_font_description_free>>;
using ObjectPtr = std::unique_ptr<GObject, Deleter<GObject, unrefObject>>;

// Coverage at or above this (of 255) prints as a black dot.
constexpr unsigned char inkThreshold = 110;

// Type sizes in dots on 58 mm paper (203 dpi: 8 dots per mm); 80 mm scales them up.
int sizeFor(SlipLine::Kind kind) {
    switch (kind) {
        case SlipLine::Kind::Clinic: return 30;
        case SlipLine::Kind::Caption: return 24;
        case SlipLine::Kind::Label: return 96;
        case SlipLine::Kind::Detail: return 26;
        case SlipLine::Kind::Qr: return 0;
        case SlipLine::Kind::Note: return 22;
        case SlipLine::Kind::Url: return 18;
    }
    return 24;
}

}  // namespace

Bitmap qrBitmap(const std::string& text, int width) {
    const auto code = qr::QrCode::encode(text);
    const int q = qr::QrCode::quietZone;
    const int side = code.size() + 2 * q;
    const int scale = std::clamp(width * 2 / 3 / side, 2, 10);
    Bitmap image(width, side * scale);
    const int left = (width - side * scale) / 2;
    for (int y = 0; y < code.size(); ++y)
        for (int x = 0; x < code.size(); ++x)
            if (code.dark(x, y))
                for (int dy = 0; dy < scale; ++dy)
                    for (int dx = 0; dx < scale; ++dx)
                        image.setBlack(left + (x + q) * scale + dx, (y + q) * scale + dy);
    return image;
}

struct SlipRenderer::FontMap {
    ObjectPtr map{G_OBJECT(pango_cairo_font_map_new())};
    ObjectPtr context{G_OBJECT(pango_font_map_create_context(PANGO_FONT_MAP(map.get())))};
};

SlipRenderer::SlipRenderer() = default;
SlipRenderer::~SlipRenderer() = default;

// Made at the first slip, not at start: fontconfig maps its caches and Pango
// touches a few MB of libraries, which a hub without a printer never needs.
SlipRenderer::FontMap& SlipRenderer::fontsLocked() {
    if (fonts_) return *fonts_;
    fonts_ = std::make_unique<FontMap>();
    // Greyscale antialiasing gives the threshold the true coverage of each dot.
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_SLIGHT);
    pango_cairo_context_set_font_options(PANGO_CONTEXT(fonts_->context.get()), options);
    cairo_font_options_destroy(options);
    return *fonts_;
}

Raster SlipRenderer::renderText(std::string_view text, int sizeDots, int width, bool bold) {
    std::lock_guard lock(mutex_);
    return textLocked(text, sizeDots, width, bold);
}

Raster SlipRenderer::textLocked(std::string_view text, int sizeDots, int width, bool bold) {
    ObjectPtr layoutObject{G_OBJECT(pango_layout_new(PANGO_CONTEXT(fontsLocked().context.get())))};
    PangoLayout* layout = PANGO_LAYOUT(layoutObject.get());
    // Latin first so digits and URLs keep Noto Sans; fontconfig falls back to
    // Noto Sans Bengali for Bangla script.
    FontPtr font{pango_font_description_from_string("Noto Sans, Noto Sans Bengali, DejaVu Sans")};
    pango_font_description_set_absolute_size(font.get(), sizeDots * PANGO_SCALE);
    pango_font_description_set_weight(font.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout, font.get());
    pango_layout_set_width(layout, width * PANGO_SCALE);
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);  // URLs break anywhere
    pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
    pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));

    int inkWidth = 0, height = 0;
    pango_layout_get_pixel_size(layout, &inkWidth, &height);
    Raster out{Bitmap(width, std::max(height, 1)), pango_layout_get_unknown_glyphs_count(layout)};

    SurfacePtr surface{cairo_image_surface_create(CAIRO_FORMAT_A8, width, out.image.height())};
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        throw Error(ErrorCode::Internal, "cannot allocate a slip image of " + std::to_string(width) + " dots");
    {
        CairoPtr cr{cairo_create(surface.get())};
        cairo_set_source_rgba(cr.get(), 0, 0, 0, 1);
        pango_cairo_update_layout(cr.get(), layout);
        pango_cairo_show_layout(cr.get(), layout);
    }
    cairo_surface_flush(surface.get());
    const unsigned char* data = cairo_image_surface_get_data(surface.get());
    const int stride = cairo_image_surface_get_stride(surface.get());
    for (int y = 0; y < out.image.height(); ++y)
        for (int x = 0; x < width; ++x)
            if (data[y * stride + x] >= inkThreshold) out.image.setBlack(x, y);
    return out;
}

Raster SlipRenderer::render(const TokenSlip& slip, PaperWidth paper) {
    const int width = printableDots(paper);
    const int margin = width / 48;  // ~1 mm each side: printers drop the edge dots
    const int scale100 = width * 100 / printableDots(PaperWidth::Mm58);
    const int gap = 6 * scale100 / 100;

    std::lock_guard lock(mutex_);
    std::vector<Bitmap> blocks;
    int unknown = 0;
    for (const auto& line : slipLines(slip)) {
        if (line.kind == SlipLine::Kind::Qr) {
            blocks.push_back(qrBitmap(slip.trackingUrl, width));
            continue;
        }
        const bool bold = line.kind == SlipLine::Kind::Clinic || line.kind == SlipLine::Kind::Label;
        Raster text = textLocked(line.text, sizeFor(line.kind) * scale100 / 100, width - 2 * margin, bold);
        unknown += text.unknownGlyphs;
        Bitmap placed(width, text.image.height());
        placed.draw(text.image, margin, 0);
        blocks.push_back(std::move(placed));
    }
    int height = gap;
    for (const auto& b : blocks) height += b.height() + gap;
    Raster out{Bitmap(width, height), unknown};
    int y = gap;
    for (const auto& b : blocks) {
        out.image.draw(b, 0, y);
        y += b.height() + gap;
    }
    return out;
}

}  // namespace hub::slip
