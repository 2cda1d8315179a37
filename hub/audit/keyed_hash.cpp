#include "hub/audit/keyed_hash.h"

#include "hub/core/error.h"
#include "hub/core/random.h"
#include "hub/tls/digest.h"
#include "hub/tls/secure_file.h"

#include <sys/stat.h>

#include <fstream>
#include <iterator>

namespace hub::audit {
namespace {

constexpr std::size_t blockBytes = 64;  // SHA-256's block
constexpr std::size_t keyBytes = 32;

std::string digest(std::string_view data) {
    const tls::Sha256 h = tls::sha256(data);
    return std::string(reinterpret_cast<const char*>(h.data()), h.size());
}

std::string readKey(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error(ErrorCode::Unavailable, "cannot read " + file.string());
    std::string key((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (key.size() != keyBytes)
        throw Error(ErrorCode::Unavailable, file.string() + " is not a " + std::to_string(keyBytes) + "-byte key");
    return key;
}

}  // namespace

std::string hmacSha256Hex(std::string_view key, std::string_view message) {
    std::string k = key.size() > blockBytes ? digest(key) : std::string(key);
    k.resize(blockBytes, '\0');
    std::string inner(blockBytes, '\0'), outer(blockBytes, '\0');
    for (std::size_t i = 0; i < blockBytes; ++i) {
        inner[i] = static_cast<char>(k[i] ^ 0x36);
        outer[i] = static_cast<char>(k[i] ^ 0x5c);
    }
    inner.append(message);
    outer += digest(inner);
    return tls::sha256Hex(outer);
}

std::filesystem::path KeyedHasher::keyFile(const std::filesystem::path& dataDir) {
    return dataDir / "search-audit.key";
}

KeyedHasher KeyedHasher::load(const std::filesystem::path& dataDir) {
    const auto file = keyFile(dataDir);
    if (!std::filesystem::exists(file))
        throw Error(ErrorCode::NotFound, "no " + file.string() + " yet: clinic-hubd creates it when it starts");
    return KeyedHasher(readKey(file));
}

KeyedHasher KeyedHasher::loadOrCreate(const std::filesystem::path& dataDir) {
    const auto file = keyFile(dataDir);
    if (!std::filesystem::exists(file)) {
        const auto bytes = randomBytes(keyBytes);
        try {
            tls::writeFileAtomically(file, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()),
                                     S_IRUSR | S_IWUSR);
        } catch (const std::exception& e) {
            throw Error(ErrorCode::Unavailable, std::string("cannot create the search-audit key: ") + e.what());
        }
    }
    return KeyedHasher(readKey(file));
}

KeyedHasher KeyedHasher::withKey(std::string key) { return KeyedHasher(std::move(key)); }

}  // namespace hub::audit
