# Browser tests: the TV page in Debian's Chromium, driven by playwright-core
# (tests/browser/package.json). display_page runs the page against a stand-in
# for the display contract; display_e2e against the real clinic-hubd (built by
# the default target). Each prints SKIPPED and exits 77 when Chromium, Node or
# the npm modules are missing (packaging/dev/run-tests installs them).
foreach(t display_page.test.js display_e2e.test.mjs welcome_trust.test.mjs staff_app.test.mjs
    doctor_app.test.mjs
    billing_app.test.mjs
    jobs_panel.test.mjs
    webapp_quality.test.mjs
    rights_app.test.mjs
    admin_app.test.mjs
    billing_admin.test.mjs
    )
  string(REGEX REPLACE "\\.test\\..*" "" name ${t})
  add_test(NAME browser:${name} COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/browser/run ${t})
  set_tests_properties(browser:${name} PROPERTIES
    SKIP_RETURN_CODE 77
    LABELS browser
    TIMEOUT 300
    # Chromium is heavy on two cores: a browser test runs alone, so a timing
    # that is fine on a quiet machine is not lost to a parallel test's load.
    RUN_SERIAL TRUE
    ENVIRONMENT "CLINIC_HUB_BINARY_DIR=${PROJECT_BINARY_DIR};CLINIC_HUB_BROWSER_ARTIFACTS=${PROJECT_BINARY_DIR}/tests/browser-artifacts")
endforeach()
