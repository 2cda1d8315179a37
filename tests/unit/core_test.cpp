#include "hub/core/clock.h"
#include "hub/core/log.h"
#include "hub/core/random.h"
#include "hub/core/text.h"

#include "support/catch.h"

#include <set>

using namespace hub;

TEST_CASE("RFC 3339 times carry the clinic's offset", "[clock]") {
    const auto t = fromUnixSeconds(1'764'000'000);  // 2025-11-24T16:00:00Z
    CHECK(formatRfc3339(t) == "2025-11-24T16:00:00Z");
    CHECK(formatRfc3339(t, 6 * 60) == "2025-11-24T22:00:00+06:00");
    CHECK(formatRfc3339(t, 5 * 60 + 30) == "2025-11-24T21:30:00+05:30");
    CHECK(formatRfc3339(t, -90) == "2025-11-24T14:30:00-01:30");
}

TEST_CASE("a manual clock moves only when told", "[clock]") {
    ManualClock clock(fromUnixSeconds(100));
    CHECK(toUnixSeconds(clock.now()) == 100);
    clock.advance(std::chrono::seconds(25));
    CHECK(toUnixSeconds(clock.now()) == 125);
    clock.set(fromUnixSeconds(7));
    CHECK(toUnixSeconds(clock.now()) == 7);
}

TEST_CASE("base64url has no padding and the URL-safe alphabet", "[text]") {
    CHECK(base64UrlEncode("") == "");
    CHECK(base64UrlEncode("f") == "Zg");
    CHECK(base64UrlEncode("fo") == "Zm8");
    CHECK(base64UrlEncode("foo") == "Zm9v");
    CHECK(base64UrlEncode("\xfb\xff") == "-_8");
    CHECK(hexEncode("\x01\xab") == "01ab");
    CHECK(colonHex("\x01\xab") == "01:AB");
}

TEST_CASE("a web URL leaves out the scheme's default port and brackets an IPv6 host", "[text]") {
    CHECK(webUrl("http", "clinic-hub.local", 8080, "/ca.crl") == "http://clinic-hub.local:8080/ca.crl");
    CHECK(webUrl("http", "192.168.1.20", 80, "/t/x") == "http://192.168.1.20/t/x");
    CHECK(webUrl("https", "clinic-hub.local", 443, "/") == "https://clinic-hub.local/");
    CHECK(webUrl("https", "clinic-hub.local", 80, "/") == "https://clinic-hub.local:80/");
    CHECK(webUrl("https", "fd00::5", 8443, "/welcome") == "https://[fd00::5]:8443/welcome");
    CHECK(webUrl("https", "[::1]", 8443, "/x") == "https://[::1]:8443/x");  // already bracketed
}

TEST_CASE("random tokens are the requested size and do not repeat", "[random]") {
    CHECK(randomBytes(32).size() == 32);
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) seen.insert(randomToken(32));
    CHECK(seen.size() == 1000);
    CHECK(randomToken(32).size() == 43);  // 256 bits in base64url
    SystemRandom system;
    CHECK(system.token(16).size() == 22);
    CHECK(system.token(16) != system.token(16));
}

TEST_CASE("a seeded random source repeats itself, so tests can predict what it hands out", "[random]") {
    SeededRandom a(7), b(7), c(8);
    const std::string first = a.token(16);
    CHECK(first == b.token(16));
    CHECK(first != c.token(16));
    CHECK(a.token(16) != first);  // a sequence, not one value
}

TEST_CASE("log levels parse by name", "[log]") {
    CHECK(log::parseLevel("debug") == log::Level::Debug);
    CHECK(log::parseLevel("warning") == log::Level::Warning);
    CHECK_FALSE(log::parseLevel("verbose").has_value());
    log::setLevel(log::Level::Warning);
    CHECK_FALSE(log::enabled(log::Level::Info));
    CHECK(log::enabled(log::Level::Error));
    log::setLevel(log::Level::Info);
}

TEST_CASE("letters are counted as a reader counts them: grapheme clusters, Bangla included", "[core][text]") {
    CHECK(graphemeCount("ab") == 2u);
    CHECK(graphemeCount("") == 0u);
    // A consonant with its vowel sign is one letter in two code points.
    CHECK(utf8Length("কি") == 2u);
    CHECK(graphemeCount("কি") == 1u);
    CHECK(graphemeCount("মো") == 1u);
    CHECK(graphemeCount("মোহা") == 2u);
    // A conjunct (ক + hasant + ষ) is one letter in three code points.
    CHECK(utf8Length("ক্ষ") == 3u);
    CHECK(graphemeCount("ক্ষ") == 1u);
    CHECK(graphemeCount("ক্ষমা") == 2u);
    CHECK(graphemeCount("রহিম") == 3u);
    // Candrabindu and nukta marks stay on their letter.
    CHECK(graphemeCount("চাঁদ") == 2u);
    CHECK(graphemeCount("ড়") == 1u);
    // Combining accents in Latin text, too.
    CHECK(graphemeCount("e\xCC\x81") == 1u);
    CHECK_FALSE(graphemeCount("\xE0\xA6"));  // a cut-off Bangla letter is not UTF-8
}

TEST_CASE("lines are joined with a newline between each two, none at the end", "[core][text]") {
    CHECK(hub::joinLines({}).empty());
    CHECK(hub::joinLines({"one"}) == "one");
    CHECK(hub::joinLines({"one", "two", "three"}) == "one\ntwo\nthree");
    CHECK(hub::joinLines({"", "two"}) == "\ntwo");
}

TEST_CASE("a summary line is the first line, cut without splitting a Bangla letter", "[core][text]") {
    CHECK(hub::firstLine("disk ok\nsecond line", 100) == "disk ok");
    CHECK(hub::firstLine("", 10).empty());
    CHECK(hub::firstLine("abcdef", 6) == "abcdef");
    CHECK(hub::firstLine("abcdefg", 6) == "abcdef...");
    // "ক" is three bytes: four bytes of "কক" keep one whole letter.
    CHECK(hub::firstLine("\xE0\xA6\x95\xE0\xA6\x95", 4) == "\xE0\xA6\x95...");
}
