#pragma once
// The clinic's drug formulary, for auto-complete while prescribing. Seeded by
// migration 5 with common generics; the clinic adds its own brands.
#include "hub/store/connection.h"

#include <optional>
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

    // The admin's formulary (issue 17). find: nullopt for no such id.
    std::optional<Drug> find(long long id);
    // Returns the new id. Throws Error(Conflict, field "name") when (name,
    // strength, form) is already listed (a second row would only confuse
    // auto-complete).
    long long insert(const Drug& drug);
    // Rewrites every field of drug.id; false when there is no such id. Throws
    // as insert on a clash with another row.
    bool update(const Drug& drug);
    // false when there is no such id. Prescriptions hold the drug's text, not
    // its id, so a removal changes no visit.
    bool remove(long long id);

private:
    Connection& c_;
};

}  // namespace hub::store
