#pragma once
// A keyed hash (HMAC-SHA256, RFC 2104) under a secret kept in the data
// directory, for things the audit trail must be able to recognise but never
// hold: the text of a patient search. Whoever has the key (the box) can check
// whether a given text was recorded by hashing it again; a copy of the trail
// without the key reveals nothing, not even which searches were alike across
// two boxes.
#include <filesystem>
#include <string>
#include <string_view>

namespace hub::audit {

// HMAC-SHA256(key, message) as 64 lower-case hex digits.
std::string hmacSha256Hex(std::string_view key, std::string_view message);

class KeyedHasher {
public:
    // Reads <dataDir>/search-audit.key, creating it (32 random bytes, mode
    // 0600, written atomically) if it does not exist. Throws Error(Unavailable)
    // naming the file when it cannot be read or written, or has the wrong size.
    static KeyedHasher loadOrCreate(const std::filesystem::path& dataDir);
    // Reads it only (the CLI: the daemon creates it). Throws Error(NotFound)
    // when it does not exist yet.
    static KeyedHasher load(const std::filesystem::path& dataDir);
    // A key held in memory only (tests, tools that keep no trail).
    static KeyedHasher withKey(std::string key);
    static std::filesystem::path keyFile(const std::filesystem::path& dataDir);

    std::string hash(std::string_view text) const { return hmacSha256Hex(key_, text); }

private:
    explicit KeyedHasher(std::string key) : key_(std::move(key)) {}
    std::string key_;
};

}  // namespace hub::audit
