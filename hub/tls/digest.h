#pragma once
// Hashes, from mbedTLS so that every cryptographic call lives in this module.
#include <array>
#include <string>
#include <string_view>

namespace hub::tls {

using Sha256 = std::array<unsigned char, 32>;

Sha256 sha256(std::string_view data);
std::string sha256Hex(std::string_view data);  // lower-case hex, 64 characters

// Compares two equal-length secrets in time independent of their contents.
bool constantTimeEqual(std::string_view a, std::string_view b);

}  // namespace hub::tls
