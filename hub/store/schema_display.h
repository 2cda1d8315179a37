#pragma once
#include <string_view>

// SQL of the waiting-room display's migration; listed in order in migrations.cpp.
namespace hub::store::schema {

extern const std::string_view displays;  // 6

}  // namespace hub::store::schema
