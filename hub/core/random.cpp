#include "hub/core/random.h"

#include "hub/core/error.h"
#include "hub/core/text.h"

#include <cerrno>
#include <sys/random.h>

namespace hub {

namespace {

std::string base64Url(const std::vector<unsigned char>& bytes) {
    return base64UrlEncode(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

}  // namespace

std::vector<unsigned char> Random::bytes(std::size_t count) {
    std::vector<unsigned char> out(count);
    fill(out.data(), count);
    return out;
}

std::string Random::token(std::size_t count) { return base64Url(bytes(count)); }

void SystemRandom::fill(unsigned char* out, std::size_t count) {
    std::size_t filled = 0;
    while (filled < count) {
        const ssize_t n = ::getrandom(out + filled, count - filled, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw Error(ErrorCode::Internal, "getrandom failed");
        }
        filled += static_cast<std::size_t>(n);
    }
}

void SeededRandom::fill(unsigned char* out, std::size_t count) {
    std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < count; ++i) out[i] = static_cast<unsigned char>(engine_() & 0xFF);
}

std::vector<unsigned char> randomBytes(std::size_t count) {
    SystemRandom kernel;
    return kernel.bytes(count);
}

std::string randomToken(std::size_t count) { return base64Url(randomBytes(count)); }

}  // namespace hub
