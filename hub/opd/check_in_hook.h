#pragma once
// What else happens when a patient is checked in, inside the same write
// transaction as the token: billing opens the consultation invoice and reports
// what the patient owes, so the desk sees the balance as it hands out the token.
// The queue knows nothing of money; it passes on what the hook returns.
#include "hub/auth/actor.h"
#include "hub/core/clock.h"
#include "hub/domain/clinic_day.h"
#include "hub/domain/queue.h"
#include "hub/store/connection.h"

#include <optional>
#include <string>

namespace hub::opd {

struct CheckInBilling {
    std::optional<long long> invoiceId;  // none when the doctor has no consultation fee
    std::string invoiceNumber;
    long long invoiceTotalMinor = 0;
    long long balanceMinor = 0;          // everything the patient owes now, this invoice included
    std::string currency;                // "BDT" or "INR"
};

class CheckInHook {
public:
    virtual ~CheckInHook() = default;
    // Called after the token is stored. Throwing rolls the whole check-in back.
    virtual CheckInBilling tokenIssued(store::Connection& tx, const auth::ActorContext& actor,
                                       const domain::Token& token, const domain::ClinicDay& day, TimePoint now) = 0;
};

}  // namespace hub::opd
