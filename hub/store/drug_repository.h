#pragma once
// The clinic's drug formulary, for auto-complete while prescribing. Seeded by
// migration 5 with common generics; the clinic adds its own brands.
#include "hub/store/connection.h"

#include <string>
#include <string_view>
#include <vector>

namespace hub::store {

struct Drug {
    long long id = 0;
    std::string name;         // brand or generic as prescribed
    std::string genericName;
    std::string strength;     // "500 mg"
    std::string form;         // "tablet"
};

inline constexpr int maxDrugResults = 50;

class DrugRepository {
public:
    explicit DrugRepository(Connection& c) : c_(c) {}

    // Drugs whose name or generic name starts with prefix, ASCII
    // case-insensitively (other scripts byte for byte), ordered by name;
    // limit is clamped to 1..maxDrugResults. An empty prefix lists from the
    // start of the alphabet. '%' and '_' in prefix match themselves.
    std::vector<Drug> searchByPrefix(std::string_view prefix, int limit);
    // Returns the new id; an existing (name, strength, form) returns its id.
    long long add(const Drug& drug);
    long long count();

private:
    Connection& c_;
};

}  // namespace hub::store
