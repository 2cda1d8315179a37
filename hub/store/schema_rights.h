#pragma once
#include <string_view>

namespace hub::store::schema {

// Migration 10: patients' rights (issue 20) - the consent ledger, data
// requests (deletion/anonymisation with review), the retention policy and the
// reports of its runs. One self-contained SQL text.
extern const std::string_view rights;

}  // namespace hub::store::schema
