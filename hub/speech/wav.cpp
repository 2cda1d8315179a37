#include "hub/speech/wav.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>

namespace hub::speech {
namespace {

constexpr std::uint16_t kFormatPcm = 1;
constexpr std::uint16_t kFormatExtensible = 0xFFFE;
constexpr int kMinRate = 8000, kMaxRate = 96000;

std::uint32_t le(std::string_view b, std::size_t at, int bytes) {
    std::uint32_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + static_cast<std::size_t>(i)]);
    return v;
}

void putLe(std::string& out, std::uint32_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

struct Format {
    std::uint16_t tag = 0, channels = 0, blockAlign = 0, bits = 0;
    std::uint32_t rate = 0;
};

Format parseFormat(std::string_view body) {
    if (body.size() < 16) throw WavError("fmt chunk too short (" + std::to_string(body.size()) + " bytes)");
    Format f;
    f.tag = static_cast<std::uint16_t>(le(body, 0, 2));
    f.channels = static_cast<std::uint16_t>(le(body, 2, 2));
    f.rate = le(body, 4, 4);
    f.blockAlign = static_cast<std::uint16_t>(le(body, 12, 2));
    f.bits = static_cast<std::uint16_t>(le(body, 14, 2));
    // WAVE_FORMAT_EXTENSIBLE names the real format in the first two bytes of its subformat GUID.
    if (f.tag == kFormatExtensible && body.size() >= 40) f.tag = static_cast<std::uint16_t>(le(body, 24, 2));
    if (f.tag != kFormatPcm)
        throw WavError("compressed or floating-point audio (format tag " + std::to_string(f.tag) +
                       "); save it as 16-bit PCM WAV");
    if (f.bits != 16) throw WavError(std::to_string(f.bits) + "-bit samples; save it as 16-bit PCM WAV");
    if (f.channels != 1 && f.channels != 2)
        throw WavError(std::to_string(f.channels) + " channels; save it as mono (or stereo)");
    if (f.rate < kMinRate || f.rate > kMaxRate)
        throw WavError("sample rate " + std::to_string(f.rate) + " Hz is outside " + std::to_string(kMinRate) + "-" +
                       std::to_string(kMaxRate) + " Hz");
    if (f.blockAlign != f.channels * 2)
        throw WavError("block align " + std::to_string(f.blockAlign) + " does not match " +
                       std::to_string(f.channels) + " channel(s) of 16 bits");
    return f;
}

std::vector<std::int16_t> decodeSamples(std::string_view data, const Format& f) {
    if (data.size() % f.blockAlign != 0) throw WavError("data chunk is not a whole number of sample frames");
    const std::size_t frames = data.size() / f.blockAlign;
    if (frames == 0) throw WavError("data chunk holds no samples");
    std::vector<std::int16_t> out(frames);
    for (std::size_t i = 0; i < frames; ++i) {
        int sum = 0;
        for (std::size_t c = 0; c < f.channels; ++c)
            sum += static_cast<std::int16_t>(static_cast<std::uint16_t>(le(data, i * f.blockAlign + c * 2, 2)));
        out[i] = static_cast<std::int16_t>(sum / f.channels);
    }
    return out;
}

}  // namespace

Audio parseWav(std::string_view bytes) {
    if (bytes.size() < 12 || bytes.substr(0, 4) != "RIFF" || bytes.substr(8, 4) != "WAVE")
        throw WavError("not a RIFF/WAVE file");
    // A RIFF size beyond the file means a truncated file, unless only the header
    // lied; the chunk walk below catches a chunk that really runs past the end.
    const std::size_t end = std::min<std::size_t>(bytes.size(), std::size_t{8} + le(bytes, 4, 4));
    std::optional<Format> format;
    std::size_t at = 12;
    while (at + 8 <= end) {
        const std::string_view id = bytes.substr(at, 4);
        const std::size_t size = le(bytes, at + 4, 4);
        const std::size_t body = at + 8;
        if (size > end - body)
            throw WavError("truncated: chunk '" + std::string(id) + "' declares " + std::to_string(size) +
                           " bytes, " + std::to_string(end - body) + " remain");
        if (id == "fmt ") {
            format = parseFormat(bytes.substr(body, size));
        } else if (id == "data") {
            if (!format) throw WavError("data chunk before the fmt chunk");
            return Audio{static_cast<int>(format->rate), decodeSamples(bytes.substr(body, size), *format)};
        }
        at = body + size + (size & 1);  // chunks are padded to an even length
    }
    throw WavError(format ? "no data chunk" : "no fmt chunk");
}

