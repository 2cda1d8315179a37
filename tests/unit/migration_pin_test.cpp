// Migrations are history: a box in a clinic has run every shipped one, so its
// text must never change. Each is pinned here by the SHA-256 of its file
// (hub/store/migrations/NNNN_what.sql, as compiled in). A new migration adds
// its line; an edited or deleted one fails.
#include "hub/store/database.h"
#include "hub/store/migrations.h"
#include "hub/tls/digest.h"

#include "support/catch.h"

#include <map>
#include <string>

namespace {

struct Pin {
    std::string name;
    std::string sha256;
};

// `sha256sum hub/store/migrations/*.sql` gives the hashes.
const std::map<int, Pin> shipped = {
    {1, {"0001_staff_sessions_audit", "8792be421ac6912d3bc9bd0e4397ad402d8649d1cc3d8455fb94284299cbfc4c"}},
    {2, {"0002_clinic_profile", "de731a1cdb7a11a7653b47a7e7b6f93af76e5bdad02df8d9407880e91435a0d6"}},
    {3, {"0003_patients", "5cb0e44a1af0332610da77665ca1cf76ffd4c03f38b5a57b35189f8d76d47335"}},
    {4, {"0004_queues", "12571a8a49889a870b8b64900310dbd6e0b799228a097af6a2832099103d3cff"}},
    {5, {"0005_visits", "727481ccf35b30b4e201f9a975abb701f30fd9bff449efb8f14639bf6d4c612b"}},
    {6, {"0006_displays", "e4a22313d039319dd261676e5b83672efe5357fa1aa68a1433ba62f59298c0e6"}},
    {7, {"0007_safeguards", "1c1061e764f52f4179cbb5a80a580e1815688bf9b0b60493450a927d7469d355"}},
    {8, {"0008_deletion_ledger", "4a4660eb98512f90b49a6d21e4df51f21760caf1878eed0fcc6f1d794b5deadf"}},
    {9, {"0009_patient_rights", "d9fbb9b07d6db9b1f8cdeeaf0b4c10cc2f52f1cd63cf073df88fb2b80b8d437d"}},
    {10, {"0010_billing", "9f7eb85aaa89be785cf19630fe42b85fd82be6d9f8bf797f2dfa49688b10d8d8"}},
    {11, {"0011_jobs", "53cf410d16d11ca33dee9559c7cf26478e6f2e0a1baa21498cab7039c870deb8"}},
    {12, {"0012_staff_language", "cfc9dc518aed80f0845e84682e57ceccd48b50487a53130de6d394060a6f95d1"}},
    {13, {"0013_audit_patients_shown", "b0b2379df184f4a562da776b75fd2943598aeb143edcead53b6197106294c742"}},
};

}  // namespace

TEST_CASE("every shipped migration's text is exactly the text that shipped", "[store][migrations]") {
    std::map<int, bool> seen;
    for (const auto& m : hub::store::migrations()) {
        INFO("migration " << m.version << " (" << m.name << ".sql)");
        const auto pin = shipped.find(m.version);
        // A new migration is pinned in the same change that adds it.
        REQUIRE(pin != shipped.end());
        CHECK(std::string(m.name) == pin->second.name);
        CHECK(hub::tls::sha256Hex(m.sql) == pin->second.sha256);
        seen[m.version] = true;
    }
    // A shipped migration never disappears either.
    for (const auto& [version, pin] : shipped) {
        INFO("pinned migration " << version << " (" << pin.name << ".sql) is no longer compiled in");
        CHECK(seen.count(version) == 1);
    }
}

TEST_CASE("a migration is named by its number", "[store][migrations]") {
    for (const auto& m : hub::store::migrations()) {
        INFO(m.name);
        REQUIRE(m.name.size() > 5);
        CHECK(std::stoi(std::string(m.name.substr(0, 4))) == m.version);
        CHECK(m.name[4] == '_');
    }
    CHECK(hub::store::Database::latestSchemaVersion() == static_cast<int>(shipped.size()));
}
