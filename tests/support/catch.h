#pragma once
// The one Catch2 include of every test, for Catch2 2.13 (Debian 12: one header,
// main() compiled from tests/unit/main.cpp) and Catch2 3.x (Debian 13: a compiled
// library, main() from Catch2::Catch2WithMain). tests/CMakeLists.txt finds either
// and tells this header which through CLINIC_HUB_CATCH2_MAJOR on test_main.
//
// Tests are written in the names Catch2 2 offers. The three that Catch2 3 renamed
// or moved are given back here, so no test is written twice:
//   Catch::Contains(string)    -> Catch::Matchers::ContainsSubstring (Contains now means a range holds an element)
//   Catch::StartsWith/EndsWith/Matches -> Catch::Matchers::... (2 also had them in Catch::)
//   Approx (global)            -> Catch::Approx
// Everything else the tests use (TEST_CASE, SECTION, CHECK*, REQUIRE*, INFO, WARN,
// CAPTURE, GENERATE, CHECK_THAT, CHECK_THROWS_*) is spelled the same in both.

#if !defined(CLINIC_HUB_CATCH2_MAJOR)
#error "tests/support/catch.h needs CLINIC_HUB_CATCH2_MAJOR: link the test program with test_main (tests/CMakeLists.txt)"
#elif CLINIC_HUB_CATCH2_MAJOR == 2
#include <catch2/catch.hpp>
#elif CLINIC_HUB_CATCH2_MAJOR == 3
#include <catch2/catch_all.hpp>

#include <string>
#include <utility>

namespace Catch {
inline Matchers::StringContainsMatcher Contains(std::string needle, CaseSensitive cs = CaseSensitive::Yes) {
    return Matchers::ContainsSubstring(std::move(needle), cs);
}
using Matchers::EndsWith;
using Matchers::Matches;
using Matchers::StartsWith;
}  // namespace Catch
using Catch::Approx;
#else
#error "tests/support/catch.h knows Catch2 2 and 3 only"
#endif
