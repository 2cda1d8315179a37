#include "hub/tls/symmetric_crypto.h"

#include "hub/tls/mbedtls_handle.h"
#include "hub/tls/tls_error.h"

#include <mbedtls/gcm.h>
#include <mbedtls/hkdf.h>
#include <mbedtls/md.h>

namespace hub::tls {
namespace {

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }
unsigned char* bytes(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

const mbedtls_md_info_t* sha256Info() { return mbedtls_md_info_from_type(MBEDTLS_MD_SHA256); }

using GcmContext = MbedHandle<mbedtls_gcm_context, mbedtls_gcm_init, mbedtls_gcm_free>;

void setGcmKey(GcmContext& gcm, std::string_view key, std::string_view nonce) {
    if (key.size() != kGcmKeyBytes) throw TlsError("AES-256-GCM needs a 32-byte key");
    if (nonce.size() != kGcmNonceBytes) throw TlsError("AES-256-GCM needs a 12-byte nonce");
    throwOnError(mbedtls_gcm_setkey(gcm.get(), MBEDTLS_CIPHER_ID_AES, bytes(key), 256), "setting the AES-GCM key");
}

}  // namespace

std::string hmacSha256(std::string_view key, std::string_view data) {
    std::string out(32, '\0');
    throwOnError(mbedtls_md_hmac(sha256Info(), bytes(key), key.size(), bytes(data), data.size(), bytes(out)),
                 "computing HMAC-SHA-256");
    return out;
}

std::string hkdfSha256(std::string_view inputKey, std::string_view salt, std::string_view info, std::size_t length) {
    if (length > 255 * 32) throw TlsError("HKDF-SHA-256 output too long");
    std::string out(length, '\0');
    throwOnError(mbedtls_hkdf(sha256Info(), bytes(salt), salt.size(), bytes(inputKey), inputKey.size(), bytes(info),
                              info.size(), bytes(out), out.size()),
                 "deriving a key with HKDF-SHA-256");
    return out;
}

std::string aes256GcmSeal(std::string_view key, std::string_view nonce, std::string_view associatedData,
                          std::string_view plaintext) {
    GcmContext gcm;
    setGcmKey(gcm, key, nonce);
    std::string out(plaintext.size() + kGcmTagBytes, '\0');
    throwOnError(mbedtls_gcm_crypt_and_tag(gcm.get(), MBEDTLS_GCM_ENCRYPT, plaintext.size(), bytes(nonce),
                                           nonce.size(), bytes(associatedData), associatedData.size(),
                                           bytes(plaintext), bytes(out), kGcmTagBytes,
                                           bytes(out) + plaintext.size()),
                 "sealing with AES-256-GCM");
    return out;
}

std::optional<std::string> aes256GcmOpen(std::string_view key, std::string_view nonce,
                                         std::string_view associatedData, std::string_view sealed) {
    if (sealed.size() < kGcmTagBytes) return std::nullopt;
    GcmContext gcm;
    setGcmKey(gcm, key, nonce);
    const std::size_t length = sealed.size() - kGcmTagBytes;
    std::string out(length, '\0');
    const int ret = mbedtls_gcm_auth_decrypt(gcm.get(), length, bytes(nonce), nonce.size(), bytes(associatedData),
                                             associatedData.size(), bytes(sealed) + length, kGcmTagBytes,
                                             bytes(sealed), bytes(out));
    if (ret == MBEDTLS_ERR_GCM_AUTH_FAILED) return std::nullopt;
    throwOnError(ret, "opening with AES-256-GCM");
    return out;
}

}  // namespace hub::tls
