#include "hub/domain/patient_rights.h"

#include "support/catch.h"

using namespace hub::domain;

TEST_CASE("a deletion request is decided only after its eligibility check and executed only once approved",
          "[patient_rights]") {
    using S = DataRequestState;
    CHECK(dataRequestMayMove(S::Requested, S::EligibilityChecked));
    CHECK(dataRequestMayMove(S::EligibilityChecked, S::Approved));
    CHECK(dataRequestMayMove(S::EligibilityChecked, S::Rejected));
    CHECK(dataRequestMayMove(S::Approved, S::Executed));
    CHECK_FALSE(dataRequestMayMove(S::Requested, S::Approved));
    CHECK_FALSE(dataRequestMayMove(S::Requested, S::Executed));
    CHECK_FALSE(dataRequestMayMove(S::EligibilityChecked, S::Executed));
    CHECK_FALSE(dataRequestMayMove(S::Rejected, S::Approved));
    CHECK_FALSE(dataRequestMayMove(S::Executed, S::Executed));
    CHECK_FALSE(dataRequestMayMove(S::Approved, S::Rejected));
    for (S s : {S::Requested, S::EligibilityChecked, S::Approved, S::Rejected, S::Executed})
        CHECK(parseDataRequestState(dataRequestStateName(s)) == s);
}

TEST_CASE("consent purposes and methods have one spelling each, and staff cannot claim a migrated consent",
          "[patient_rights]") {
    for (ConsentPurpose p : consentPurposes) CHECK(parseConsentPurpose(consentPurposeName(p)) == p);
    CHECK_FALSE(parseConsentPurpose("marketing"));
    CHECK(parseConsentMethod("signed_form") == ConsentMethod::SignedForm);
    CHECK(consentMethodName(ConsentMethod::Migrated) == "migrated");
    CHECK_FALSE(parseConsentMethod("migrated"));
    CHECK_FALSE(parseConsentMethod(""));
}

TEST_CASE("the retention policy's years include the leap days", "[patient_rights][retention]") {
    using namespace std::chrono;
    // Four years in a row hold a leap day (bar most century years): 1461 days, not 1460.
    CHECK(duration_cast<hours>(4 * retentionYear) == hours(24 * 1461));
    CHECK(retentionYear > duration_cast<seconds>(days(365)));
}
