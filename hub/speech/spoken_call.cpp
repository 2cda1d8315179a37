#include "hub/speech/spoken_call.h"

#include "hub/core/error.h"

#include <algorithm>
#include <iterator>

namespace hub::speech {
namespace {

constexpr std::size_t kMaxRoomLength = 12;

bool isUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isLetter(char c) { return isUpper(c) || (c >= 'a' && c <= 'z'); }

std::string lowered(std::string s) {
    for (char& c : s)
        if (isUpper(c)) c = static_cast<char>(c - 'A' + 'a');
    return s;
}

std::string letterClip(char c) { return "letter_" + lowered(std::string(1, c)); }

std::vector<std::string> digitClips(std::string_view digits) {
    std::vector<std::string> out;
    for (const char d : digits) out.push_back("number_" + std::string(1, d));
    return out;
}

void append(std::vector<std::string>& to, const std::vector<std::string>& more) {
    to.insert(to.end(), more.begin(), more.end());
}

}  // namespace

std::optional<std::vector<Language>> parseLanguages(std::string_view setting) {
    if (setting == "both") return std::vector<Language>(std::begin(domain::hubLanguages), std::end(domain::hubLanguages));
    if (const auto one = domain::parseLanguage(setting); one && domain::hasOwnWords(*one))
        return std::vector<Language>{*one};
    return std::nullopt;
}

TokenCall parseTokenCall(std::string_view label, std::string_view room) {
    TokenCall call;
    std::size_t i = 0;
    while (i < label.size() && isUpper(label[i])) ++i;
    call.prefix = std::string(label.substr(0, i));
    if (i < label.size() && label[i] == '-') ++i;
    const std::string_view digits = label.substr(i);
    if (call.prefix.empty() || call.prefix.size() > 3 || digits.empty() || digits.size() > 3 ||
        !std::all_of(digits.begin(), digits.end(), isDigit))
        throw invalidInput("label", "must be a token label: 1-3 capital letters, then up to 3 digits, like A-023");
    for (const char d : digits) call.number = call.number * 10 + (d - '0');

    const bool allowed = std::all_of(room.begin(), room.end(), [](char c) { return isLetter(c) || isDigit(c) || c == ' '; });
    if (room.empty() || room.size() > kMaxRoomLength || !allowed || room.front() == ' ' || room.back() == ' ' ||
        room.find("  ") != std::string_view::npos)
        throw invalidInput("room", "must be 1-12 letters, digits and single spaces, like 2 or OPD 3");
    // Doctors' rooms are often entered as "Room 2"; the announcement already says "room".
    call.room = std::string(room);
    if (call.room.size() > 5 && lowered(call.room.substr(0, 5)) == "room ") call.room.erase(0, 5);
    return call;
}

std::vector<std::string> numberClips(int n) {
    if (n < 0 || n > 999) throw invalidInput("number", "cannot say " + std::to_string(n) + ": only 0-999");
    if (n < 100) return {"number_" + std::to_string(n)};
    std::vector<std::string> out{"hundreds_" + std::to_string(n / 100)};
    if (n % 100 != 0) out.push_back("number_" + std::to_string(n % 100));
    return out;
}

std::vector<std::string> labelClips(const TokenCall& call) {
    std::vector<std::string> out;
    for (const char c : call.prefix) out.push_back(letterClip(c));
    append(out, numberClips(call.number));
    return out;
}

std::vector<std::string> roomClips(std::string_view room) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < room.size()) {
        if (isLetter(room[i])) {
            out.push_back(letterClip(room[i++]));
        } else if (isDigit(room[i])) {
            std::size_t end = i;
            while (end < room.size() && isDigit(room[end])) ++end;
            const std::string_view run = room.substr(i, end - i);
            if (run.size() <= 2 && (run.size() == 1 || run[0] != '0'))
                append(out, numberClips(std::stoi(std::string(run))));
            else
                append(out, digitClips(run));
            i = end;
        } else {
            ++i;  // a space only separates
        }
    }
    return out;
}

}  // namespace hub::speech
