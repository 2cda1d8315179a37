#pragma once
#include <string_view>

// SQL of the sync's migration; listed in order in migrations.cpp.
namespace hub::store::schema {

extern const std::string_view deletionLedger;  // 7

}  // namespace hub::store::schema
