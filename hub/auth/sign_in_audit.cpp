#include "hub/auth/sign_in_audit.h"

#include "hub/core/log.h"
#include "hub/core/text.h"
#include "hub/domain/staff.h"

#include <algorithm>

namespace hub::auth {
namespace {

constexpr std::size_t maxUsernames = 5;      // per period: enough to tell spraying from a typo
constexpr std::size_t unknownNameBytes = 16;  // what is kept of a name that is no account
constexpr std::size_t maxAddressBytes = 64;

// Cut and marked with an ellipsis when it was longer.
std::string cutUtf8(std::string_view s, std::size_t maxBytes) {
    return s.size() <= maxBytes ? std::string(s) : truncateUtf8(s, maxBytes) + "\xE2\x80\xA6";  // …
}

}  // namespace

std::string storedUsername(std::string_view typed, bool isAccount) {
    if (isAccount) return std::string(typed);
    // Not even a possible username (capitals, spaces, symbols, too long): most
    // likely a password in the wrong box. Keep nothing of it.
    if (domain::checkUsername(typed)) return "(not a username, " + std::to_string(typed.size()) + " bytes)";
    return cutUtf8(typed, unknownNameBytes) + " (no such account)";
}

SignInAudit::SignInAudit(store::Database& db, const Clock& clock, audit::AuditLog& audit, SignInAuditPolicy policy)
    : db_(db), clock_(clock), audit_(audit), policy_(policy) {}

SignInAudit::~SignInAudit() {
    try {
        flush(true);
    } catch (const std::exception& e) {
        // Stopping must go on; the operator learns what the trail misses.
        log::error("auth", std::string("could not write the last failed sign-ins to the audit trail: ") + e.what());
    }
}

std::vector<SignInAudit::Period> SignInAudit::takeEnded(TimePoint now, bool all) {
    std::vector<Period> ended;
    for (auto it = open_.begin(); it != open_.end();) {
        if (all || now - it->second.start >= policy_.period) {
            ended.push_back(std::move(it->second));
            it = open_.erase(it);
        } else {
            ++it;
        }
    }
    return ended;
}

void SignInAudit::note(std::string_view clientAddress, const std::string& username, std::optional<long long> staffId,
                       Kind kind) {
    const TimePoint now = clock_.now();
    std::vector<Period> ended;
    {
        std::lock_guard lock(mutex_);
        ended = takeEnded(now, false);
        const std::string address(clientAddress.substr(0, maxAddressBytes));
        auto it = open_.find(address);
        if (it == open_.end()) {
            if (open_.size() >= policy_.maxAddresses) {
                // Too many addresses at once: write the oldest now rather than grow.
                auto oldest = std::min_element(open_.begin(), open_.end(), [](const auto& a, const auto& b) {
                    return a.second.start < b.second.start;
                });
                ended.push_back(std::move(oldest->second));
                open_.erase(oldest);
            }
            it = open_.emplace(address, Period{address, now, {}, {}, 0, {}}).first;
        }
        Period& p = it->second;
        ++p.counts[static_cast<std::size_t>(kind)];
        if (p.usernames.count(username) == 0) {
            if (p.usernames.size() < maxUsernames) p.usernames.insert(username);
            else ++p.moreUsernames;
        }
        if (staffId) p.staffIds.insert(*staffId);
    }
    write(ended);
}

void SignInAudit::flush(bool all) {
    std::vector<Period> ended;
    {
        std::lock_guard lock(mutex_);
        ended = takeEnded(clock_.now(), all);
    }
    write(ended);
}

std::size_t SignInAudit::openPeriods() const {
    std::lock_guard lock(mutex_);
    return open_.size();
}

audit::AuditEvent SignInAudit::eventFor(const Period& p) const {
    const auto count = [&](Kind k) { return p.counts[static_cast<std::size_t>(k)]; };
    const int checked = count(Kind::WrongPassword) + count(Kind::UnknownUsername);
    int total = 0;
    for (int c : p.counts) total += c;

    audit::AuditEvent e;
    e.action = "login";
    e.objectType = "session";
    e.clientAddress = p.address;
    e.outcome = checked > 0 ? audit::Outcome::Failure : audit::Outcome::Denied;
    if (p.usernames.size() == 1 && p.moreUsernames == 0) e.actorUsername = *p.usernames.begin();
    else e.actorUsername = "(" + std::to_string(p.usernames.size() + static_cast<std::size_t>(p.moreUsernames)) +
                           " usernames)";
    if (p.staffIds.size() == 1 && p.usernames.size() == 1) e.actorId = *p.staffIds.begin();

    std::string detail = std::to_string(total) + (total == 1 ? " failed sign-in" : " failed sign-ins") +
                         " from " + formatRfc3339(p.start) + " for " + std::to_string(policy_.period.count()) + " s:";
    const auto part = [&](Kind k, const char* what) {
        if (count(k) > 0) detail += " " + std::to_string(count(k)) + " " + what + ",";
    };
    part(Kind::WrongPassword, "wrong password");
    part(Kind::UnknownUsername, "unknown username");
    part(Kind::Throttled, "refused (throttled)");
    part(Kind::Busy, "refused (hub busy)");
    detail.back() = ';';
    detail += " usernames:";
    for (const auto& u : p.usernames) detail += " " + u + ",";
    detail.pop_back();
    if (p.moreUsernames > 0) detail += " and " + std::to_string(p.moreUsernames) + " more";
    e.detail = std::move(detail);
    return e;
}

void SignInAudit::write(const std::vector<Period>& periods) {
    if (periods.empty()) return;
    db_.write([&](store::Connection& tx) {
        for (const auto& p : periods) audit_.append(tx, eventFor(p));
    });
}

}  // namespace hub::auth
