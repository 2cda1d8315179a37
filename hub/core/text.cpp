#include "hub/core/text.h"

#include "hub/core/error.h"

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include <memory>

namespace hub {

std::string webUrl(std::string_view scheme, std::string_view host, int port, std::string_view path) {
    const bool bareIpv6 = host.find(':') != std::string_view::npos && host.front() != '[';
    const int defaultPort = scheme == "http" ? 80 : scheme == "https" ? 443 : 0;
    std::string url = std::string(scheme) + "://" + (bareIpv6 ? "[" + std::string(host) + "]" : std::string(host));
    if (port != defaultPort) url += ":" + std::to_string(port);
    return url + std::string(path);
}

std::string htmlEscape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char ch : text) {
        switch (ch) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += ch;
        }
    }
    return out;
}

std::string hexEncode(std::string_view bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 0xF];
    }
    return out;
}

std::optional<std::string> hexDecode(std::string_view hex) {
    if (hex.size() % 2 != 0) return std::nullopt;
    auto digit = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out;
    out.reserve(hex.size() / 2);
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        const int hi = digit(hex[i]), lo = digit(hex[i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out.push_back(static_cast<char>(hi * 16 + lo));
    }
    return out;
}

std::string colonHex(std::string_view bytes) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : bytes) {
        if (!out.empty()) out += ':';
        out += digits[c >> 4];
        out += digits[c & 0xF];
    }
    return out;
}

std::string banglaDigits(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char ch : text) {
        if (ch >= '0' && ch <= '9') {
            out += "\xE0\xA7";  // U+09E6 BENGALI DIGIT ZERO is E0 A7 A6
            out += static_cast<char>(0xA6 + (ch - '0'));
        } else {
            out += ch;
        }
    }
    return out;
}

std::string base64UrlEncode(std::string_view bytes) {
    static constexpr char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    auto at = [&](std::size_t k) { return static_cast<unsigned>(static_cast<unsigned char>(bytes[k])); };
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned v = at(i) << 16 | at(i + 1) << 8 | at(i + 2);
        out += alphabet[v >> 18 & 63];
        out += alphabet[v >> 12 & 63];
        out += alphabet[v >> 6 & 63];
        out += alphabet[v & 63];
    }
    if (i + 1 == bytes.size()) {
        const unsigned v = at(i) << 16;
        out += alphabet[v >> 18 & 63];
        out += alphabet[v >> 12 & 63];
    } else if (i + 2 == bytes.size()) {
        const unsigned v = at(i) << 16 | at(i + 1) << 8;
        out += alphabet[v >> 18 & 63];
        out += alphabet[v >> 12 & 63];
        out += alphabet[v >> 6 & 63];
    }
    return out;
}

std::string truncateUtf8(std::string_view s, std::size_t maxBytes) {
    if (s.size() <= maxBytes) return std::string(s);
    std::size_t end = maxBytes;
    // Step back off continuation bytes (10xxxxxx) so no code point is cut.
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xc0u) == 0x80u) --end;
    return std::string(s.substr(0, end));
}

std::string firstLine(std::string_view text, std::size_t maxBytes) {
    const std::string_view line = text.substr(0, text.find('\n'));
    if (line.size() <= maxBytes) return std::string(line);
    return truncateUtf8(line, maxBytes) + "...";
}

std::optional<std::size_t> utf8Length(std::string_view s) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + len > s.size()) return std::nullopt;
        for (std::size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return std::nullopt;
        i += len;
        ++count;
    }
    return count;
}

namespace {

struct BreakIteratorCloser {
    void operator()(UBreakIterator* it) const { ubrk_close(it); }
};
struct UTextCloser {
    void operator()(UText* t) const { utext_close(t); }
};

// ubrk_open parses the break rules: once per thread, then reused.
UBreakIterator* characterBreaks() {
    thread_local std::unique_ptr<UBreakIterator, BreakIteratorCloser> it = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<UBreakIterator, BreakIteratorCloser> opened(ubrk_open(UBRK_CHARACTER, "", nullptr, 0, &status));
        if (U_FAILURE(status)) opened.reset();
        return opened;
    }();
    return it.get();
}

}  // namespace

std::optional<std::size_t> graphemeCount(std::string_view s) {
    const auto codePoints = utf8Length(s);
    if (!codePoints) return std::nullopt;
    UBreakIterator* breaks = characterBreaks();
    if (breaks == nullptr) throw Error(ErrorCode::Internal, "ICU cannot open a character break iterator");
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UText, UTextCloser> text(
        utext_openUTF8(nullptr, s.data(), static_cast<int64_t>(s.size()), &status));
    if (U_FAILURE(status)) throw Error(ErrorCode::Internal, "ICU cannot read the text");
    ubrk_setUText(breaks, text.get(), &status);
    if (U_FAILURE(status)) throw Error(ErrorCode::Internal, "ICU cannot break the text");
    std::size_t count = 0;
    for (int32_t at = ubrk_next(breaks); at != UBRK_DONE; at = ubrk_next(breaks)) ++count;
    return count;
}

std::string joinLines(const std::vector<std::string>& lines) {
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i > 0) out += '\n';
        out += lines[i];
    }
    return out;
}

}  // namespace hub
