#pragma once
// Staff accounts in the database. Takes the connection handed to a
// Database::write/read lambda, so a service can combine several repositories in
// one transaction.
#include "hub/core/clock.h"
#include "hub/domain/staff.h"
#include "hub/store/connection.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hub::store {

struct StaffRecord {
    domain::StaffMember member;
    std::string passwordHash;  // argon2id encoded string
    TimePoint updatedAt{};
    TimePoint passwordChangedAt{};
};

struct NewStaff {
    std::string username;
    std::string displayName;
    domain::Role role = domain::Role::Receptionist;
    std::string passwordHash;
    TimePoint at{};
};

class StaffRepository {
public:
    explicit StaffRepository(Connection& c) : c_(c) {}

    // Returns the new id. Throws Error(Conflict, field "username") if taken.
    long long insert(const NewStaff& staff);
    std::optional<StaffRecord> findById(long long id);
    std::optional<StaffRecord> findByUsername(std::string_view username);
    std::vector<StaffRecord> list();  // ordered by username

    // Each returns false when no staff member has that id.
    bool updateDisplayName(long long id, std::string_view displayName, TimePoint at);
    bool updateRole(long long id, domain::Role role, TimePoint at);
    bool setPassword(long long id, std::string_view passwordHash, TimePoint at);
    // Replaces the hash with one of the same password under new parameters;
    // password_changed_at is left alone.
    bool rehashPassword(long long id, std::string_view passwordHash);
    // language: one of domain::hubLanguages (the column's CHECK refuses others).
    bool setLanguage(long long id, domain::Language language, TimePoint at);
    bool setDisabled(long long id, bool disabled, TimePoint at);

    int countActiveAdmins();

private:
    Connection& c_;
};

}  // namespace hub::store
