#include "hub/auth/password_hasher.h"

#include "hub/core/error.h"
#include "hub/core/random.h"

#include <argon2.h>

#include <algorithm>

#include <thread>
#include <vector>

namespace hub::auth {
namespace {

constexpr std::size_t saltBytes = 16;
constexpr std::size_t hashBytes = 32;

}  // namespace

unsigned HashingLimits::defaultHashingConcurrency() { return std::max(1u, std::thread::hardware_concurrency()); }

PasswordHasher::PasswordHasher(Argon2Params params, HashingLimits limits)
    : params_(params), turns_(limits.concurrency, limits.maxWait) {}

std::uint64_t PasswordHasher::memoryBudgetBytes() const {
    return static_cast<std::uint64_t>(turns_.maxInside()) * params_.memoryKiB * 1024;
}

std::string PasswordHasher::hash(std::string_view password) const {
    const auto turn = turns_.enter("password checks");
    const std::vector<unsigned char> salt = randomBytes(saltBytes);
    std::string encoded(argon2_encodedlen(params_.iterations, params_.memoryKiB, params_.parallelism,
                                          static_cast<std::uint32_t>(saltBytes),
                                          static_cast<std::uint32_t>(hashBytes), Argon2_id),
                        '\0');
    const int rc = argon2id_hash_encoded(params_.iterations, params_.memoryKiB, params_.parallelism, password.data(),
                                         password.size(), salt.data(), salt.size(), hashBytes, encoded.data(),
                                         encoded.size());
    if (rc != ARGON2_OK)
        throw Error(ErrorCode::Internal, std::string("argon2id hashing failed: ") + argon2_error_message(rc));
    encoded.resize(encoded.find('\0'));  // argon2_encodedlen counts the terminator
    return encoded;
}

bool PasswordHasher::verify(std::string_view password, std::string_view encoded) const {
    const std::string terminated(encoded);  // libargon2 wants a C string
    const auto turn = turns_.enter("password checks");
    return argon2id_verify(terminated.c_str(), password.data(), password.size()) == ARGON2_OK;
}

bool PasswordHasher::needsRehash(std::string_view encoded) const {
    const std::string expected = "$argon2id$v=19$m=" + std::to_string(params_.memoryKiB) +
                                 ",t=" + std::to_string(params_.iterations) +
                                 ",p=" + std::to_string(params_.parallelism) + "$";
    return encoded.substr(0, expected.size()) != expected;
}

}  // namespace hub::auth
