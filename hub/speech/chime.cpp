#include "hub/speech/chime.h"

#include <cmath>
#include <numbers>

namespace hub::speech {
namespace {

constexpr double kToneSeconds = 0.3;
constexpr double kPeak = 0.45 * 32767;  // leaves headroom for the second harmonic

void appendTone(std::vector<std::int16_t>& out, int sampleRate, double frequency) {
    const auto count = static_cast<std::size_t>(kToneSeconds * sampleRate);
    const std::size_t attack = static_cast<std::size_t>(sampleRate) / 200;  // 5 ms: no click at the start
    for (std::size_t i = 0; i < count; ++i) {
        const double t = static_cast<double>(i) / sampleRate;
        const double envelope = (i < attack ? static_cast<double>(i) / static_cast<double>(attack) : 1.0) *
                                std::exp(-t * 9.0) * (1.0 - static_cast<double>(i) / static_cast<double>(count));
        const double phase = 2 * std::numbers::pi * frequency * t;
        const double v = std::sin(phase) + 0.25 * std::sin(2 * phase);
        out.push_back(static_cast<std::int16_t>(std::lround(kPeak * envelope * v)));
    }
}

}  // namespace

Audio chime(int sampleRate) {
    Audio a{sampleRate, {}};
    appendTone(a.samples, sampleRate, 659.25);  // E5
    appendTone(a.samples, sampleRate, 523.25);  // C5
    return a;
}

}  // namespace hub::speech
