#pragma once
// zstd, one frame per object. Objects are a few MiB, so whole-buffer calls
// are enough; the frame records its size, which bounds decompression.
#include <cstddef>
#include <string>
#include <string_view>

namespace hub::sync {

inline constexpr int kDefaultCompressionLevel = 3;

std::string compress(std::string_view data, int level = kDefaultCompressionLevel);

// Throws Error(Unavailable) naming `what` when data is not a zstd frame or
// would expand past maxSize: a damaged object, never a crash.
std::string decompress(std::string_view data, std::size_t maxSize, const std::string& what);

}  // namespace hub::sync
