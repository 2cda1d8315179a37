clinic_hub_test(queue_tests
  SOURCES unit/queue_service_test.cpp unit/queue_api_test.cpp
  DEPS hub_opd hub_api_routes hub_api hub_auth hub_audit hub_store Poco::Net Poco::JSON
  LABELS unit)
