# Billing (issue 21): the money rules as plain functions, the statement parser,
# and the billing service on a real database (numbering under concurrency,
# discounts by role, payments, refunds, the drawer, reconciliation).
clinic_hub_test(billing_tests
  SOURCES unit/billing_rules_test.cpp unit/billing_service_test.cpp unit/statement_layouts_test.cpp unit/receipt_test.cpp
  DEPS hub_billing hub_slip hub_opd hub_auth hub_audit hub_store hub_domain test_escpos Poco::JSON
  LABELS unit)
# A day at the billing desk, the statement import and the cash close against
# the real daemon over TLS.
clinic_hub_test(billing_integration_tests
  SOURCES integration/billing_day_test.cpp
  DEPS integration_support hub_tls Poco::Net Poco::JSON
  LABELS integration)
add_dependencies(billing_integration_tests clinic-hubd clinic-hub)
# printReceipt: the receipt on a loopback stand-in for the network printer,
# its rows found in the printed raster (drawn with the hub's own renderer).
clinic_hub_test(receipt_print_integration_tests
  SOURCES integration/receipt_print_test.cpp
  DEPS integration_support test_escpos hub_billing hub_slip hub_tls Poco::Net Poco::JSON
  LABELS integration)
add_dependencies(receipt_print_integration_tests clinic-hubd clinic-hub)
