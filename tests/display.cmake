# Named displays, the display projection and the queue feed on a real database.
clinic_hub_test(display_tests
  SOURCES unit/display_test.cpp
  DEPS hub_display hub_api_routes hub_api hub_opd hub_auth hub_audit hub_store Poco::JSON
  LABELS unit)
