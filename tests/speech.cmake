# Offline speech: WAV reading and writing, number and label clips, voice packs,
# announcement assembly, and the default packs generated with espeak-ng.
clinic_hub_test(speech_tests
  SOURCES unit/wav_test.cpp unit/spoken_call_test.cpp unit/announcer_test.cpp unit/default_voice_packs_test.cpp
  DEPS hub_speech integration_support
  LABELS unit)

# Announcements from the real daemon over TLS.
clinic_hub_test(speech_integration_tests
  SOURCES integration/announcement_test.cpp
  DEPS integration_support hub_speech Poco::Net Poco::JSON
  LABELS integration)
add_dependencies(speech_integration_tests clinic-hubd clinic-hub)
