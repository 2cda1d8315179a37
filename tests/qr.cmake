# QR codes, checked by decoding them with zbar as a phone camera would.
pkg_check_modules(ZBAR REQUIRED IMPORTED_TARGET zbar)
add_library(test_qr_decoder STATIC support/qr_decoder.cpp support/qr_svg.cpp)
target_include_directories(test_qr_decoder PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(test_qr_decoder PUBLIC PkgConfig::ZBAR)
clinic_hub_test(qr_tests
  SOURCES unit/qr_code_test.cpp
  DEPS hub_qr test_qr_decoder
  LABELS unit)
