#include "hub/config/ini.h"

#include <map>
#include <utility>

namespace hub::ini {
namespace {

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string trim(const std::string& s) {
    std::size_t b = 0, e = s.size();
    while (b < e && isSpace(s[b])) ++b;
    while (e > b && isSpace(s[e - 1])) --e;
    return s.substr(b, e - b);
}

// "8443   # default" -> "8443"; a '#' inside a word ("a#b") is kept.
std::string stripComment(const std::string& value) {
    for (std::size_t i = 1; i < value.size(); ++i)
        if (value[i] == '#' && isSpace(value[i - 1])) return trim(value.substr(0, i));
    return value;
}

bool validName(const std::string& name) {
    if (name.empty()) return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.'))
            return false;
    return true;
}

std::string quoted(const std::string& text) {
    // Enough of the line to recognise it; the line number locates it.
    constexpr std::size_t kMax = 60;
    return "'" + (text.size() > kMax ? text.substr(0, kMax) + "..." : text) + "'";
}

}  // namespace

Document read(std::istream& in) {
    Document doc;
    std::map<std::pair<std::string, std::string>, int> seen;  // (section, key) -> line
    std::string current;
    std::string raw;
    int lineNo = 0;
    while (std::getline(in, raw)) {
        ++lineNo;
        if (lineNo == 1 && raw.rfind("\xEF\xBB\xBF", 0) == 0) raw.erase(0, 3);  // UTF-8 BOM
        const std::string line = trim(raw);
        if (line.empty() || line[0] == '#' || line[0] == ';') continue;

        if (line[0] == '[') {
            const std::string name = line.back() == ']' ? trim(line.substr(1, line.size() - 2)) : "";
            if (!validName(name))
                throw SyntaxError(lineNo, "expected '[section]', got " + quoted(line));
            current = name;
            doc.sections.push_back({name, lineNo});
            continue;
        }

        const auto eq = line.find('=');
        const std::string key = eq == std::string::npos ? "" : trim(line.substr(0, eq));
        if (!validName(key))
            throw SyntaxError(lineNo, "expected 'key = value', '[section]' or a comment, got " +
                                          quoted(line));
        const std::string value = stripComment(trim(line.substr(eq + 1)));
        const auto [it, inserted] = seen.emplace(std::make_pair(current, key), lineNo);
        if (!inserted) {
            const std::string where = current.empty() ? "" : "[" + current + "] ";
            throw SyntaxError(lineNo, where + key + " is set twice (lines " +
                                          std::to_string(it->second) + " and " +
                                          std::to_string(lineNo) + ")");
        }
        doc.entries.push_back({current, key, value, lineNo});
    }
    return doc;
}

}  // namespace hub::ini
