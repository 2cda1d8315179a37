#pragma once
// The symmetric primitives the encrypted sync is built from, as plain functions
// over byte strings. Every call into mbedTLS stays in this module; hub/sync
// composes these into its object format (docs/sync-format.md).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hub::tls {

// HMAC-SHA-256 (RFC 2104): 32 bytes.
std::string hmacSha256(std::string_view key, std::string_view data);

// HKDF-SHA-256 (RFC 5869): `length` bytes (at most 255 * 32) of key material.
std::string hkdfSha256(std::string_view inputKey, std::string_view salt, std::string_view info, std::size_t length);

// AES-256-GCM. key: 32 bytes; nonce: 12 bytes. The result is the ciphertext with
// the 16-byte tag appended. Throws TlsError on a key or nonce of the wrong size.
inline constexpr std::size_t kGcmKeyBytes = 32;
inline constexpr std::size_t kGcmNonceBytes = 12;
inline constexpr std::size_t kGcmTagBytes = 16;
std::string aes256GcmSeal(std::string_view key, std::string_view nonce, std::string_view associatedData,
                          std::string_view plaintext);
// The plaintext, or nullopt when the tag does not match (a wrong key, or the
// ciphertext, nonce or associated data changed). Never returns unverified bytes.
std::optional<std::string> aes256GcmOpen(std::string_view key, std::string_view nonce,
                                         std::string_view associatedData, std::string_view sealed);


}  // namespace hub::tls
