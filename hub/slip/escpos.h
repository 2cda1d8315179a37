#pragma once
// ESC/POS, the command language of thermal receipt printers: one print job
// for a 1-bit image. Text commands are not used at all (code pages have no
// Bangla); the slip is printed as raster graphics.
#include "hub/slip/bitmap.h"

#include <string>

namespace hub::slip::escpos {

// Rows per GS v 0 command: printers buffer a whole command before printing,
// and small ones run out of memory on a tall image sent in one piece.
inline constexpr int bandRows = 128;
// Blank lines fed after the image so the cut falls below it.
inline constexpr int feedLines = 4;

// ESC @ (initialise), the image as GS v 0 raster bands of at most bandRows,
// ESC d feedLines, and GS V 1 (partial cut).
std::string printJob(const Bitmap& image);

}  // namespace hub::slip::escpos
