#pragma once
// What each role may do: one table, read in one screen. The API routing table
// names an Operation per route; the router consults roleMayPerform() before any
// handler runs, and tests walk every operation x every role.
#include "hub/domain/staff.h"

#include <span>
#include <string_view>

namespace hub::domain {

// Every staff-facing use case. Public operations (login, health, CA download,
// API document) are not listed: they need no session and no role.
enum class Operation {
    // Any signed-in staff member, about themselves.
    Whoami,
    Logout,
    LogoutAll,
    ChangeOwnPassword,
    UpdateMyPreferences,
    // Staff administration.
    ListStaff,
    CreateStaff,
    UpdateStaff,
    UnlockAccount,
    // Oversight.
    ListAuditEvents,
    // Clinic profile and doctors.
    GetClinic,
    UpdateClinic,
    ListDoctors,
    // Today's counts per doctor and patients per day: the owner's overview.
    GetDashboard,
    // Patients: registration and search are the front desk's; history is clinical.
    CreatePatient,
    GetPatient,
    UpdatePatient,
    SearchPatients,
    GetPatientHistory,
    GetPatientClinicalHistory,
    // Token queues.
    CheckIn,
    GetQueue,
    CallNext,
    RecallToken,
    SkipToken,
    RestoreToken,
    StartConsultation,
    CompleteToken,
    TransferToken,
    CancelToken,
    SetTokenPriority,
    RecordVitals,
    // Visits and prescriptions: doctors only.
    CreateVisit,
    GetVisit,
    UpdateVisit,
    FinalizeVisit,
    AmendVisit,
    GetPrescriptionPrint,
    GetLastPrescription,
    ListDrugs,
    // The formulary and the templates, kept by admins (issue 17's admin screen).
    CreateDrug,
    UpdateDrug,
    DeleteDrug,
    SearchDiagnosisCodes,
    ListPrescriptionTemplates,
    CreatePrescriptionTemplate,
    ListClinicPrescriptionTemplates,
    DeletePrescriptionTemplate,
    // Live queue events for staff screens (ids and labels, no names).
    QueueEvents,
    // Waiting-room displays: configured by admins.
    ListDisplays,
    CreateDisplay,
    UpdateDisplay,
    DeleteDisplay,
    RotateDisplayKey,
    GetDisplayQr,
    // Token slips: whoever checks patients in hands them their slip.
    GetTokenSlip,
    PrintTokenSlip,
    // Cloud sync: where the clinic's records go and when, for admins only.
    GetSyncSettings,
    UpdateSyncSettings,
    GetSyncStatus,
    SyncNow,
    // Background jobs (the job runner): their schedules and last runs, for admins.
    ListJobs,
    // Patients' rights (issue 20): export, access report, consent, deletion
    // requests, retention.
    ExportPatient,
    GetPatientSummaryPrint,
    ExportClinic,
    GetPatientAccessLog,
    ListConsents,
    RecordConsent,
    WithdrawConsent,
    CreateDataRequest,
    ListDataRequests,
    GetDataRequest,
    ReviewDataRequest,
    ExecuteDataRequest,
    GetRetentionPolicy,
    UpdateRetentionPolicy,
    // Billing and payments (issue 21).
    GetBillingSettings,
    UpdateBillingSettings,
    ListFeeItems,
    CreateFeeItem,
    UpdateFeeItem,
    CreateInvoice,
    GetInvoice,
    ListInvoices,
    AddInvoiceLine,
    AddPayment,
    RefundPayment,
    VoidInvoice,
    GetReceiptPrint,
    GetPaymentQr,
    PrintReceipt,
    ImportPaymentStatement,
    ListUnmatchedPayments,
    MatchPayment,
    GetCashClose,
    CloseCashDrawer,
    GetRevenueReport,
};

std::span<const Operation> allOperations();
std::string_view operationName(Operation op);  // e.g. "listStaff", the OpenAPI operationId

bool roleMayPerform(Role role, Operation op);

// Parts of a patient's record guarded beyond the operation that reads or
// changes the record: a role may call getPatient and still not see the
// clinical fields.
enum class PatientPart {
    Demographics,  // name, phones, sex, birth date, address, guardian, blood group, consents, language
    Clinical,      // allergies and chronic-condition tags
};
std::string_view patientPartName(PatientPart part);  // "demographics", "clinical"

bool roleMayRead(Role role, PatientPart part);
bool roleMayWrite(Role role, PatientPart part);

}  // namespace hub::domain
