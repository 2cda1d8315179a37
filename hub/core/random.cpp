#include "hub/core/random.h"

#include "hub/core/error.h"
#include "hub/core/text.h"

#include <cerrno>
#include <sys/random.h>

namespace hub {

std::vector<unsigned char> randomBytes(std::size_t count) {
    std::vector<unsigned char> out(count);
    std::size_t filled = 0;
    while (filled < count) {
        const ssize_t n = ::getrandom(out.data() + filled, count - filled, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw Error(ErrorCode::Internal, "getrandom failed");
        }
        filled += static_cast<std::size_t>(n);
    }
    return out;
}

std::string randomToken(std::size_t count) {
    const auto bytes = randomBytes(count);
    return base64UrlEncode(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

}  // namespace hub