std::string encodeWav(const Audio& audio) {
    const auto dataBytes = static_cast<std::uint32_t>(audio.samples.size() * 2);
    const auto rate = static_cast<std::uint32_t>(audio.sampleRate);
    std::string out;
    out.reserve(44 + dataBytes);
    out += "RIFF";
    putLe(out, 36 + dataBytes, 4);
    out += "WAVEfmt ";
    putLe(out, 16, 4);
    putLe(out, kFormatPcm, 2);
    putLe(out, 1, 2);         // mono
    putLe(out, rate, 4);
    putLe(out, rate * 2, 4);  // bytes per second
    putLe(out, 2, 2);         // block align
    putLe(out, 16, 2);        // bits per sample
    out += "data";
    putLe(out, dataBytes, 4);
    for (const std::int16_t s : audio.samples) putLe(out, static_cast<std::uint16_t>(s), 2);
    return out;
}

Audio resampled(const Audio& audio, int sampleRate) {
    if (audio.sampleRate == sampleRate || audio.samples.empty()) return Audio{sampleRate, audio.samples};
    const double step = static_cast<double>(audio.sampleRate) / sampleRate;  // input samples per output sample
    const std::size_t n = audio.samples.size();
    const auto count = static_cast<std::size_t>(std::llround(static_cast<double>(n) / step));
    Audio out{sampleRate, std::vector<std::int16_t>(count)};
    for (std::size_t i = 0; i < count; ++i) {
        const double x = static_cast<double>(i) * step;
        const auto first = std::min(static_cast<std::size_t>(x), n - 1);
        double value;
        if (step > 1.0) {
            const std::size_t last = std::clamp(static_cast<std::size_t>(x + step), first + 1, n);
            double sum = 0;
            for (std::size_t k = first; k < last; ++k) sum += audio.samples[k];
            value = sum / static_cast<double>(last - first);
        } else {
            const double frac = x - static_cast<double>(first);
            const double next = audio.samples[std::min(first + 1, n - 1)];
            value = audio.samples[first] * (1.0 - frac) + next * frac;
        }
        out.samples[i] = static_cast<std::int16_t>(std::lround(value));
    }
    return out;
}

Audio trimmedSilence(const Audio& audio, double margin) {
    int peak = 0;
    for (const std::int16_t s : audio.samples) peak = std::max(peak, std::abs(static_cast<int>(s)));
    // Relative to the clip's own peak, so a quiet recording with a noise floor
    // trims as well as espeak-ng's clean digital silence.
    const int threshold = std::max(peak * 3 / 100, 1);
    const auto loud = [threshold](std::int16_t s) { return std::abs(static_cast<int>(s)) >= threshold; };
    const auto first = std::find_if(audio.samples.begin(), audio.samples.end(), loud);
    if (first == audio.samples.end()) return Audio{audio.sampleRate, {}};
    const auto last = std::find_if(audio.samples.rbegin(), audio.samples.rend(), loud).base();
    const auto keep = static_cast<std::ptrdiff_t>(margin * audio.sampleRate);
    const auto from = first - std::min(keep, first - audio.samples.begin());
    const auto to = last + std::min(keep, audio.samples.end() - last);
    return Audio{audio.sampleRate, std::vector<std::int16_t>(from, to)};
}

}  // namespace hub::speech
