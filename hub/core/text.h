#pragma once
// Small encoding helpers shared by every module.
#include <string>
#include <string_view>

namespace hub {

std::string hexEncode(std::string_view bytes);
std::string base64UrlEncode(std::string_view bytes);  // no padding

// "ab:cd:..." upper-case hex pairs, the form certificate fingerprints are shown in.
std::string colonHex(std::string_view bytes);

}  // namespace hub
