#pragma once
// AWS Signature Version 4 for S3 requests (header-based), as a pure function:
// the request's parts in, the canonical request, string to sign and
// Authorization header out. Tested against AWS's published examples, and in
// the integration tests every request is re-signed by AWS's own JavaScript
// signer in front of the test store.
#include "hub/core/clock.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hub::sync {

struct S3Credentials {
    std::string accessKeyId;
    std::string secretKey;
};

struct SigningRequest {
    std::string method;        // "GET", "PUT" ...
    std::string canonicalUri;  // the path as sent, already URI-encoded ("/bucket/a%24b")
    std::vector<std::pair<std::string, std::string>> query;    // decoded names and values
    std::vector<std::pair<std::string, std::string>> headers;  // every header to sign, host included
    std::string payloadHash;   // hex SHA-256 of the body (also sent as x-amz-content-sha256)
};

struct Signature {
    std::string canonicalRequest;
    std::string stringToSign;
    std::string signature;      // hex
    std::string authorization;  // the Authorization header's value
};

// REQUIRES: the headers include host and x-amz-date (= amzDate(at)).
Signature signV4(const SigningRequest& request, const S3Credentials& credentials, const std::string& region,
                 const std::string& service, TimePoint at);

// "20130524T000000Z"
std::string amzDate(TimePoint at);

// RFC 3986 percent-encoding as SigV4 wants it: unreserved characters kept,
// everything else %XX (upper case); '/' kept unless encodeSlash.
std::string uriEncode(std::string_view text, bool encodeSlash);

// The canonical query string (names and values encoded, sorted).
std::string canonicalQuery(const std::vector<std::pair<std::string, std::string>>& query);

}  // namespace hub::sync
