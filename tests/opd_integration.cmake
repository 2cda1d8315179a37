# The OPD day end to end against the real daemon over TLS.
clinic_hub_test(opd_integration_tests
  SOURCES integration/opd_day_test.cpp
  DEPS integration_support hub_tls Poco::Net Poco::JSON
  LABELS integration)
add_dependencies(opd_integration_tests clinic-hubd clinic-hub)
