# The one static-asset server: its files (unit) and its answers from the real
# daemon (ETag/304, immutable hashed URLs, gzip, content types, CSP).
clinic_hub_test(web_tests
  SOURCES unit/web_root_test.cpp
  DEPS hub_web
  LABELS unit)
clinic_hub_test(web_asset_tests
  SOURCES integration/web_assets_test.cpp
  DEPS integration_support hub_tls Poco::Net Poco::JSON
  LABELS integration)
add_dependencies(web_asset_tests clinic-hubd clinic-hub)
clinic_hub_test(staff_app_api_tests
  SOURCES integration/staff_app_api_test.cpp
  DEPS integration_support Poco::Net Poco::JSON
  LABELS integration)
add_dependencies(staff_app_api_tests clinic-hubd clinic-hub)
# The committed app/vendor must be what webapp/scripts/vendor.mjs makes from
# the locked npm versions (docs/webapp.md). SKIPPED without node or npm ci.
add_test(NAME webapp:vendor-check
  COMMAND sh -c "command -v node >/dev/null || { echo 'SKIPPED: node is not installed'; exit 77; }; \
[ -d node_modules/preact ] || { echo 'SKIPPED: cd webapp && npm ci'; exit 77; }; exec node scripts/vendor.mjs --check"
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}/webapp)
set_tests_properties(webapp:vendor-check PROPERTIES SKIP_RETURN_CODE 77 LABELS unit)
# The admin screens' operations (issue 17): formulary, templates, audit filters, display QR.
clinic_hub_test(admin_api_tests
  SOURCES integration/admin_api_test.cpp
  DEPS integration_support Poco::Net Poco::JSON
  LABELS integration)
add_dependencies(admin_api_tests clinic-hubd clinic-hub)
