#include "hub/speech/chime.h"
#include "hub/speech/wav.h"
#include "speech_test_support.h"

#include "support/catch.h"

#include <cmath>

using namespace hub::speech;
using hub::speech::testing::headerField;

namespace {

std::string le(std::uint32_t v, int bytes) {
    std::string out;
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
    return out;
}

std::string chunk(const std::string& id, const std::string& body) {
    return id + le(static_cast<std::uint32_t>(body.size()), 4) + body + (body.size() % 2 ? std::string(1, '\0') : "");
}

std::string fmtBody(std::uint16_t tag, std::uint16_t channels, std::uint32_t rate, std::uint16_t bits) {
    const auto align = static_cast<std::uint16_t>(channels * bits / 8);
    return le(tag, 2) + le(channels, 2) + le(rate, 4) + le(rate * align, 4) + le(align, 2) + le(bits, 2);
}

std::string riff(const std::string& chunks) {
    return "RIFF" + le(static_cast<std::uint32_t>(4 + chunks.size()), 4) + "WAVE" + chunks;
}

std::string samples16(std::initializer_list<int> values) {
    std::string out;
    for (const int v : values) out += le(static_cast<std::uint16_t>(static_cast<std::int16_t>(v)), 2);
    return out;
}

std::string errorOf(const std::string& bytes) {
    try {
        parseWav(bytes);
    } catch (const WavError& e) {
        return e.what();
    }
    return "";
}

// Upward zero crossings per second: the frequency of a clean tone.
double frequencyOf(const Audio& a) {
    int crossings = 0;
    for (std::size_t i = 1; i < a.samples.size(); ++i) crossings += a.samples[i - 1] < 0 && a.samples[i] >= 0;
    return crossings / a.seconds();
}

Audio sine(double frequency, int rate, double seconds) {
    Audio a{rate, std::vector<std::int16_t>(static_cast<std::size_t>(seconds * rate))};
    for (std::size_t i = 0; i < a.samples.size(); ++i)
        a.samples[i] = static_cast<std::int16_t>(std::lround(10000 * std::sin(2 * M_PI * frequency * static_cast<double>(i) / rate)));
    return a;
}

}  // namespace

TEST_CASE("a WAV the hub writes is read back sample for sample, mono 16-bit at its rate", "[speech][wav]") {
    const Audio a{16000, {0, 1, -1, 32767, -32768, 1234}};
    const std::string wav = encodeWav(a);
    CHECK(wav.size() == 44 + 12);
    CHECK(headerField(wav, 22, 2) == 1);      // channels
    CHECK(headerField(wav, 24, 4) == 16000);  // sample rate
    CHECK(headerField(wav, 34, 2) == 16);     // bits per sample
    const Audio back = parseWav(wav);
    CHECK(back.sampleRate == 16000);
    CHECK(back.samples == a.samples);
}

TEST_CASE("the reader walks RIFF chunks: others are skipped, odd sizes are padded, stereo is mixed down", "[speech][wav]") {
    SECTION("a LIST chunk of odd length before fmt, a fact chunk before data") {
        const std::string wav = riff(chunk("LIST", "INFOabc") + chunk("fmt ", fmtBody(1, 1, 22050, 16)) +
                                     chunk("fact", le(3, 4)) + chunk("data", samples16({5, -6, 7})));
        const Audio a = parseWav(wav);
        CHECK(a.sampleRate == 22050);
        CHECK(a.samples == std::vector<std::int16_t>{5, -6, 7});
    }
    SECTION("stereo frames become their average") {
        const std::string wav = riff(chunk("fmt ", fmtBody(1, 2, 44100, 16)) + chunk("data", samples16({100, 300, -10, -30})));
        CHECK(parseWav(wav).samples == std::vector<std::int16_t>{200, -20});
    }
    SECTION("WAVE_FORMAT_EXTENSIBLE naming PCM, as some recorders write") {
        std::string fmt = fmtBody(0xFFFE, 1, 48000, 16) + le(22, 2) + le(16, 2) + le(4, 4) + le(1, 2) +
                          std::string("\x00\x00\x00\x00\x10\x00\x80\x00\x00\xAA\x00\x38\x9B\x71", 14);
        const Audio a = parseWav(riff(chunk("fmt ", fmt) + chunk("data", samples16({42}))));
        CHECK(a.sampleRate == 48000);
        CHECK(a.samples == std::vector<std::int16_t>{42});
    }
}

