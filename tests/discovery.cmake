# Discovery (issue 5): the naming rules and the clinic-rename hook as unit tests,
# and the real clinic-hubd advertising through a real avahi-daemon, resolved
# from another "box", inside a private network that tests/discovery/mdns_world.sh
# builds and tears down.
clinic_hub_test(discovery_tests
  SOURCES unit/discovery_naming_test.cpp unit/clinic_profile_listener_test.cpp
  DEPS hub_discovery hub_opd hub_auth hub_store hub_core
  LABELS unit)

# Not catch_discover_tests: each case must run inside a private network of its
# own, so ctest starts it through mdns_world.sh, which prints SKIPPED and exits 77
# where it cannot build one (not root, no avahi-daemon). CLINIC_HUB_CATCH2_ARGS make a
# tag that matches no case fail instead of passing with nothing run.
add_executable(mdns_tests discovery/mdns_test.cpp discovery/mdns_world.cpp)
target_link_libraries(mdns_tests PRIVATE test_main integration_support hub_tls Poco::Net Poco::JSON)
add_dependencies(mdns_tests clinic-hubd clinic-hub)
foreach(tag resolve collision collision-lan avahi-restart rename no-avahi no-dbus host-rename)
  add_test(NAME "mdns_tests:${tag}"
           COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/discovery/mdns_world.sh $<TARGET_FILE:mdns_tests> "[${tag}]" ${CLINIC_HUB_CATCH2_ARGS})
  set_tests_properties("mdns_tests:${tag}" PROPERTIES SKIP_RETURN_CODE 77 LABELS "integration;mdns" TIMEOUT 240)
endforeach()
