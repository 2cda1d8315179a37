# Onboarding staff devices (issue 5): the welcome page and the root's downloads,
# the plain-HTTP port, and real clients (openssl, curl, testssl.sh) checking
# the chain with the root a device downloads.
find_package(Poco 1.11 REQUIRED COMPONENTS XML)
add_library(test_apple_profile STATIC support/apple_profile.cpp)
target_include_directories(test_apple_profile PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(test_apple_profile PUBLIC Poco::XML Poco::Foundation)

clinic_hub_test(welcome_tests
  SOURCES unit/welcome_test.cpp
  DEPS hub_onboarding hub_api test_apple_profile
  LABELS unit)

clinic_hub_test(welcome_integration_tests
  SOURCES integration/welcome_test.cpp integration/testssl_test.cpp
  DEPS integration_support test_apple_profile test_qr_decoder Poco::Net
  LABELS integration)
add_dependencies(welcome_integration_tests clinic-hubd clinic-hub)
