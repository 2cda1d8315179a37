#include "hub/config/ini.h"
#include "hub/core/error.h"
#include "hub/speech/spoken_call.h"

#include "support/catch.h"

#include <fstream>
#include <map>

using namespace hub::speech;
using Clips = std::vector<std::string>;

namespace {

// What each clip of a default pack says, from its manifest in the source tree.
std::map<std::string, std::string> clipTexts(const std::string& language) {
    std::ifstream in(std::string(CLINIC_HUB_SOURCE_DIR) + "/hub/speech/voices/" + language + "/pack.ini");
    std::map<std::string, std::string> texts;
    for (const auto& e : hub::ini::read(in).entries)
        if (e.section == "clips") texts[e.key] = e.value;
    return texts;
}

std::string spoken(const Clips& clips, const std::map<std::string, std::string>& texts) {
    std::string out;
    for (const auto& c : clips) out += (out.empty() ? "" : " ") + texts.at(c);
    return out;
}

std::string fieldOf(std::string_view label, std::string_view room) {
    try {
        parseTokenCall(label, room);
    } catch (const hub::Error& e) {
        CHECK(e.code() == hub::ErrorCode::InvalidInput);
        return e.field();
    }
    return "";
}

}  // namespace

TEST_CASE("numbers up to 999 are whole-number clips below 100 and a hundreds clip above", "[speech][numbers]") {
    CHECK(numberClips(0) == Clips{"number_0"});
    CHECK(numberClips(23) == Clips{"number_23"});
    CHECK(numberClips(100) == Clips{"hundreds_1"});
    CHECK(numberClips(105) == Clips{"hundreds_1", "number_5"});
    CHECK(numberClips(999) == Clips{"hundreds_9", "number_99"});
    CHECK_THROWS_AS(numberClips(1000), hub::Error);
    CHECK_THROWS_AS(numberClips(-1), hub::Error);
}

TEST_CASE("the default packs say the numbers in English and in Bangla words", "[speech][numbers]") {
    const auto en = clipTexts("en"), bn = clipTexts("bn");
    CHECK(spoken(numberClips(23), en) == "twenty-three");
    CHECK(spoken(numberClips(100), en) == "one hundred");
    CHECK(spoken(numberClips(105), en) == "one hundred five");
    CHECK(spoken(numberClips(999), en) == "nine hundred ninety-nine");
    CHECK(spoken(numberClips(23), bn) == "তেইশ");
    CHECK(spoken(numberClips(100), bn) == "একশো");
    CHECK(spoken(numberClips(105), bn) == "একশো পাঁচ");
    CHECK(spoken(numberClips(999), bn) == "নয়শো নিরানব্বই");
    CHECK(spoken(numberClips(42), bn) == "বিয়াল্লিশ");
    // Every number, letter and word an announcement can need is in both packs.
    for (const auto* texts : {&en, &bn}) {
        for (int n = 0; n <= 999; ++n)
            for (const auto& clip : numberClips(n)) CHECK(texts->count(clip) == 1);
        for (char c = 'A'; c <= 'Z'; ++c) CHECK(texts->count(labelClips({std::string(1, c), 1, "1"})[0]) == 1);
        for (const auto* word : {"token", "room", "please_come_to"}) CHECK(texts->count(word) == 1);
    }
    CHECK(spoken(labelClips(parseTokenCall("A-023", "2")), bn) == "এ তেইশ");
    CHECK(bn.at("token") == "টোকেন");
    CHECK(bn.at("room") == "কক্ষ");
}

TEST_CASE("a token label is 1-3 capital letters and up to 3 digits - a room is short letters, digits, spaces",
          "[speech][numbers]") {
    const TokenCall call = parseTokenCall("A-023", "2");
    CHECK(call.prefix == "A");
    CHECK(call.number == 23);
    CHECK(call.room == "2");
    CHECK(parseTokenCall("ABC7", "OPD 3").prefix == "ABC");
    CHECK(parseTokenCall("A-1", "Room 3").room == "3");  // the demo clinic's rooms: "room" is said once
    CHECK(parseTokenCall("A-1", "ROOM 12B").room == "12B");
    CHECK(parseTokenCall("A-1", "Roomy 1").room == "Roomy 1");
    CHECK(labelClips(parseTokenCall("AB-105", "1")) == Clips{"letter_a", "letter_b", "hundreds_1", "number_5"});

    for (const auto* bad : {"", "a-1", "-12", "ABCD-1", "A-1234", "A-", "A--1", "A-1b", "১-২"}) {
        INFO(bad);
        CHECK(fieldOf(bad, "2") == "label");
    }
    for (const auto* bad : {"", " ", " 2", "2 ", "Room  2", "2;", "কক্ষ", "1234567890123"}) {
        INFO(bad);
        CHECK(fieldOf("A-1", bad) == "room");
    }
}

TEST_CASE("a room is read as a number up to 99, longer numbers digit by digit, letters one by one", "[speech][numbers]") {
    CHECK(roomClips("2") == Clips{"number_2"});
    CHECK(roomClips("12") == Clips{"number_12"});
    CHECK(roomClips("101") == Clips{"number_1", "number_0", "number_1"});
    CHECK(roomClips("05") == Clips{"number_0", "number_5"});
    CHECK(roomClips("3B") == Clips{"number_3", "letter_b"});
    CHECK(roomClips("OPD 1") == Clips{"letter_o", "letter_p", "letter_d", "number_1"});
}

TEST_CASE("a display's languages setting names English, Bangla or both, English first", "[speech]") {
    CHECK(parseLanguages("en") == std::vector<Language>{Language::English});
    CHECK(parseLanguages("bn") == std::vector<Language>{Language::Bangla});
    CHECK(parseLanguages("both") == std::vector<Language>{Language::English, Language::Bangla});
    CHECK_FALSE(parseLanguages("fr"));
    CHECK_FALSE(parseLanguages("hi"));  // a language of the clinic's, but no voice packs
    CHECK(hub::domain::languageName(Language::Bangla) == "bn");
}
