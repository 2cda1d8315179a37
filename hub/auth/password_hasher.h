#pragma once
// Staff passwords, hashed with argon2id (libargon2) into the standard encoded
// form "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>", which carries its own
// parameters so they can be raised later (needsRehash) without a migration.
#include "hub/core/concurrency_limit.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace hub::auth {

struct Argon2Params {
    std::uint32_t memoryKiB = 19 * 1024;  // m
    std::uint32_t iterations = 2;         // t
    std::uint32_t parallelism = 1;        // p
};

// OWASP Password Storage Cheat Sheet: argon2id, m=19 MiB, t=2, p=1.
inline constexpr Argon2Params owaspArgon2Params{};

// Each hash or check holds memoryKiB for its duration, so at most
// `concurrency` run at once: peak memory from passwords is concurrency x m,
// however many sign-ins arrive together. A caller that waits longer than
// maxWait for its turn gets Error(Unavailable) with a Retry-After.
struct HashingLimits {
    unsigned concurrency = defaultHashingConcurrency();  // >= 1
    std::chrono::milliseconds maxWait{5000};

    static unsigned defaultHashingConcurrency();  // the number of cores
};

class PasswordHasher {
public:
    // Tests may pass cheaper parameters; production uses the default.
    explicit PasswordHasher(Argon2Params params = owaspArgon2Params, HashingLimits limits = {});

    // A fresh 16-byte salt each call. Throws Error(Internal) if libargon2 fails,
    // Error(Unavailable) if no turn came within the limits' maxWait.
    std::string hash(std::string_view password) const;
    // False for a wrong password and for a malformed encoded hash. Throws
    // Error(Unavailable) if no turn came within the limits' maxWait.
    bool verify(std::string_view password, std::string_view encoded) const;
    // True when encoded was made with other parameters (or another algorithm).
    bool needsRehash(std::string_view encoded) const;

    const Argon2Params& params() const { return params_; }
    // The most memory hashing may hold at once: concurrency x m.
    std::uint64_t memoryBudgetBytes() const;
    std::size_t mostAtOnce() const { return turns_.mostInsideAtOnce(); }

private:
    Argon2Params params_;
    mutable ConcurrencyLimit turns_;
};

}  // namespace hub::auth
