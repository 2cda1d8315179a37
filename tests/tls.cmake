clinic_hub_test(tls_tests
  SOURCES
    unit/tls_x509_names_test.cpp
    unit/tls_certificate_authority_test.cpp
    unit/tls_socket_test.cpp
    unit/tls_signature_algorithm_test.cpp
    unit/tls_crl_test.cpp
  DEPS hub_tls Poco::Net Poco::Foundation
  LABELS unit)
