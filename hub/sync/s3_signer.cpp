#include "hub/sync/s3_signer.h"

#include "hub/core/text.h"
#include "hub/tls/digest.h"
#include "hub/tls/symmetric_crypto.h"

#include <algorithm>
#include <cctype>
#include <ctime>

namespace hub::sync {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// Leading and trailing spaces removed, inner runs of spaces made one.
std::string trimValue(std::string_view v) {
    std::string out;
    bool space = false;
    for (char c : v) {
        if (c == ' ' || c == '\t') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

}  // namespace

std::string amzDate(TimePoint at) {
    const std::time_t t = static_cast<std::time_t>(toUnixSeconds(at));
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[20];
    std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
    return buf;
}

std::string uriEncode(std::string_view text, bool encodeSlash) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~' || (c == '/' && !encodeSlash)) {
            out += c;
        } else {
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 0xf];
        }
    }
    return out;
}

std::string canonicalQuery(const std::vector<std::pair<std::string, std::string>>& query) {
    std::vector<std::pair<std::string, std::string>> encoded;
    for (const auto& [name, value] : query) encoded.emplace_back(uriEncode(name, true), uriEncode(value, true));
    std::sort(encoded.begin(), encoded.end());
    std::string out;
    for (const auto& [name, value] : encoded) out += (out.empty() ? "" : "&") + name + "=" + value;
    return out;
}

Signature signV4(const SigningRequest& request, const S3Credentials& credentials, const std::string& region,
                 const std::string& service, TimePoint at) {
    std::vector<std::pair<std::string, std::string>> headers;
    for (const auto& [name, value] : request.headers) headers.emplace_back(lower(name), trimValue(value));
    std::sort(headers.begin(), headers.end());
    std::string canonicalHeaders, signedHeaders;
    for (const auto& [name, value] : headers) {
        canonicalHeaders += name + ":" + value + "\n";
        signedHeaders += (signedHeaders.empty() ? "" : ";") + name;
    }

    Signature s;
    s.canonicalRequest = request.method + "\n" + request.canonicalUri + "\n" + canonicalQuery(request.query) + "\n" +
                         canonicalHeaders + "\n" + signedHeaders + "\n" + request.payloadHash;
    const std::string date = amzDate(at);
    const std::string day = date.substr(0, 8);
    const std::string scope = day + "/" + region + "/" + service + "/aws4_request";
    s.stringToSign = "AWS4-HMAC-SHA256\n" + date + "\n" + scope + "\n" + tls::sha256Hex(s.canonicalRequest);

    std::string key = tls::hmacSha256("AWS4" + credentials.secretKey, day);
    key = tls::hmacSha256(key, region);
    key = tls::hmacSha256(key, service);
    key = tls::hmacSha256(key, "aws4_request");
    s.signature = hexEncode(tls::hmacSha256(key, s.stringToSign));
    s.authorization = "AWS4-HMAC-SHA256 Credential=" + credentials.accessKeyId + "/" + scope +
                      ",SignedHeaders=" + signedHeaders + ",Signature=" + s.signature;
    return s;
}

}  // namespace hub::sync
