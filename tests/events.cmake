# The live streams' journal and stream hub, over loopback sockets.
clinic_hub_test(events_tests
  SOURCES unit/event_journal_test.cpp unit/stream_hub_test.cpp
  DEPS hub_events Poco::Net
  LABELS unit)
