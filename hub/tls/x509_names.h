#pragma once
// The names a hub certificate may carry, and their DER encodings. mbedTLS 2.28 has
// no writers for subjectAltName, extendedKeyUsage, nameConstraints or
// cRLDistributionPoints, so they are
// built here with its ASN.1 writer and attached with mbedtls_x509write_crt_set_extension.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hub::tls {

using Bytes = std::vector<unsigned char>;

// 4 or 16 raw bytes, the form an iPAddress GeneralName carries. Accepts dotted quad
// and RFC 4291 text; an IPv6 zone ("fe80::1%eth0") is dropped. nullopt if not an address.
std::optional<Bytes> parseIpAddress(std::string_view text);
std::string formatIpAddress(const Bytes& raw);

// A network as an iPAddress name constraint encodes it: address then mask, same length.
struct IpRange {
    Bytes network;
    Bytes mask;
    bool contains(const Bytes& address) const;
};

// The ranges the hub's root CA permits: RFC 1918, link-local, loopback, ULA.
const std::vector<IpRange>& privateIpRanges();
bool isPrivateAddress(const Bytes& address);

// RFC 5280 dNSName constraint: `name` equals `constraint` or ends with "." + constraint.
bool dnsNamePermitted(std::string_view name, const std::vector<std::string>& permitted);

// Extension values (the content of the extnValue OCTET STRING).
Bytes encodeSubjectAltName(const std::vector<std::string>& dnsNames, const std::vector<Bytes>& addresses);
Bytes encodeServerAuthExtendedKeyUsage();
Bytes encodeNameConstraints(const std::vector<std::string>& permittedDns, const std::vector<IpRange>& permittedIp);

// cRLDistributionPoints with one distribution point whose full name is `uri`.
Bytes encodeCrlDistributionPoints(const std::string& uri);

// Permitted dNSName subtrees of a nameConstraints value; throws TlsError if malformed.
std::vector<std::string> decodePermittedDnsNames(const unsigned char* p, const unsigned char* end);
// The URIs of every distribution point's full name; throws TlsError if malformed.
std::vector<std::string> decodeCrlDistributionPoints(const unsigned char* p, const unsigned char* end);

}  // namespace hub::tls
