#include "hub/domain/permissions.h"

#include "support/catch.h"

#include <set>

using namespace hub::domain;

TEST_CASE("every operation has a unique operationId", "[permissions]") {
    std::set<std::string_view> names;
    for (Operation op : allOperations()) names.insert(operationName(op));
    CHECK(names.size() == allOperations().size());
    CHECK(operationName(Operation::ListStaff) == "listStaff");
}

TEST_CASE("any signed-in role may act on its own session", "[permissions]") {
    for (Role role : allRoles) {
        CHECK(roleMayPerform(role, Operation::Whoami));
        CHECK(roleMayPerform(role, Operation::Logout));
        CHECK(roleMayPerform(role, Operation::LogoutAll));
        CHECK(roleMayPerform(role, Operation::ChangeOwnPassword));
    }
}

TEST_CASE("only admins manage staff and read the audit trail", "[permissions]") {
    for (Operation op : {Operation::ListStaff, Operation::CreateStaff, Operation::UpdateStaff,
                         Operation::ListAuditEvents}) {
        CHECK(roleMayPerform(Role::Admin, op));
        for (Role role : {Role::Doctor, Role::Receptionist, Role::Nurse, Role::Cashier})
            CHECK_FALSE(roleMayPerform(role, op));
    }
}

TEST_CASE("only admins see or change where the cloud sync sends the records, or start a run", "[permissions]") {
    for (Operation op : {Operation::GetSyncSettings, Operation::UpdateSyncSettings, Operation::GetSyncStatus,
                         Operation::SyncNow}) {
        CHECK(roleMayPerform(Role::Admin, op));
        for (Role role : {Role::Doctor, Role::Receptionist, Role::Nurse, Role::Cashier})
            CHECK_FALSE(roleMayPerform(role, op));
    }
}

TEST_CASE("clinical records are for doctors: the front desk registers and queues", "[permissions]") {
    // From the issue: receptionists register, search and check in, but cannot
    // read clinical notes, diagnoses or prescriptions; nurses record vitals;
    // doctors read and write visits; cashiers see only what billing needs.
    for (Operation op : {Operation::GetPatientHistory, Operation::CreateVisit, Operation::GetVisit,
                         Operation::UpdateVisit, Operation::FinalizeVisit, Operation::AmendVisit,
                         Operation::GetPrescriptionPrint, Operation::GetLastPrescription}) {
        CHECK(roleMayPerform(Role::Doctor, op));
        for (Role role : {Role::Admin, Role::Receptionist, Role::Nurse, Role::Cashier})
            CHECK_FALSE(roleMayPerform(role, op));
    }
    for (Operation op : {Operation::CreatePatient, Operation::SearchPatients, Operation::CheckIn})
        CHECK(roleMayPerform(Role::Receptionist, op));
    CHECK(roleMayPerform(Role::Nurse, Operation::RecordVitals));
    CHECK_FALSE(roleMayPerform(Role::Receptionist, Operation::RecordVitals));
    CHECK(roleMayPerform(Role::Cashier, Operation::SearchPatients));
    CHECK_FALSE(roleMayPerform(Role::Cashier, Operation::GetPatient));
    CHECK_FALSE(roleMayPerform(Role::Cashier, Operation::CheckIn));
    CHECK(roleMayPerform(Role::Admin, Operation::UpdateClinic));
    CHECK_FALSE(roleMayPerform(Role::Doctor, Operation::UpdateClinic));
}

TEST_CASE("patients' rights: the desk records consent and takes requests, only admins decide and execute",
          "[permissions]") {
    for (Operation op : {Operation::RecordConsent, Operation::WithdrawConsent, Operation::CreateDataRequest})
        for (Role role : {Role::Admin, Role::Doctor, Role::Receptionist}) CHECK(roleMayPerform(role, op));
    for (Operation op : {Operation::ReviewDataRequest, Operation::ExecuteDataRequest, Operation::ExportClinic,
                         Operation::GetRetentionPolicy, Operation::UpdateRetentionPolicy}) {
        CHECK(roleMayPerform(Role::Admin, op));
        for (Role role : {Role::Doctor, Role::Receptionist, Role::Nurse, Role::Cashier})
            CHECK_FALSE(roleMayPerform(role, op));
    }
    for (Operation op : {Operation::ExportPatient, Operation::GetPatientAccessLog, Operation::GetPatientSummaryPrint}) {
        CHECK(roleMayPerform(Role::Admin, op));
        CHECK(roleMayPerform(Role::Doctor, op));
        for (Role role : {Role::Receptionist, Role::Nurse, Role::Cashier}) CHECK_FALSE(roleMayPerform(role, op));
    }
    CHECK_FALSE(roleMayPerform(Role::Cashier, Operation::RecordConsent));
}

TEST_CASE("the staff app's operations: dashboard for admins, codes for doctors, priority for the desk",
          "[permissions]") {
    using hub::domain::Role;
    CHECK(roleMayPerform(Role::Admin, Operation::GetDashboard));
    for (Role role : {Role::Doctor, Role::Receptionist, Role::Nurse, Role::Cashier})
        CHECK_FALSE(roleMayPerform(role, Operation::GetDashboard));
    CHECK(roleMayPerform(Role::Doctor, Operation::SearchDiagnosisCodes));
    for (Role role : {Role::Admin, Role::Receptionist, Role::Nurse, Role::Cashier})
        CHECK_FALSE(roleMayPerform(role, Operation::SearchDiagnosisCodes));
    for (Role role : {Role::Admin, Role::Doctor, Role::Receptionist}) CHECK(roleMayPerform(role, Operation::SetTokenPriority));
    for (Role role : {Role::Nurse, Role::Cashier}) CHECK_FALSE(roleMayPerform(role, Operation::SetTokenPriority));
    CHECK(operationName(Operation::SetTokenPriority) == "setTokenPriority");
    CHECK(operationName(Operation::SearchDiagnosisCodes) == "searchDiagnosisCodes");
}
