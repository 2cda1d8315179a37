clinic_hub_test(patients_tests
  SOURCES unit/patient_service_test.cpp unit/patient_api_test.cpp unit/patient_safeguards_test.cpp
  DEPS hub_opd hub_api_routes hub_api hub_auth hub_store Poco::Net Poco::JSON
  LABELS unit)
