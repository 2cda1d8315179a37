#pragma once
// Randomness from the kernel (getrandom(2)): session tokens, CSRF tokens,
// tracking links. Throws hub::Error(Internal) if the kernel cannot supply it.
#include <cstddef>
#include <string>
#include <vector>

namespace hub {

std::vector<unsigned char> randomBytes(std::size_t count);

// count random bytes as unpadded base64url (URL- and cookie-safe).
std::string randomToken(std::size_t count);

}  // namespace hub
