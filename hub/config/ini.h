#pragma once
// A strict INI reader that keeps line numbers (Boost's parse_config_file drops
// them). Syntax only: which sections and keys exist is the caller's business.
//
//   # comment            ; comment
//   [section]
//   key = value          # a '#' after whitespace starts a comment
//
// Values are taken verbatim after trimming; there is no quoting or continuation.
#include <istream>
#include <stdexcept>
#include <string>
#include <vector>

namespace hub::ini {

struct Section {
    std::string name;
    int line;
};

struct Entry {
    std::string section;  // "" before the first [section]
    std::string key;
    std::string value;
    int line;
};

struct Document {
    std::vector<Section> sections;  // in file order; a name may repeat
    std::vector<Entry> entries;     // in file order; (section, key) unique
};

// A malformed line, or a key set twice in the same section.
class SyntaxError : public std::runtime_error {
public:
    SyntaxError(int line, const std::string& message) : std::runtime_error(message), line_(line) {}
    int line() const { return line_; }

private:
    int line_;
};

Document read(std::istream& in);

}  // namespace hub::ini
