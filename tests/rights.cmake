# Patients' rights (issue 20) against the real daemon: the consent ledger,
# deletion requests from request to anonymisation (the database file and its
# WAL grepped for the person), the JSON export, the access report, retention
# and the command line's export.
clinic_hub_test(rights_integration_tests
  SOURCES integration/rights_test.cpp
  DEPS integration_support hub_tls Poco::Net Poco::JSON
  LABELS integration)
add_dependencies(rights_integration_tests clinic-hubd clinic-hub)

# The FHIR export checked by a real FHIR R4 validator (tests/fhir: Medplum's
# validateResource over the R4 StructureDefinitions). tests/fhir/run prints
# SKIPPED and exits 77 without node or the npm modules.
add_executable(rights_fhir_tests integration/rights_fhir_test.cpp)
target_link_libraries(rights_fhir_tests PRIVATE test_main integration_support hub_tls Poco::Net Poco::JSON)
target_compile_definitions(rights_fhir_tests PRIVATE CLINIC_HUB_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
add_dependencies(rights_fhir_tests clinic-hubd clinic-hub)
add_test(NAME "fhir:export" COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/fhir/run $<TARGET_FILE:rights_fhir_tests> ${CLINIC_HUB_CATCH2_ARGS})
set_tests_properties("fhir:export" PROPERTIES SKIP_RETURN_CODE 77 LABELS "integration;fhir" TIMEOUT 300)

# The rights services on a real database: retention as the job runner runs it
# (cancellation between records), the review of a deletion request.
clinic_hub_test(rights_tests
  SOURCES unit/retention_test.cpp unit/data_request_test.cpp
  DEPS hub_rights hub_jobs hub_opd hub_auth hub_store
  LABELS unit)
