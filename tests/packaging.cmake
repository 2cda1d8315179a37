# packaging/dev (both Debian releases' package lists, debian-root's argument
# checks, run-tests' report of skipped tests), without installing anything.
add_test(NAME packaging:dev-scripts COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/packaging/dev_scripts_test.sh)
set_tests_properties(packaging:dev-scripts PROPERTIES LABELS unit)
