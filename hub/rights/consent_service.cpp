#include "hub/rights/consent_service.h"

#include "hub/core/text.h"
#include "hub/opd/clinic_service.h"
#include "hub/service/audited.h"
#include "hub/rights/require_patient.h"
#include "hub/store/patient_repository.h"

namespace hub::rights {

void requirePatient(store::Connection& c, long long patientId) {
    if (!store::PatientRepository(c).exists(patientId))
        throw notFound("no patient with id " + std::to_string(patientId));
}

namespace {

void checkChange(const ConsentChange& c) {
    if (!domain::parseConsentPurpose(c.purpose))
        throw invalidInput("purpose",
                           "purpose must be sms_reminders, whatsapp_reminders, prescription_sharing or research");
    if (!domain::parseConsentMethod(c.method))
        throw invalidInput("method", "method must be verbal, signed_form or patient_choice");
    if (c.textVersion.size() > 40 || !utf8Length(c.textVersion))
        throw invalidInput("text_version", "text_version must be at most 40 bytes of UTF-8");
    for (char ch : c.textVersion)
        if (static_cast<unsigned char>(ch) < 0x20)
            throw invalidInput("text_version", "text_version must not contain control characters");
}

}  // namespace

ConsentOverview ConsentService::listConsents(const auth::ActorContext& actor, long long patientId) {
    const std::string id = std::to_string(patientId);
    const service::Attempt attempt{domain::Operation::ListConsents, "consent.read", "patient", id, patientId};
    return service::audited(db_, audit_, actor, attempt, [&] {
        return db_.write([&](store::Connection& tx) {
            requirePatient(tx, patientId);
            store::ConsentRepository repo(tx);
            ConsentOverview out{repo.current(patientId), repo.history(patientId)};
            service::appendSuccess(audit_, tx, actor, attempt);
            return out;
        });
    });
}

store::ConsentEntry ConsentService::recordConsent(const auth::ActorContext& actor, long long patientId,
                                                  const ConsentChange& c) {
    const service::Attempt attempt{domain::Operation::RecordConsent, "consent.give", "patient",
                                   std::to_string(patientId), patientId};
    return service::audited(db_, audit_, actor, attempt, [&] {
        return append(actor, patientId, c, true);
    });
}

store::ConsentEntry ConsentService::withdrawConsent(const auth::ActorContext& actor, long long patientId,
                                                    const ConsentChange& c) {
    const service::Attempt attempt{domain::Operation::WithdrawConsent, "consent.withdraw", "patient",
                                   std::to_string(patientId), patientId};
    return service::audited(db_, audit_, actor, attempt, [&] {
        return append(actor, patientId, c, false);
    });
}

store::ConsentEntry ConsentService::append(const auth::ActorContext& actor, long long patientId,
                                           const ConsentChange& c, bool given) {
    checkChange(c);
    return db_.writePatientData([&](store::Connection& tx) {
        requirePatient(tx, patientId);
        store::ConsentEntry e;
        e.patientId = patientId;
        e.purpose = c.purpose;
        e.given = given;
        e.recordedAt = clock_.now();
        if (actor.staffId > 0) e.recordedBy = actor.staffId;
        e.recordedByUsername = actor.username;
        e.method = c.method;
        e.textVersion = c.textVersion;
        e.id = store::ConsentRepository(tx).append(e);
        service::appendSuccess(audit_, tx, actor,
                               {std::nullopt, given ? "consent.give" : "consent.withdraw", "patient",
                                std::to_string(patientId), patientId},
                               "purpose=" + c.purpose + "; method=" + c.method + "; entry=" + std::to_string(e.id));
        return e;
    });
}

bool currentConsent(store::Connection& c, long long patientId, domain::ConsentPurpose purpose) {
    const std::string name(domain::consentPurposeName(purpose));
    for (const auto& e : store::ConsentRepository(c).current(patientId))
        if (e.purpose == name) return e.given;
    return false;
}

}  // namespace hub::rights
