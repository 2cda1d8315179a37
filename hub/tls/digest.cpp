#include "hub/tls/digest.h"

#include "hub/core/text.h"
#include "hub/tls/mbedtls_compat.h"

namespace hub::tls {

Sha256 sha256(std::string_view data) {
    Sha256 out{};
    compat::sha256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), out.data());
    return out;
}

std::string sha256Hex(std::string_view data) {
    const auto d = sha256(data);
    return hexEncode(std::string_view(reinterpret_cast<const char*>(d.data()), d.size()));
}

bool constantTimeEqual(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

}  // namespace hub::tls
