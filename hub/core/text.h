#pragma once
// Small encoding helpers shared by every module.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hub {

std::string hexEncode(std::string_view bytes);
// The bytes of lower- or upper-case hex; nullopt for an odd length or a non-hex digit.
std::optional<std::string> hexDecode(std::string_view hex);
std::string base64UrlEncode(std::string_view bytes);  // no padding

// "ab:cd:..." upper-case hex pairs, the form certificate fingerprints are shown in.
std::string colonHex(std::string_view bytes);

// &, <, >, " and ' as entities: safe in HTML and XML text and quoted attributes.
std::string htmlEscape(std::string_view text);

// ASCII digits as Bangla digits (০-৯); every other byte unchanged.
std::string banglaDigits(std::string_view text);

// "http://clinic-hub.local:8080/t/x": the port left out when it is the
// scheme's default (80 for http, 443 for https), an IPv6 host put in brackets
// unless it already is.
std::string webUrl(std::string_view scheme, std::string_view host, int port, std::string_view path);

// The lines joined with '\n' between them (none after the last); "" for none.
std::string joinLines(const std::vector<std::string>& lines);

// The longest prefix of s of at most maxBytes that does not cut a UTF-8
// character in two.
std::string truncateUtf8(std::string_view s, std::size_t maxBytes);

// The first line of text for a one-line summary: cut at maxBytes (never
// inside a UTF-8 character) and then marked with "...".
std::string firstLine(std::string_view text, std::size_t maxBytes);

// Counts UTF-8 code points; nullopt if the bytes are not valid UTF-8.
std::optional<std::size_t> utf8Length(std::string_view s);

// Counts user-perceived characters (Unicode extended grapheme clusters, by
// ICU): a Bangla consonant with its vowel sign or a conjunct with hasant
// ("ক্ষ", "কি") is one letter to a reader, though several code points.
// nullopt if the bytes are not valid UTF-8.
std::optional<std::size_t> graphemeCount(std::string_view s);

}  // namespace hub
