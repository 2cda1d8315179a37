# packaging/dev (both Debian releases' package lists, debian-root's argument
# checks, run-tests' report of skipped tests), without installing anything.
add_test(NAME packaging:dev-scripts COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/packaging/dev_scripts_test.sh)
set_tests_properties(packaging:dev-scripts PROPERTIES LABELS unit)
# The package's bash completion knows every command 'clinic-hub --help' lists.
add_test(NAME packaging:bash-completion
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/packaging/bash_completion_test.sh
                 $<TARGET_FILE:clinic-hub> ${PROJECT_SOURCE_DIR}/debian/bash-completion/clinic-hub)
set_tests_properties(packaging:bash-completion PROPERTIES LABELS unit)
