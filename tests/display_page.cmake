# The TV page and the kiosk listener against the real daemon, and the kiosk
# launcher's command line (--dry-run).
clinic_hub_test(display_page_tests
  SOURCES integration/display_page_test.cpp
  DEPS integration_support hub_tls Poco::Net Poco::JSON
  LABELS integration)
add_dependencies(display_page_tests clinic-hubd clinic-hub)

add_test(NAME kiosk:launcher COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/kiosk/launcher_test.sh)
set_tests_properties(kiosk:launcher PROPERTIES LABELS unit)
