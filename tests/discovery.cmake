# Discovery (issue 5): the naming rules and the clinic-rename hook as unit tests,
# and the real clinic-hubd advertising through a real avahi-daemon, resolved
# from another "box", inside a private network that tests/discovery/mdns_world.sh
# builds and tears down.
clinic_hub_test(discovery_tests
  SOURCES unit/discovery_naming_test.cpp unit/clinic_profile_listener_test.cpp
  DEPS hub_discovery hub_opd hub_auth hub_store hub_core
  LABELS unit)
