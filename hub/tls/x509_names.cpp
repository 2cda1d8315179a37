#include "hub/tls/x509_names.h"

#include "hub/tls/tls_error.h"

#include <mbedtls/asn1.h>
#include <mbedtls/asn1write.h>
#include <mbedtls/oid.h>

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

namespace hub::tls {
namespace {

constexpr unsigned char kDnsNameTag = MBEDTLS_ASN1_CONTEXT_SPECIFIC | 2;
constexpr unsigned char kIpAddressTag = MBEDTLS_ASN1_CONTEXT_SPECIFIC | 7;
constexpr unsigned char kSequenceTag = MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE;
constexpr unsigned char kUriTag = MBEDTLS_ASN1_CONTEXT_SPECIFIC | 6;
constexpr unsigned char kPermittedSubtreesTag = MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_ASN1_CONSTRUCTED | 0;
// DistributionPoint's distributionPoint and DistributionPointName's fullName are both [0].
constexpr unsigned char kContext0Tag = MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_ASN1_CONSTRUCTED | 0;

// mbedTLS's ASN.1 writer fills a buffer from its end towards its start; each call
// returns the bytes written so far so that enclosing headers know their length.
class BackwardWriter {
public:
    BackwardWriter() : buffer_(4096), p_(buffer_.data() + buffer_.size()) {}

