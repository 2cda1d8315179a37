clinic_hub_test(store_tests
  SOURCES unit/store_test.cpp unit/store_repositories_test.cpp unit/migration_pin_test.cpp
  DEPS hub_store hub_tls
  LABELS unit)
