#pragma once
// The two-tone chime that opens every announcement, and that displays whose
// sound is "chime" (or hubs with no voice pack) play alone. Generated rather
// than shipped, so there is no sound file to lose.
#include "hub/speech/wav.h"

namespace hub::speech {

// About 0.6 s: a high tone then a lower one, each struck and decaying like a bell.
Audio chime(int sampleRate);

}  // namespace hub::speech
