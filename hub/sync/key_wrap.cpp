#include "hub/sync/key_wrap.h"

#include "hub/core/random.h"
#include "hub/core/text.h"
#include "hub/sync/sync_error.h"
#include "hub/tls/symmetric_crypto.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <argon2.h>

#include <sstream>

namespace hub::sync {
namespace {

constexpr std::string_view kFormat = "clinic-hub data key v1";

std::string base64(std::string_view bytes) {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out, Poco::BASE64_NO_PADDING);
    encoder.rdbuf()->setLineLength(0);
    encoder << bytes;
    encoder.close();
    return out.str();
}

std::string unbase64(const std::string& text) {
    std::istringstream in(text);
    Poco::Base64Decoder decoder(in, Poco::BASE64_NO_PADDING);
    std::string out((std::istreambuf_iterator<char>(decoder)), std::istreambuf_iterator<char>());
    return out;
}

std::string stretch(std::string_view passphrase, std::string_view salt, const KdfParams& p) {
    std::string out(tls::kGcmKeyBytes, '\0');
    const int rc = argon2id_hash_raw(p.iterations, p.memoryKiB, p.parallelism, passphrase.data(), passphrase.size(),
                                     salt.data(), salt.size(), out.data(), out.size());
    if (rc != ARGON2_OK)
        throw Error(ErrorCode::Internal, std::string("argon2id failed: ") + argon2_error_message(rc));
    return out;
}

// The associated data binds the parameters and the key id, so neither can be
// changed in the document to make a wrong passphrase look right.
std::string associatedData(const KdfParams& p, const std::string& keyId) {
    return std::string(kFormat) + "|argon2id|" + std::to_string(p.memoryKiB) + "|" + std::to_string(p.iterations) +
           "|" + std::to_string(p.parallelism) + "|" + keyId;
}

struct Wrapped {
    KdfParams params;
    std::string salt, nonce, sealed, keyId;
};

Wrapped parse(std::string_view text) {
    try {
        Poco::JSON::Parser parser;
        const auto o = parser.parse(std::string(text)).extract<Poco::JSON::Object::Ptr>();
        if (o->getValue<std::string>("format") != kFormat || o->getValue<std::string>("kdf") != "argon2id")
            throw SyncError(SyncProblem::DamagedObject, "the wrapped data key is in a format this clinic-hub does not know");
        Wrapped w;
        w.params.memoryKiB = o->getValue<std::uint32_t>("memory_kib");
        w.params.iterations = o->getValue<std::uint32_t>("iterations");
        w.params.parallelism = o->getValue<std::uint32_t>("parallelism");
        w.salt = unbase64(o->getValue<std::string>("salt"));
        w.nonce = unbase64(o->getValue<std::string>("nonce"));
        w.sealed = unbase64(o->getValue<std::string>("wrapped_key"));
        w.keyId = o->getValue<std::string>("key_id");
        if (w.nonce.size() != tls::kGcmNonceBytes || w.params.memoryKiB > (4u << 20) || w.params.iterations > 100)
            throw SyncError(SyncProblem::DamagedObject, "the wrapped data key has impossible parameters");
        return w;
    } catch (const SyncError&) {
        throw;
    } catch (const std::exception&) {
        throw SyncError(SyncProblem::DamagedObject, "the wrapped data key is damaged (not the expected document)");
    }
}

}  // namespace

std::string wrapDataKey(const DataKey& key, std::string_view passphrase, const KdfParams& params) {
    const auto saltBytes = randomBytes(16);
    const auto nonceBytes = randomBytes(tls::kGcmNonceBytes);
    const std::string salt(saltBytes.begin(), saltBytes.end()), nonce(nonceBytes.begin(), nonceBytes.end());
    const std::string sealed =
        tls::aes256GcmSeal(stretch(passphrase, salt, params), nonce, associatedData(params, key.id()), key.bytes());
    Poco::JSON::Object o;
    o.set("format", std::string(kFormat));
    o.set("kdf", "argon2id");
    o.set("memory_kib", params.memoryKiB);
    o.set("iterations", params.iterations);
    o.set("parallelism", params.parallelism);
    o.set("salt", base64(salt));
    o.set("nonce", base64(nonce));
    o.set("wrapped_key", base64(sealed));
    o.set("key_id", key.id());
    std::ostringstream out;
    o.stringify(out);
    return out.str();
}

DataKey unwrapDataKey(std::string_view wrapped, std::string_view passphrase) {
    const Wrapped w = parse(wrapped);
    const auto raw = tls::aes256GcmOpen(stretch(passphrase, w.salt, w.params), w.nonce,
                                        associatedData(w.params, w.keyId), w.sealed);
    if (!raw)
        throw SyncError(SyncProblem::WrongPassphrase,
                        "the recovery passphrase is wrong: it does not unlock this clinic's cloud copy");
    return DataKey::fromBytes(*raw);
}

std::string wrappedKeyId(std::string_view wrapped) { return parse(wrapped).keyId; }

std::string generatePassphrase() {
    constexpr std::string_view alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";  // Crockford's base 32
    const auto random = randomBytes(25);
    std::string out;
    for (std::size_t i = 0; i < random.size(); ++i) {
        if (i > 0 && i % 5 == 0) out += '-';
        out += alphabet[random[i] % 32];  // 256 is a multiple of 32: no bias
    }
    return out;
}

void checkPassphrase(std::string_view passphrase, const std::string& field) {
    if (passphrase.size() < 12)
        throw invalidInput(field, "the recovery passphrase must be at least 12 characters long");
}

}  // namespace hub::sync
