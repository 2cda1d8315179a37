# Visits, prescriptions, history and the printable prescription: the service
# over a real temporary database, the routes through the real pipeline with a
# fake gate, and the print renderer as a pure function.
clinic_hub_test(visits_tests
  SOURCES unit/visit_service_test.cpp unit/visit_api_test.cpp unit/prescription_print_test.cpp
          unit/synthetic_history_test.cpp
  DEPS hub_api_routes hub_opd hub_auth
  LABELS unit)
