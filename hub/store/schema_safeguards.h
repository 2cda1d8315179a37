#pragma once
#include <string_view>

// SQL of the safeguards' migration; listed in order in migrations.cpp.
namespace hub::store::schema {

extern const std::string_view safeguards;  // 7

}  // namespace hub::store::schema
