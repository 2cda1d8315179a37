#include "hub/sync/sealed_object.h"

#include "hub/core/random.h"
#include "hub/core/text.h"
#include "hub/sync/compression.h"
#include "hub/sync/sync_error.h"
#include "hub/tls/symmetric_crypto.h"

namespace hub::sync {
namespace {

constexpr std::string_view kMagic = "CHSY";
constexpr unsigned char kVersion = 1;
constexpr std::size_t kSaltBytes = 32;
constexpr std::size_t kHeaderBytes = 8 + kSaltBytes;
constexpr std::string_view kObjectInfo = "clinic-hub sync object v1";
constexpr std::string_view kNameInfo = "clinic-hub sync object names v1";

void putBigEndian(std::string& out, std::uint64_t value, int bytes) {
    for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) out.push_back(static_cast<char>((value >> shift) & 0xffu));
}

// header || sequence (8 bytes) || name length (4 bytes) || name
std::string associatedData(std::string_view header, std::string_view name, std::uint64_t sequence) {
    std::string aad(header);
    putBigEndian(aad, sequence, 8);
    putBigEndian(aad, name.size(), 4);
    aad.append(name);
    return aad;
}

SyncError damaged(std::string_view name, const std::string& why) {
    return SyncError(SyncProblem::DamagedObject, "object " + std::string(name) + " is damaged: " + why,
                     std::string(name));
}

}  // namespace

DataKey DataKey::generate() {
    const auto raw = randomBytes(kBytes);
    return DataKey(std::string(raw.begin(), raw.end()));
}

DataKey DataKey::fromBytes(std::string_view raw) {
    if (raw.size() != kBytes) throw Error(ErrorCode::Unavailable, "the sync data key is not 32 bytes long");
    return DataKey(std::string(raw));
}

std::string DataKey::id() const { return hexEncode(tls::hmacSha256(key_, "key id").substr(0, 8)); }

std::string DataKey::contentName(std::string_view payload) const {
    const std::string nameKey = tls::hkdfSha256(key_, {}, kNameInfo, 32);
    return hexEncode(tls::hmacSha256(nameKey, payload).substr(0, 16));
}

std::string sealObject(const DataKey& key, ObjectKind kind, std::string_view name, std::uint64_t sequence,
                       std::string_view payload) {
    std::string header(kMagic);
    header.push_back(static_cast<char>(kVersion));
    header.push_back(static_cast<char>(kind));
    header.append(2, '\0');
    const auto salt = randomBytes(kSaltBytes);
    header.append(salt.begin(), salt.end());
    // A fresh salt per object gives a fresh key and nonce, so a fixed
    // construction never reuses a nonce even when an object is written again.
    const std::string material = tls::hkdfSha256(key.bytes(), std::string(salt.begin(), salt.end()), kObjectInfo,
                                                 tls::kGcmKeyBytes + tls::kGcmNonceBytes);
    const std::string sealed =
        tls::aes256GcmSeal(std::string_view(material).substr(0, tls::kGcmKeyBytes),
                           std::string_view(material).substr(tls::kGcmKeyBytes),
                           associatedData(header, name, sequence), compress(payload));
    return header + sealed;
}

std::string openObject(const DataKey& key, ObjectKind kind, std::string_view name, std::uint64_t sequence,
                       std::string_view sealed) {
    if (sealed.size() < kHeaderBytes + tls::kGcmTagBytes || sealed.substr(0, 4) != kMagic)
        throw damaged(name, "it is not a Clinic Hub sync object");
    if (static_cast<unsigned char>(sealed[4]) != kVersion)
        throw damaged(name, "it is in format " + std::to_string(static_cast<unsigned char>(sealed[4])) +
                                ", which this clinic-hub does not know");
    if (static_cast<unsigned char>(sealed[5]) != static_cast<unsigned char>(kind))
        throw damaged(name, "it is not the kind of object the restore point says");
    const std::string_view header = sealed.substr(0, kHeaderBytes);
    const std::string material = tls::hkdfSha256(key.bytes(), header.substr(8), kObjectInfo,
                                                 tls::kGcmKeyBytes + tls::kGcmNonceBytes);
    const auto compressed = tls::aes256GcmOpen(std::string_view(material).substr(0, tls::kGcmKeyBytes),
                                               std::string_view(material).substr(tls::kGcmKeyBytes),
                                               associatedData(header, name, sequence), sealed.substr(kHeaderBytes));
    if (!compressed)
        throw damaged(name, "it fails authentication (changed, cut short, or moved from another name)");
    try {
        return decompress(*compressed, kMaxObjectPayload, "object " + std::string(name));
    } catch (const Error&) {
        throw damaged(name, "its contents do not decompress");
    }
}

}  // namespace hub::sync
