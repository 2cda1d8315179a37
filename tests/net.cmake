# The connection server: HTTP/1.1 framing on byte strings, and the server's
# deadlines and limits over real loopback connections.
clinic_hub_test(net_tests
  SOURCES unit/request_reader_test.cpp unit/http_server_test.cpp
  DEPS hub_net Poco::Net
  LABELS unit)
