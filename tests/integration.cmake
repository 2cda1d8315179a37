# Integration tests: the real clinic-hubd and clinic-hub, started as child
# processes on temporary data directories, spoken to over real TLS on 127.0.0.1.
add_library(integration_support STATIC
  integration/child_process.cpp
  integration/hub_client.cpp
  integration/hub_process.cpp
  integration/sqlite_file.cpp
  integration/event_stream_client.cpp)
target_link_libraries(integration_support PUBLIC hub_tls Poco::Net Poco::JSON Poco::Foundation SQLite::SQLite3)
target_compile_definitions(integration_support PRIVATE CLINIC_HUB_BINARY_DIR="${PROJECT_BINARY_DIR}")

clinic_hub_test(integration_tests
  SOURCES
    integration/transport_test.cpp
    integration/auth_flow_test.cpp
    integration/permission_walk_test.cpp
    integration/bad_input_test.cpp
    integration/staff_audit_test.cpp
    integration/daemon_lifecycle_test.cpp
    integration/cli_test.cpp
    integration/sync_cli_test.cpp
    integration/jobs_test.cpp
  DEPS integration_support hub_tls hub_domain Poco::Net Poco::JSON
  LABELS integration)

# The abuse limits: sign-in bursts, unlocking, search limits, disk floors, log hygiene.
clinic_hub_test(abuse_integration_tests
  SOURCES integration/abuse_limits_test.cpp
  DEPS integration_support hub_tls Poco::Net Poco::JSON
  LABELS integration)

clinic_hub_test(crash_tests
  SOURCES integration/crash_test.cpp
  DEPS integration_support hub_tls Poco::Net Poco::JSON
  LABELS integration)

# ctest always runs against freshly built programs.
foreach(t integration_tests crash_tests abuse_integration_tests)
  add_dependencies(${t} clinic-hubd clinic-hub)
endforeach()

# The live streams (staff and display) against the real daemon.
clinic_hub_test(stream_integration_tests
  SOURCES integration/live_streams_test.cpp
  DEPS integration_support hub_tls Poco::Net Poco::JSON
  LABELS integration)
add_dependencies(stream_integration_tests clinic-hubd clinic-hub)

# No client can take the hub away: idle, trickling and greedy connections
# against the real daemon, from many 127.x.y.z source addresses.
clinic_hub_test(connection_integration_tests
  SOURCES integration/connections_test.cpp
  DEPS integration_support hub_tls Poco::Net Poco::JSON
  LABELS integration)
add_dependencies(connection_integration_tests clinic-hubd clinic-hub)

# The encrypted sync against a real S3 implementation (tests/s3: s3rver behind
# a front that re-signs every request with AWS's SigV4 signer). Each tag runs
# through tests/s3/run, which exits 77 (SKIPPED, with the reason) when node or
# the npm modules are missing.
add_executable(sync_integration_tests integration/sync_test.cpp integration/sync_admin_test.cpp
               integration/restore_erasure_test.cpp integration/s3_world.cpp)
target_link_libraries(sync_integration_tests PRIVATE test_main integration_support test_database_compare hub_opd hub_store
                      Poco::Net Poco::JSON)
target_compile_definitions(sync_integration_tests PRIVATE CLINIC_HUB_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
target_include_directories(sync_integration_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
add_dependencies(sync_integration_tests clinic-hubd clinic-hub)
foreach(tag first-sync refused damage cut sigkill unreachable anchor generation api healthz passphrase erasure)
  add_test(NAME "s3:${tag}" COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/s3/run $<TARGET_FILE:sync_integration_tests> "[${tag}]" --warn NoTests)
  set_tests_properties("s3:${tag}" PROPERTIES SKIP_RETURN_CODE 77 LABELS "integration;s3" TIMEOUT 600)
endforeach()
# Virtual-host addressing resolves bucket.localhost in a private mount namespace:
# root and unshare(1) are needed, else SKIPPED.
add_test(NAME "s3:vhost" COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/s3/run --mount-namespace $<TARGET_FILE:sync_integration_tests> "[vhost]" --warn NoTests)
set_tests_properties("s3:vhost" PROPERTIES SKIP_RETURN_CODE 77 LABELS "integration;s3" TIMEOUT 600)
