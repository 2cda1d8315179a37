#include "hub/audit/audit_log.h"

#include "hub/core/error.h"
#include "hub/core/text.h"
#include "hub/tls/digest.h"

#include <algorithm>

namespace hub::audit {
namespace {

// Each field: a presence byte, an 8-byte big-endian length, the bytes. No two
// different events share an encoding, whatever their fields contain.
void putField(std::string& out, const std::string_view* value) {
    if (value == nullptr) {
        out.push_back('\0');
        return;
    }
    out.push_back('\1');
    const auto n = static_cast<unsigned long long>(value->size());
    for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>((n >> shift) & 0xffu));
    out.append(*value);
}
void putText(std::string& out, std::string_view value) { putField(out, &value); }
void putInt(std::string& out, std::optional<long long> value) {
    if (!value) return putField(out, nullptr);
    const std::string digits = std::to_string(*value);
    putText(out, digits);
}

}  // namespace

std::string_view outcomeName(Outcome outcome) {
    switch (outcome) {
        case Outcome::Success: return "success";
        case Outcome::Failure: return "failure";
        case Outcome::Denied: return "denied";
    }
    return "failure";
}

const std::string& genesisHash() {
    static const std::string zeros(64, '0');
    return zeros;
}

std::string eventHash(const store::AuditRecord& r) {
    std::string buf = "clinic-hub audit event v1";
    putText(buf, r.prevHash);
    putInt(buf, r.id);
    putInt(buf, toUnixSeconds(r.at));
    putInt(buf, r.actorId);
    putText(buf, r.actorUsername);
    putText(buf, r.actorRole);
    putText(buf, r.action);
    putText(buf, r.objectType);
    putText(buf, r.objectId);
    putInt(buf, r.patientId);
    putText(buf, r.clientAddress);
    putText(buf, r.outcome);
    putText(buf, r.detail);
    return tls::sha256Hex(buf);
}

store::AuditRecord AuditLog::append(store::Connection& tx, const AuditEvent& e) {
    if (e.action.empty()) throw Error(ErrorCode::Internal, "audit event without an action");
    if (e.patientsShown.size() > maxPatientsShown)
        throw Error(ErrorCode::Internal, "an audit event may show at most " + std::to_string(maxPatientsShown) +
                                             " patients");
    store::AuditRepository repo(tx);
    const store::AuditChainTail tail = repo.tail();

    store::AuditRecord r;
    // Never reuse an id: if the newest events were deleted, the gap this leaves
    // keeps the deletion visible to the verifier.
    r.id = std::max(tail.lastId, tail.highestIdUsed) + 1;
    r.at = fromUnixSeconds(toUnixSeconds(clock_.now()));
    r.actorId = e.actorId;
    r.actorUsername = e.actorUsername;
    r.actorRole = e.actorRole;
    r.action = e.action;
    r.objectType = e.objectType;
    r.objectId = e.objectId;
    r.patientId = e.patientId;
    r.clientAddress = e.clientAddress;
    r.outcome = std::string(outcomeName(e.outcome));
    r.detail = truncateUtf8(e.detail, maxDetailBytes);
    r.prevHash = tail.lastId == 0 ? genesisHash() : tail.lastHash;
    r.hash = eventHash(r);
    repo.insert(r);
    repo.insertPatientsShown(r.id, e.patientsShown);
    return r;
}

}  // namespace hub::audit
