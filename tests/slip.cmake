# Token slips, ESC/POS raster printing and the patient's tracking link.
add_library(test_escpos STATIC support/escpos_decoder.cpp support/capture_printer.cpp)
target_include_directories(test_escpos PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(test_escpos PUBLIC test_qr_decoder Poco::Net)

clinic_hub_test(slip_tests
  SOURCES unit/escpos_test.cpp unit/slip_raster_test.cpp unit/tracking_link_test.cpp unit/tracking_page_test.cpp
          unit/rate_limiter_test.cpp unit/tracking_service_test.cpp unit/slip_service_test.cpp
  DEPS hub_slip hub_opd hub_auth hub_audit hub_store test_escpos
  LABELS unit)

clinic_hub_test(slip_integration_tests
  SOURCES integration/slip_test.cpp
  DEPS integration_support test_escpos hub_tls Poco::Net Poco::JSON
  LABELS integration)
add_dependencies(slip_integration_tests clinic-hubd clinic-hub)
