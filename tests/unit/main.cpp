// Catch2 2 only: its main(). With Catch2 3 the tests link Catch2::Catch2WithMain
// instead and this file is not compiled (tests/CMakeLists.txt).
#define CATCH_CONFIG_MAIN
#include "support/catch.h"
