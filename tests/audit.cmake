clinic_hub_test(audit_tests
  SOURCES unit/audit_test.cpp
  DEPS hub_audit
  LABELS unit)
