#include "hub/sync/compression.h"

#include "hub/core/error.h"

#include <zstd.h>

#include <memory>

namespace hub::sync {
namespace {

struct CompressContextFree {
    void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};
struct DecompressContextFree {
    void operator()(ZSTD_DCtx* c) const { ZSTD_freeDCtx(c); }
};

}  // namespace

std::string compress(std::string_view data, int level) {
    // One context per thread: compressing many parts reuses its tables.
    thread_local std::unique_ptr<ZSTD_CCtx, CompressContextFree> context(ZSTD_createCCtx());
    std::string out(ZSTD_compressBound(data.size()), '\0');
    const std::size_t n = ZSTD_compressCCtx(context.get(), out.data(), out.size(), data.data(), data.size(), level);
    if (ZSTD_isError(n) != 0) throw Error(ErrorCode::Internal, std::string("zstd: ") + ZSTD_getErrorName(n));
    out.resize(n);
    return out;
}

std::string decompress(std::string_view data, std::size_t maxSize, const std::string& what) {
    const unsigned long long declared = ZSTD_getFrameContentSize(data.data(), data.size());
    if (declared == ZSTD_CONTENTSIZE_ERROR || declared == ZSTD_CONTENTSIZE_UNKNOWN || declared > maxSize)
        throw Error(ErrorCode::Unavailable, what + " is damaged: its contents are not a valid compressed frame");
    thread_local std::unique_ptr<ZSTD_DCtx, DecompressContextFree> context(ZSTD_createDCtx());
    std::string out(static_cast<std::size_t>(declared), '\0');
    const std::size_t n = ZSTD_decompressDCtx(context.get(), out.data(), out.size(), data.data(), data.size());
    if (ZSTD_isError(n) != 0 || n != out.size())
        throw Error(ErrorCode::Unavailable, what + " is damaged: its compressed contents do not decompress");
    return out;
}

}  // namespace hub::sync
