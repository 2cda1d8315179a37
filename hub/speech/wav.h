#pragma once
// Mono 16-bit PCM audio and the WAV (RIFF) container it travels in. Clips are
// read from voice packs a clinic may have recorded with any tool, so the reader
// walks the RIFF chunks instead of trusting fixed offsets, and says exactly why
// it refuses a file.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace hub::speech {

struct Audio {
    int sampleRate = 0;                 // samples per second
    std::vector<std::int16_t> samples;  // mono

    double seconds() const { return sampleRate > 0 ? static_cast<double>(samples.size()) / sampleRate : 0.0; }
};

// A file that is not audio this reader accepts; what() says why.
class WavError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Accepts uncompressed PCM (format 1, or WAVE_FORMAT_EXTENSIBLE with the PCM
// subformat), 16 bits per sample, 1 or 2 channels (stereo is mixed down),
// 8000-96000 Hz. Chunks other than fmt and data (LIST, fact, ...) are skipped.
Audio parseWav(std::string_view bytes);

// A canonical 44-byte-header mono 16-bit PCM WAV.
std::string encodeWav(const Audio& audio);

// The same sound at another sample rate (linear interpolation; when going down,
// each output sample averages the input it spans, which keeps aliasing of speech
// inaudible without a filter design).
Audio resampled(const Audio& audio, int sampleRate);

// Leading and trailing near-silence removed, keeping `margin` seconds of it on
// each side: recordings (and espeak-ng's output) start and end with silence that
// would make the gaps between joined clips uneven.
Audio trimmedSilence(const Audio& audio, double margin = 0.02);

}  // namespace hub::speech
