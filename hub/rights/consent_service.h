#pragma once
// The consent ledger: per patient and purpose, every consent given or
// withdrawn, when, by whom, how and with which version of the text. The
// newest entry per purpose is the patient's current choice, and the record's
// consent_sms / consent_whatsapp show it. A withdrawal takes effect at once:
// anything that sends (reminders) must ask currentConsent() at send time, not
// at queueing time. Every call is audited with the patient's id.
#include "hub/audit/audit_log.h"
#include "hub/auth/actor.h"
#include "hub/core/clock.h"
#include "hub/domain/patient_rights.h"
#include "hub/store/database.h"
#include "hub/store/rights_repository.h"

#include <optional>
#include <string>
#include <vector>

namespace hub::rights {

struct ConsentChange {
    std::string purpose;      // domain::consentPurposeName; InvalidInput "purpose"
    std::string method;       // verbal, signed_form, patient_choice; InvalidInput "method"
    std::string textVersion;  // the consent text shown, e.g. "sms-v1"; "" for none (withdrawals)
};

struct ConsentOverview {
    std::vector<store::ConsentEntry> current;  // newest per purpose
    std::vector<store::ConsentEntry> history;  // oldest first
};

class ConsentService {
public:
    ConsentService(store::Database& db, const Clock& clock, audit::AuditLog& audit)
        : db_(db), clock_(clock), audit_(audit) {}

    ConsentOverview listConsents(const auth::ActorContext& actor, long long patientId);
    store::ConsentEntry recordConsent(const auth::ActorContext& actor, long long patientId, const ConsentChange& c);
    store::ConsentEntry withdrawConsent(const auth::ActorContext& actor, long long patientId, const ConsentChange& c);

private:
    store::ConsentEntry append(const auth::ActorContext& actor, long long patientId, const ConsentChange& c,
                               bool given);

    store::Database& db_;
    const Clock& clock_;
    audit::AuditLog& audit_;
};

// Whether the patient's newest entry for purpose gives consent (none: no).
// For senders: call in the transaction that sends.
bool currentConsent(store::Connection& c, long long patientId, domain::ConsentPurpose purpose);

}  // namespace hub::rights
