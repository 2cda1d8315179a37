#pragma once
// Randomness, injected like the clock.
//
// What the hub hands out as a secret or an id — session and CSRF tokens,
// display keys, tracking codes, event-journal ids, incident ids — comes from a
// Random that the object graph passes in (SystemRandom in the daemon and the
// CLI), so a test can make it repeatable (SeededRandom) or check what it was
// given. Key material (salts, keys, nonces) is drawn with randomBytes() from
// the kernel directly: no test double may ever weaken a key.
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <random>
#include <string>
#include <vector>

namespace hub {

class Random {
public:
    virtual ~Random() = default;
    // Fills out with count random bytes. Thread-safe.
    virtual void fill(unsigned char* out, std::size_t count) = 0;

    std::vector<unsigned char> bytes(std::size_t count);
    // count random bytes as unpadded base64url (URL- and cookie-safe).
    std::string token(std::size_t count);
};

// The kernel's randomness (getrandom(2)). Throws hub::Error(Internal) if the
// kernel cannot supply it.
class SystemRandom final : public Random {
public:
    void fill(unsigned char* out, std::size_t count) override;
};

// A repeatable sequence for tests: the same seed gives the same bytes. Never
// for anything a clinic relies on being secret.
class SeededRandom final : public Random {
public:
    explicit SeededRandom(std::uint64_t seed) : engine_(seed) {}
    void fill(unsigned char* out, std::size_t count) override;

private:
    std::mutex mutex_;
    std::mt19937_64 engine_;
};

// Key material from the kernel.
std::vector<unsigned char> randomBytes(std::size_t count);
std::string randomToken(std::size_t count);

}  // namespace hub
