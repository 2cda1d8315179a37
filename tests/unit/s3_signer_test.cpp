// AWS Signature Version 4 against AWS's published examples: the four S3
// examples of the S3 API reference ("Signature Calculations for the
// Authorization Header", examplebucket, 2013-05-24) and two requests of the
// general SigV4 test suite (2015-08-30). The integration tests add the other
// half: every request the hub sends is re-signed by AWS's own JavaScript signer.
#include "hub/sync/s3_signer.h"

#include "support/catch.h"

using namespace hub;
using namespace hub::sync;

namespace {

const std::string emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const S3Credentials s3Example{"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"};
const TimePoint s3ExampleTime = fromUnixSeconds(1369353600);  // 2013-05-24T00:00:00Z

SigningRequest s3Get(std::string uri, std::vector<std::pair<std::string, std::string>> query) {
    return {"GET", std::move(uri), std::move(query),
            {{"Host", "examplebucket.s3.amazonaws.com"}, {"x-amz-date", "20130524T000000Z"},
             {"x-amz-content-sha256", emptyHash}},
            emptyHash};
}

}  // namespace

TEST_CASE("SigV4: the S3 GET Object example (a range header)", "[sync][sigv4]") {
    auto r = s3Get("/test.txt", {});
    r.headers.emplace_back("Range", "bytes=0-9");
    const auto s = signV4(r, s3Example, "us-east-1", "s3", s3ExampleTime);
    CHECK(s.canonicalRequest ==
          "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
          "x-amz-content-sha256:" + emptyHash + "\nx-amz-date:20130524T000000Z\n\n"
          "host;range;x-amz-content-sha256;x-amz-date\n" + emptyHash);
    CHECK(s.stringToSign ==
          "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
          "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
    CHECK(s.signature == "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    CHECK(s.authorization ==
          "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
          "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
          "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
}

TEST_CASE("SigV4: the S3 PUT Object example (an encoded key, a storage class header)", "[sync][sigv4]") {
    const std::string bodyHash = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072";
    CHECK(uriEncode("/test$file.text", false) == "/test%24file.text");
    const SigningRequest r{"PUT", uriEncode("/test$file.text", false), {},
                           {{"Date", "Fri, 24 May 2013 00:00:00 GMT"}, {"Host", "examplebucket.s3.amazonaws.com"},
                            {"x-amz-date", "20130524T000000Z"}, {"x-amz-storage-class", "REDUCED_REDUNDANCY"},
                            {"x-amz-content-sha256", bodyHash}},
                           bodyHash};
    const auto s = signV4(r, s3Example, "us-east-1", "s3", s3ExampleTime);
    CHECK(s.stringToSign ==
          "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
          "9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d");
    CHECK(s.signature == "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
}

TEST_CASE("SigV4: the S3 GET Bucket Lifecycle example (a query parameter without a value)", "[sync][sigv4]") {
    const auto s = signV4(s3Get("/", {{"lifecycle", ""}}), s3Example, "us-east-1", "s3", s3ExampleTime);
    CHECK(s.stringToSign ==
          "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
          "9766c798316ff2757b517bc739a67f6213b4ab36dd5da2f94eaebf79c77395ca");
    CHECK(s.signature == "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
}

TEST_CASE("SigV4: the S3 GET Bucket (list objects) example (sorted query parameters)", "[sync][sigv4]") {
    const auto s = signV4(s3Get("/", {{"prefix", "J"}, {"max-keys", "2"}}), s3Example, "us-east-1", "s3", s3ExampleTime);
    CHECK(s.canonicalRequest.find("\nmax-keys=2&prefix=J\n") != std::string::npos);
    CHECK(s.stringToSign ==
          "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
          "df57d21db20da04d7fa30298dd4488ba3a2b47ca3a489c74750e0f1e7df1b9b7");
    CHECK(s.signature == "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
}

TEST_CASE("SigV4: the test suite's get-vanilla and get-vanilla-query-order-key-case", "[sync][sigv4]") {
    const S3Credentials suite{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"};
    const TimePoint at = fromUnixSeconds(1440938160);  // 2015-08-30T12:36:00Z
    CHECK(amzDate(at) == "20150830T123600Z");
    SigningRequest r{"GET", "/", {}, {{"Host", "example.amazonaws.com"}, {"X-Amz-Date", "20150830T123600Z"}}, emptyHash};
    CHECK(signV4(r, suite, "us-east-1", "service", at).signature ==
          "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    r.query = {{"Param2", "value2"}, {"Param1", "value1"}};
    CHECK(signV4(r, suite, "us-east-1", "service", at).signature ==
          "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
}

TEST_CASE("SigV4 encoding: unreserved characters stay, everything else is %XX, header values are trimmed",
          "[sync][sigv4]") {
    CHECK(uriEncode("AZaz09-_.~", true) == "AZaz09-_.~");
    CHECK(uriEncode("a b/c+d=é", true) == "a%20b%2Fc%2Bd%3D%C3%A9");
    CHECK(uriEncode("a b/c", false) == "a%20b/c");
    CHECK(canonicalQuery({{"b", "2"}, {"a", "x y"}, {"continuation-token", "1/2+3="}}) ==
          "a=x%20y&b=2&continuation-token=1%2F2%2B3%3D");
    const SigningRequest spaced{"GET", "/", {}, {{"Host", "h"}, {"My-Header", "  a   b  "}}, emptyHash};
    CHECK(signV4(spaced, {"k", "s"}, "r", "s3", fromUnixSeconds(0)).canonicalRequest.find("my-header:a b\n") !=
          std::string::npos);
}
