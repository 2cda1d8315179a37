#pragma once
// Test-only reader of Apple configuration profiles (.mobileconfig), with
// Poco::XML rather than the code that wrote them: the plist must parse as XML,
// be a dict of key/value pairs, and its <data> must be base64.
#include <map>
#include <string>
#include <vector>

namespace hub::test {

struct PlistDict {
    std::map<std::string, std::string> strings;  // <string>, <integer>, <true/>/<false/> as text
    std::map<std::string, std::string> data;     // <data>, base64-decoded
    std::map<std::string, std::vector<PlistDict>> arrays;  // arrays of dicts
};

// The top-level dict of a plist document. Throws std::runtime_error when it is
// not well-formed XML or not a plist of that shape.
PlistDict parsePlist(const std::string& xml);

}  // namespace hub::test
