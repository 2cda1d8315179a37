# The encrypted sync (issue 18): crypto vectors, SigV4 against AWS's examples,
# the schedule and retention on an injected clock, and runs and restores
# against an in-process object store. tests/s3/ holds the integration tests
# against a real S3 implementation.
add_library(test_database_compare STATIC support/database_compare.cpp)
target_include_directories(test_database_compare PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(test_database_compare PUBLIC SQLiteCpp SQLite::SQLite3)

clinic_hub_test(sync_tests
  SOURCES unit/sync_crypto_test.cpp unit/s3_signer_test.cpp unit/sync_schedule_test.cpp
          unit/sync_run_test.cpp unit/sync_restore_test.cpp
  DEPS hub_sync hub_opd hub_auth hub_audit hub_store hub_tls test_database_compare
  LABELS unit)
