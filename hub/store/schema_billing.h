#pragma once
#include <string_view>

// SQL of billing's migration (0011 in the merge order: 0009 is the job runner's,
// 0010 the patient rights'); listed in order in migrations.cpp. One
// self-contained text, ready to move to hub/store/migrations/0011_billing.sql.
namespace hub::store::schema {

extern const std::string_view billing;

}  // namespace hub::store::schema
