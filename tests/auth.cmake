clinic_hub_test(auth_tests
  SOURCES unit/password_throttle_test.cpp unit/session_test.cpp unit/staff_service_test.cpp
  DEPS hub_auth
  LABELS unit)