    std::size_t raw(const unsigned char* data, std::size_t length) {
        return check(mbedtls_asn1_write_raw_buffer(&p_, buffer_.data(), data, length));
    }
    // Wraps the last `contentLength` bytes in a tag/length header.
    std::size_t header(std::size_t contentLength, unsigned char tag) {
        std::size_t n = check(mbedtls_asn1_write_len(&p_, buffer_.data(), contentLength));
        n += check(mbedtls_asn1_write_tag(&p_, buffer_.data(), tag));
        return n;
    }
    std::size_t tagged(unsigned char tag, const unsigned char* data, std::size_t length) {
        const std::size_t n = raw(data, length);
        return n + header(n, tag);
    }
    std::size_t oid(const char* oid, std::size_t length) {
        return check(mbedtls_asn1_write_oid(&p_, buffer_.data(), oid, length));
    }
    Bytes result() const { return Bytes(static_cast<const unsigned char*>(p_), buffer_.data() + buffer_.size()); }

private:
    static std::size_t check(int ret) {
        throwOnError(ret, "encoding a certificate extension");
        return static_cast<std::size_t>(ret);
    }
    Bytes buffer_;
    unsigned char* p_;
};

const unsigned char* bytesOf(const std::string& s) { return reinterpret_cast<const unsigned char*>(s.data()); }

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

IpRange range(std::string_view network, int prefixBits) {
    IpRange r{*parseIpAddress(network), {}};
    r.mask.assign(r.network.size(), 0);
    for (std::size_t i = 0; i < r.mask.size(); ++i) {
        const int bits = std::clamp(prefixBits - static_cast<int>(i) * 8, 0, 8);
        r.mask[i] = static_cast<unsigned char>(0xFF00u >> bits);
    }
    return r;
}

}  // namespace

std::optional<Bytes> parseIpAddress(std::string_view text) {
    std::string s(text.substr(0, text.find('%')));
    Bytes out(16);
    if (inet_pton(AF_INET, s.c_str(), out.data()) == 1) {
        out.resize(4);
        return out;
    }
    if (inet_pton(AF_INET6, s.c_str(), out.data()) == 1) return out;
    return std::nullopt;
}

std::string formatIpAddress(const Bytes& raw) {
    char text[INET6_ADDRSTRLEN] = {};
    inet_ntop(raw.size() == 4 ? AF_INET : AF_INET6, raw.data(), text, sizeof text);
    return text;
}

bool IpRange::contains(const Bytes& address) const {
    if (address.size() != network.size()) return false;
    for (std::size_t i = 0; i < address.size(); ++i)
        if ((address[i] & mask[i]) != network[i]) return false;
    return true;
}

const std::vector<IpRange>& privateIpRanges() {
    static const std::vector<IpRange> ranges = {
        range("10.0.0.0", 8),     range("172.16.0.0", 12), range("192.168.0.0", 16),
        range("169.254.0.0", 16), range("127.0.0.0", 8),   range("fc00::", 7),
        range("fe80::", 10),      range("::1", 128),
    };
    return ranges;
}

bool isPrivateAddress(const Bytes& address) {
    const auto& ranges = privateIpRanges();
    return std::any_of(ranges.begin(), ranges.end(), [&](const IpRange& r) { return r.contains(address); });
}

bool dnsNamePermitted(std::string_view name, const std::vector<std::string>& permitted) {
    const std::string n = lower(name);
    return std::any_of(permitted.begin(), permitted.end(), [&](const std::string& c) {
        const std::string constraint = lower(c);
        if (n == constraint) return true;
        return n.size() > constraint.size() && n.ends_with(constraint) &&
               n[n.size() - constraint.size() - 1] == '.';
    });
}

Bytes encodeSubjectAltName(const std::vector<std::string>& dnsNames, const std::vector<Bytes>& addresses) {
    BackwardWriter w;
    std::size_t length = 0;
    // Written in reverse so the certificate lists names in the order given.
    for (auto it = addresses.rbegin(); it != addresses.rend(); ++it)
        length += w.tagged(kIpAddressTag, it->data(), it->size());
    for (auto it = dnsNames.rbegin(); it != dnsNames.rend(); ++it)
        length += w.tagged(kDnsNameTag, bytesOf(*it), it->size());
    w.header(length, kSequenceTag);
    return w.result();
}

Bytes encodeServerAuthExtendedKeyUsage() {
    BackwardWriter w;
    const std::size_t length = w.oid(MBEDTLS_OID_SERVER_AUTH, MBEDTLS_OID_SIZE(MBEDTLS_OID_SERVER_AUTH));
    w.header(length, kSequenceTag);
    return w.result();
}

Bytes encodeNameConstraints(const std::vector<std::string>& permittedDns, const std::vector<IpRange>& permittedIp) {
    BackwardWriter w;
    std::size_t subtrees = 0;
    // GeneralSubtree ::= SEQUENCE { base GeneralName } (minimum 0 and no maximum are defaults).
    for (auto it = permittedIp.rbegin(); it != permittedIp.rend(); ++it) {
        Bytes base = it->network;
        base.insert(base.end(), it->mask.begin(), it->mask.end());
        const std::size_t n = w.tagged(kIpAddressTag, base.data(), base.size());
        subtrees += n + w.header(n, kSequenceTag);
    }
    for (auto it = permittedDns.rbegin(); it != permittedDns.rend(); ++it) {
        const std::size_t n = w.tagged(kDnsNameTag, bytesOf(*it), it->size());
        subtrees += n + w.header(n, kSequenceTag);
    }
    const std::size_t permitted = subtrees + w.header(subtrees, kPermittedSubtreesTag);
    w.header(permitted, kSequenceTag);
    return w.result();
}

Bytes encodeCrlDistributionPoints(const std::string& uri) {
    BackwardWriter w;
    std::size_t length = w.tagged(kUriTag, bytesOf(uri), uri.size());  // GeneralName
    length += w.header(length, kContext0Tag);  // fullName [0] GeneralNames (implicit)
    length += w.header(length, kContext0Tag);  // distributionPoint [0] (explicit: a CHOICE)
    length += w.header(length, kSequenceTag);  // DistributionPoint
    w.header(length, kSequenceTag);            // CRLDistributionPoints
    return w.result();
}

std::vector<std::string> decodePermittedDnsNames(const unsigned char* p, const unsigned char* end) {
    auto fail = [](int ret) { throwOnError(ret < 0 ? ret : MBEDTLS_ERR_ASN1_INVALID_DATA, "reading nameConstraints"); };
    std::vector<std::string> names;
    std::size_t length = 0;
    unsigned char* q = const_cast<unsigned char*>(p);  // mbedtls_asn1_get_* only advances the pointer
    if (int ret = mbedtls_asn1_get_tag(&q, end, &length, kSequenceTag); ret != 0) fail(ret);
    const unsigned char* constraintsEnd = q + length;
    if (q == constraintsEnd || *q != kPermittedSubtreesTag) return names;  // only excluded subtrees
    if (int ret = mbedtls_asn1_get_tag(&q, constraintsEnd, &length, kPermittedSubtreesTag); ret != 0) fail(ret);
    const unsigned char* subtreesEnd = q + length;
    while (q < subtreesEnd) {
        if (int ret = mbedtls_asn1_get_tag(&q, subtreesEnd, &length, kSequenceTag); ret != 0) fail(ret);
        const unsigned char* subtreeEnd = q + length;
        const unsigned char tag = *q;
        ++q;
        if (int ret = mbedtls_asn1_get_len(&q, subtreeEnd, &length); ret != 0) fail(ret);
        if (tag == kDnsNameTag) names.emplace_back(reinterpret_cast<const char*>(q), length);
        q = const_cast<unsigned char*>(subtreeEnd);
    }
    return names;
}

std::vector<std::string> decodeCrlDistributionPoints(const unsigned char* p, const unsigned char* end) {
    auto expect = [](int ret) {
        if (ret != 0) throwOnError(ret < 0 ? ret : MBEDTLS_ERR_ASN1_INVALID_DATA, "reading cRLDistributionPoints");
    };
    std::vector<std::string> uris;
    std::size_t length = 0;
    unsigned char* q = const_cast<unsigned char*>(p);  // mbedtls_asn1_get_* only advances the pointer
    expect(mbedtls_asn1_get_tag(&q, end, &length, kSequenceTag));
    const unsigned char* listEnd = q + length;
    while (q < listEnd) {
        expect(mbedtls_asn1_get_tag(&q, listEnd, &length, kSequenceTag));
        const unsigned char* pointEnd = q + length;
        // A point named only by its issuer (no [0], or a nameRelativeToCRLIssuer [1]) has no URI of its own.
        if (q < pointEnd && *q == kContext0Tag) {
            expect(mbedtls_asn1_get_tag(&q, pointEnd, &length, kContext0Tag));
            const unsigned char* nameEnd = q + length;
            if (q < nameEnd && *q == kContext0Tag) {
                expect(mbedtls_asn1_get_tag(&q, nameEnd, &length, kContext0Tag));
                const unsigned char* namesEnd = q + length;
                while (q < namesEnd) {
                    const unsigned char tag = *q++;
                    expect(mbedtls_asn1_get_len(&q, namesEnd, &length));
                    if (tag == kUriTag) uris.emplace_back(reinterpret_cast<const char*>(q), length);
                    q += length;
                }
            }
        }
        q = const_cast<unsigned char*>(pointEnd);
    }
    return uris;
}

}  // namespace hub::tls
