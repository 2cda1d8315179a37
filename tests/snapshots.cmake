# Local database snapshots (clinic-hub snapshot / restore-snapshot), and the
# CLI's snapshot, restore-snapshot and doctor commands as a technician runs them.
clinic_hub_test(snapshot_tests SOURCES unit/snapshots_test.cpp DEPS hub_cli LABELS unit)
add_test(NAME packaging:snapshot-and-doctor-cli
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/packaging/snapshot_doctor_cli_test.sh
                 $<TARGET_FILE:clinic-hub> $<TARGET_FILE:clinic-hubd>)
set_tests_properties(packaging:snapshot-and-doctor-cli PROPERTIES LABELS integration TIMEOUT 120)
# The data directory's lock: a restore never replaces the database under a running clinic-hubd.
clinic_hub_test(data_dir_lock_tests SOURCES unit/data_dir_lock_test.cpp DEPS hub_store LABELS unit)
