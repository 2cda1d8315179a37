#include "hub/tls/x509_names.h"

#include "support/catch.h"

using namespace hub::tls;

TEST_CASE("addresses become the raw 4 or 16 bytes an iPAddress name carries", "[tls][names]") {
    CHECK(parseIpAddress("192.168.1.20") == Bytes{192, 168, 1, 20});
    CHECK(parseIpAddress("::1")->size() == 16);
    SECTION("an IPv6 zone is dropped") { CHECK(parseIpAddress("fe80::1%eth0") == parseIpAddress("fe80::1")); }
    SECTION("text that is not an address is refused") { CHECK_FALSE(parseIpAddress("clinic.local")); }
}

TEST_CASE("only private, link-local and loopback addresses are within the root's ranges", "[tls][names]") {
    for (const char* inside : {"10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.0.10", "169.254.3.4",
                               "127.0.0.1", "fd12::1", "fe80::1", "::1"})
        CHECK(isPrivateAddress(*parseIpAddress(inside)));
    for (const char* outside : {"8.8.8.8", "172.32.0.1", "192.169.0.1", "2001:db8::1", "::2"})
        CHECK_FALSE(isPrivateAddress(*parseIpAddress(outside)));
}

TEST_CASE("a dNSName constraint permits the name itself and its subdomains only", "[tls][names]") {
    const std::vector<std::string> permitted = {"local", "localhost"};
    CHECK(dnsNamePermitted("clinic.local", permitted));
    CHECK(dnsNamePermitted("CLINIC.LOCAL", permitted));
    CHECK(dnsNamePermitted("localhost", permitted));
    CHECK_FALSE(dnsNamePermitted("notlocal", permitted));
    CHECK_FALSE(dnsNamePermitted("www.example.com", permitted));
    CHECK_FALSE(dnsNamePermitted("clinic", permitted));
}

TEST_CASE("the permitted DNS names of an encoded nameConstraints read back", "[tls][names]") {
    const Bytes der = encodeNameConstraints({"local", "localhost", "clinic"}, privateIpRanges());
    CHECK(decodePermittedDnsNames(der.data(), der.data() + der.size()) ==
          std::vector<std::string>{"local", "localhost", "clinic"});
}
