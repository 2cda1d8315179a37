clinic_hub_test(api_tests
  SOURCES unit/schema_test.cpp unit/router_test.cpp unit/pipeline_test.cpp
  DEPS hub_api LABELS unit)
