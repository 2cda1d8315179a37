#pragma once
// Signatures with the hub's root key, checked against its root certificate.
// The nightly sync signs each restore point's audit anchor with it, so the
// cloud (which never holds the key) cannot forge an anchor, and a restored box,
// which keeps the same root, can still check the anchors written before.
#include <string>
#include <string_view>

namespace hub::tls {

// True when `signature` (DER, as CertificateAuthority::signWithRoot makes it)
// is the certificate's key's ECDSA/SHA-256 signature over `message`. False for
// anything else, including a signature or certificate that does not parse.
bool verifySignature(std::string_view certificatePem, std::string_view message, std::string_view signature);

}  // namespace hub::tls
