#pragma once
// The audit trail of failed and refused sign-ins, gathered so that a flood
// cannot bury the trail: every failed or refused attempt from one client
// address within one period (a minute) becomes ONE audit event ("login",
// outcome failure, or denied when none was even checked) with the counts and
// the usernames tried, written when the period ends. Successful sign-ins and
// lock-outs are audited at once elsewhere; they are not floods.
//
// A period ends when the next attempt after it comes in, at the periodic
// upkeep (flush), before anyone reads the trail (flush), and when the hub
// stops (the destructor). What a power cut takes is at most the attempts of
// the last period or two.
#include "hub/audit/audit_log.h"
#include "hub/core/clock.h"
#include "hub/store/database.h"

#include <array>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace hub::auth {

// The username an audit row keeps for a sign-in: as typed when it is an
// account's; otherwise cut to a few characters and marked, because what
// someone types into the username box may be a password or garbage.
std::string storedUsername(std::string_view typed, bool isAccount);

struct SignInAuditPolicy {
    Seconds period{60};
    std::size_t maxAddresses = 1'000;  // open periods at once; the oldest is written early beyond it
};

// Thread-safe.
class SignInAudit {
public:
    enum class Kind {
        WrongPassword,    // checked: an account's wrong password
        UnknownUsername,  // checked: no such account
        Throttled,        // refused unchecked: locked out, or too many in flight
        Busy,             // refused unchecked: no turn for hashing in time (503)
    };

    SignInAudit(store::Database& db, const Clock& clock, audit::AuditLog& audit, SignInAuditPolicy policy = {});
    ~SignInAudit();  // writes every open period
    SignInAudit(const SignInAudit&) = delete;
    SignInAudit& operator=(const SignInAudit&) = delete;

    // Counts one attempt from clientAddress. username is the stored form
    // (storedUsername); staffId is set when it names an account. Writes the
    // periods that have ended.
    void note(std::string_view clientAddress, const std::string& username, std::optional<long long> staffId,
              Kind kind);
    // Writes the periods that have ended, or every open one when all.
    void flush(bool all = false);

    std::size_t openPeriods() const;

private:
    struct Period {
        std::string address;
        TimePoint start{};
        std::array<int, 4> counts{};
        std::set<std::string> usernames;  // at most maxUsernames
        int moreUsernames = 0;
        std::set<long long> staffIds;
    };
    audit::AuditEvent eventFor(const Period& p) const;
    void write(const std::vector<Period>& periods);
    // REQUIRES: mutex_ held. Moves the ended (or all) periods out.
    std::vector<Period> takeEnded(TimePoint now, bool all);

    store::Database& db_;
    const Clock& clock_;
    audit::AuditLog& audit_;
    SignInAuditPolicy policy_;
    mutable std::mutex mutex_;
    std::map<std::string, Period> open_;  // by address; REQUIRES: mutex_ held
};

}  // namespace hub::auth