TEST_CASE("a file that is not usable audio is refused with the reason", "[speech][wav]") {
    const std::string data = chunk("data", samples16({1, 2}));
    CHECK(errorOf("ID3\x03 not a wav at all") == "not a RIFF/WAVE file");
    CHECK(errorOf(riff(chunk("fmt ", fmtBody(3, 1, 22050, 32)) + data)).find("format tag 3") != std::string::npos);
    CHECK(errorOf(riff(chunk("fmt ", fmtBody(1, 1, 22050, 8)) + data)) == "8-bit samples; save it as 16-bit PCM WAV");
    CHECK(errorOf(riff(chunk("fmt ", fmtBody(1, 6, 22050, 16)) + data)).find("6 channels") != std::string::npos);
    CHECK(errorOf(riff(chunk("fmt ", fmtBody(1, 1, 4000, 16)) + data)).find("4000 Hz") != std::string::npos);
    CHECK(errorOf(riff(data + chunk("fmt ", fmtBody(1, 1, 22050, 16)))) == "data chunk before the fmt chunk");
    CHECK(errorOf(riff(chunk("fmt ", fmtBody(1, 1, 22050, 16)))) == "no data chunk");
    CHECK(errorOf(riff(chunk("fmt ", fmtBody(1, 1, 22050, 16)) + chunk("data", ""))) == "data chunk holds no samples");
    const std::string whole = riff(chunk("fmt ", fmtBody(1, 1, 22050, 16)) + chunk("data", samples16({1, 2, 3, 4})));
    CHECK(errorOf(whole.substr(0, whole.size() - 3)).find("truncated: chunk 'data' declares 8 bytes") != std::string::npos);
}

TEST_CASE("resampling keeps the duration and the pitch", "[speech][wav]") {
    const Audio a = sine(440, 44100, 0.5);
    for (const int rate : {22050, 16000, 48000}) {
        INFO(rate);
        const Audio b = resampled(a, rate);
        CHECK(b.sampleRate == rate);
        CHECK(b.seconds() == Approx(0.5).margin(1.0 / rate));
        CHECK(frequencyOf(b) == Approx(440).margin(4));
    }
}

TEST_CASE("trimming drops leading and trailing silence but keeps a margin", "[speech][wav]") {
    Audio a{1000, std::vector<std::int16_t>(500, 0)};
    for (std::size_t i = 200; i < 300; ++i) a.samples[i] = 8000;
    a.samples[100] = 50;  // below 3% of the peak: noise, not speech
    const Audio t = trimmedSilence(a, 0.02);
    CHECK(t.samples.size() == 100 + 2 * 20);
    CHECK(t.samples[20] == 8000);
    CHECK(trimmedSilence(Audio{1000, std::vector<std::int16_t>(100, 0)}).samples.empty());
}

TEST_CASE("the chime is two falling tones, about 0.6 s", "[speech][chime]") {
    const Audio c = chime(22050);
    CHECK(c.seconds() == Approx(0.6).margin(0.01));
    const auto half = c.samples.size() / 2;
    const Audio first{22050, {c.samples.begin(), c.samples.begin() + static_cast<std::ptrdiff_t>(half)}};
    const Audio second{22050, {c.samples.begin() + static_cast<std::ptrdiff_t>(half), c.samples.end()}};
    CHECK(frequencyOf(first) == Approx(659.25).margin(10));
    CHECK(frequencyOf(second) == Approx(523.25).margin(10));
}
