// The sync's cryptography, from known-answer vectors up to the sealed object
// format and the wrapped data key.
#include "hub/core/text.h"
#include "hub/sync/key_wrap.h"
#include "hub/sync/sealed_object.h"
#include "hub/sync/sync_error.h"
#include "hub/tls/symmetric_crypto.h"

#include "support/catch.h"

#include <set>

using namespace hub;

namespace {

std::string bytes(std::string_view hex) { return hexDecode(hex).value(); }

sync::SyncProblem problemOf(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const sync::SyncError& e) {
        return e.problem();
    }
    FAIL("no SyncError thrown");
    return sync::SyncProblem::Conflict;
}

}  // namespace

TEST_CASE("HMAC-SHA-256 and HKDF-SHA-256 give the RFC 4231 and RFC 5869 answers", "[sync][crypto]") {
    // RFC 4231, test case 2.
    CHECK(hexEncode(tls::hmacSha256("Jefe", "what do ya want for nothing?")) ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    // RFC 5869, test case 1.
    const std::string okm = tls::hkdfSha256(bytes("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), bytes("000102030405060708090a0b0c"),
                                            bytes("f0f1f2f3f4f5f6f7f8f9"), 42);
    CHECK(hexEncode(okm) ==
          "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
}

TEST_CASE("AES-256-GCM matches the GCM specification's test case 16 and refuses any change", "[sync][crypto]") {
    // McGrew and Viega, "The Galois/Counter Mode of Operation", test case 16 (AES-256, with associated data).
    const std::string key = bytes("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
    const std::string nonce = bytes("cafebabefacedbaddecaf888");
    const std::string plaintext = bytes(
        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
    const std::string aad = bytes("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    const std::string sealed = tls::aes256GcmSeal(key, nonce, aad, plaintext);
    CHECK(hexEncode(sealed) ==
          "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
          "76fc6ece0f4e1768cddf8853bb2d551b");
    CHECK(tls::aes256GcmOpen(key, nonce, aad, sealed) == plaintext);
    std::string flipped = sealed;
    flipped[10] = static_cast<char>(flipped[10] ^ 1);
    CHECK_FALSE(tls::aes256GcmOpen(key, nonce, aad, flipped));
    CHECK_FALSE(tls::aes256GcmOpen(key, nonce, aad + "x", sealed));
    CHECK_FALSE(tls::aes256GcmOpen(key, nonce, aad, sealed.substr(0, sealed.size() - 1)));
}

TEST_CASE("a sealed object opens only under its own key, name, sequence and kind", "[sync][crypto]") {
    const auto key = sync::DataKey::generate();
    const std::string payload(100000, 'p');
    const std::string sealed = sync::sealObject(key, sync::ObjectKind::SnapshotPart, "data/1/ab", 7, payload);
    CHECK(sealed.size() < payload.size() / 10);  // compressed before it was sealed
    CHECK(sync::openObject(key, sync::ObjectKind::SnapshotPart, "data/1/ab", 7, sealed) == payload);

    SECTION("moved to another name") {
        CHECK(problemOf([&] { sync::openObject(key, sync::ObjectKind::SnapshotPart, "data/1/ac", 7, sealed); }) ==
              sync::SyncProblem::DamagedObject);
    }
    SECTION("replayed under another sequence") {
        CHECK(problemOf([&] { sync::openObject(key, sync::ObjectKind::SnapshotPart, "data/1/ab", 8, sealed); }) ==
              sync::SyncProblem::DamagedObject);
    }
    SECTION("read as another kind") {
        CHECK(problemOf([&] { sync::openObject(key, sync::ObjectKind::Manifest, "data/1/ab", 7, sealed); }) ==
              sync::SyncProblem::DamagedObject);
    }
    SECTION("under another clinic's key") {
        const auto other = sync::DataKey::generate();
        CHECK(problemOf([&] { sync::openObject(other, sync::ObjectKind::SnapshotPart, "data/1/ab", 7, sealed); }) ==
              sync::SyncProblem::DamagedObject);
    }
    SECTION("any single byte flipped, or the object cut short") {
        for (std::size_t at : {std::size_t{0}, std::size_t{5}, std::size_t{20}, sealed.size() / 2, sealed.size() - 1}) {
            std::string damaged = sealed;
            damaged[at] = static_cast<char>(damaged[at] ^ 0x40);
            INFO("byte " << at);
            try {
                sync::openObject(key, sync::ObjectKind::SnapshotPart, "data/1/ab", 7, damaged);
                FAIL("a damaged object opened");
            } catch (const sync::SyncError& e) {
                CHECK(e.problem() == sync::SyncProblem::DamagedObject);
                CHECK(e.object() == "data/1/ab");
                CHECK(std::string(e.what()).find("data/1/ab") != std::string::npos);
            }
        }
        CHECK(problemOf([&] {
                  sync::openObject(key, sync::ObjectKind::SnapshotPart, "data/1/ab", 7, sealed.substr(0, sealed.size() - 16));
              }) == sync::SyncProblem::DamagedObject);
    }
}

TEST_CASE("two seals of the same payload differ (a fresh salt each time), content names do not", "[sync][crypto]") {
    const auto key = sync::DataKey::generate();
    CHECK(sync::sealObject(key, sync::ObjectKind::Files, "n", 1, "same") !=
          sync::sealObject(key, sync::ObjectKind::Files, "n", 1, "same"));
    CHECK(key.contentName("same") == key.contentName("same"));
    CHECK(key.contentName("same") != key.contentName("other"));
    CHECK(key.contentName("same") != sync::DataKey::generate().contentName("same"));
    CHECK(key.contentName("same").size() == 32);
}

TEST_CASE("the data key unwraps with its passphrase and says so in words otherwise", "[sync][crypto]") {
    const auto key = sync::DataKey::generate();
    const sync::KdfParams quick{8 * 1024, 1, 1};  // argon2id, small for the test's speed
    const std::string wrapped = sync::wrapDataKey(key, "correct horse battery staple", quick);
    CHECK(wrapped.find(key.id()) != std::string::npos);
    CHECK(wrapped.find(hexEncode(key.bytes())) == std::string::npos);
    CHECK(sync::unwrapDataKey(wrapped, "correct horse battery staple").bytes() == key.bytes());
    CHECK(sync::wrappedKeyId(wrapped) == key.id());
    try {
        sync::unwrapDataKey(wrapped, "correct horse battery stapler");
        FAIL("a wrong passphrase unwrapped the key");
    } catch (const sync::SyncError& e) {
        CHECK(e.problem() == sync::SyncProblem::WrongPassphrase);
        CHECK(std::string(e.what()).find("passphrase is wrong") != std::string::npos);
    }
    CHECK(problemOf([&] { sync::unwrapDataKey("{\"format\":\"nope\"}", "x"); }) == sync::SyncProblem::DamagedObject);
    CHECK(problemOf([&] { sync::unwrapDataKey("not json", "x"); }) == sync::SyncProblem::DamagedObject);
}

TEST_CASE("generated recovery passphrases are five groups of five unambiguous characters", "[sync][crypto]") {
    std::set<std::string> seen;
    for (int i = 0; i < 50; ++i) {
        const std::string p = sync::generatePassphrase();
        REQUIRE(p.size() == 29);
        for (std::size_t k = 0; k < p.size(); ++k) {
            if (k % 6 == 5) {
                CHECK(p[k] == '-');
            } else {
                CHECK(std::string("0123456789ABCDEFGHJKMNPQRSTVWXYZ").find(p[k]) != std::string::npos);
            }
        }
        seen.insert(p);
    }
    CHECK(seen.size() == 50);
    CHECK_THROWS_AS(sync::checkPassphrase("too short", "passphrase_file"), Error);
    CHECK_NOTHROW(sync::checkPassphrase("long enough passphrase", "passphrase_file"));
}
