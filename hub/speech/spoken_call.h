#pragma once
// What an announcement says, as clip names: "token A 23, room 2" becomes
// token, letter_a, number_23, room, number_2. The names are the same in every
// language; each pack's clips say them in its own words (docs/voice-packs.md).
#include "hub/domain/language.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hub::speech {

using domain::Language;

// A display's `languages` setting (domain::displayLanguageChoices): "en", "bn"
// or "both" (English first); nullopt for anything else, a language without
// voice packs included.
std::optional<std::vector<Language>> parseLanguages(std::string_view setting);

// A call to announce: the token's prefix and number, and the room.
struct TokenCall {
    std::string prefix;  // "A": 1-3 capital letters
    int number = 0;      // 0-999
    std::string room;    // "2", "3B", "OPD 1"
};

// "A-023" (or "A023") and a room of letters, digits and single spaces, at most
// 12 characters; a leading "Room " is dropped, since the announcement says
// "room" itself. Throws hub::Error(InvalidInput) naming "label" or "room".
TokenCall parseTokenCall(std::string_view label, std::string_view room);

// 0-99: number_N. 100-999: hundreds_H, then number_N for the rest unless it is 0
// (105 = hundreds_1 number_5; 300 = hundreds_3). Bangla has its own word for
// each of 0-99, so whole-number clips serve both languages.
std::vector<std::string> numberClips(int n);

// letter_a for each letter of the prefix, then the number.
std::vector<std::string> labelClips(const TokenCall& call);

// Letters one by one; a run of one or two digits as a number ("12" = twelve);
// longer runs, or one with a leading zero, digit by digit ("101" = one zero one),
// the way room numbers are read out.
std::vector<std::string> roomClips(std::string_view room);

}  // namespace hub::speech
