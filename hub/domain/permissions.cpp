#include "hub/domain/permissions.h"

#include <array>

namespace hub::domain {
namespace {

struct Grant {
    Operation op;
    std::string_view name;
    // admin, doctor, receptionist, nurse, cashier
    std::array<bool, 5> allowed;
};

constexpr bool Y = true, N = false;

// clang-format off
constexpr Grant grants[] = {
    //  operation                    operationId          adm doc rec nur cas
    {Operation::Whoami,            "whoami",            {Y,  Y,  Y,  Y,  Y}},
    {Operation::Logout,            "logout",            {Y,  Y,  Y,  Y,  Y}},
    {Operation::LogoutAll,         "logoutAll",         {Y,  Y,  Y,  Y,  Y}},
    {Operation::ChangeOwnPassword, "changeOwnPassword", {Y,  Y,  Y,  Y,  Y}},
    // The language of one's own screens, kept on the hub so it follows them to any device.
    {Operation::UpdateMyPreferences, "updateMyPreferences", {Y, Y, Y, Y, Y}},
    {Operation::ListStaff,         "listStaff",         {Y,  N,  N,  N,  N}},
    {Operation::CreateStaff,       "createStaff",       {Y,  N,  N,  N,  N}},
    {Operation::UpdateStaff,       "updateStaff",       {Y,  N,  N,  N,  N}},
    // Lifts a sign-in lock-out so its owner is not locked out by someone else's guessing.
    {Operation::UnlockAccount,     "unlockAccount",     {Y,  N,  N,  N,  N}},
    {Operation::ListAuditEvents,   "listAuditEvents",   {Y,  N,  N,  N,  N}},
    // Everyone needs the clinic's name, timezone and doctors; only admins change them.
    {Operation::GetClinic,         "getClinic",         {Y,  Y,  Y,  Y,  Y}},
    {Operation::UpdateClinic,      "updateClinic",      {Y,  N,  N,  N,  N}},
    {Operation::ListDoctors,       "listDoctors",       {Y,  Y,  Y,  Y,  Y}},
    // Counts only (no patient is named): the owner's overview of the day and the month.
    {Operation::GetDashboard,      "getDashboard",      {Y,  N,  N,  N,  N}},
    // Demographics: the front desk and clinicians. A cashier finds a patient by
    // search (name, record number, phone) and sees nothing more. Which fields
    // of the record a role sees and changes is the part table below: a nurse
    // updates a patient's allergies and conditions only.
    {Operation::CreatePatient,     "createPatient",     {Y,  Y,  Y,  N,  N}},
    {Operation::GetPatient,        "getPatient",        {Y,  Y,  Y,  Y,  N}},
    {Operation::UpdatePatient,     "updatePatient",     {Y,  Y,  Y,  Y,  N}},
    {Operation::SearchPatients,    "searchPatients",    {Y,  Y,  Y,  Y,  Y}},
    // Diagnoses, notes and prescriptions are for the treating doctors only.
    {Operation::GetPatientHistory, "getPatientHistory", {N,  Y,  N,  N,  N}},
    // Who changed a patient's allergies and conditions, and from what.
    {Operation::GetPatientClinicalHistory, "getPatientClinicalHistory", {N, Y, N, N, N}},
    // The queue is run by the front desk and the doctor together.
    {Operation::CheckIn,           "checkIn",           {Y,  Y,  Y,  Y,  N}},
    {Operation::GetQueue,          "getQueue",          {Y,  Y,  Y,  Y,  Y}},
    {Operation::CallNext,          "callNext",          {Y,  Y,  Y,  Y,  N}},
    {Operation::RecallToken,       "recallToken",       {Y,  Y,  Y,  Y,  N}},
    {Operation::SkipToken,         "skipToken",         {Y,  Y,  Y,  Y,  N}},
    {Operation::RestoreToken,      "restoreToken",      {Y,  Y,  Y,  Y,  N}},
    {Operation::StartConsultation, "startConsultation", {N,  Y,  N,  N,  N}},
    {Operation::CompleteToken,     "completeToken",     {N,  Y,  N,  N,  N}},
    {Operation::TransferToken,     "transferToken",     {Y,  Y,  Y,  N,  N}},
    {Operation::CancelToken,       "cancelToken",       {Y,  Y,  Y,  N,  N}},
    // The desk moves a patient ahead (an emergency) or back to normal, as it checks in.
    {Operation::SetTokenPriority,  "setTokenPriority",  {Y,  Y,  Y,  N,  N}},
    {Operation::RecordVitals,      "recordVitals",      {N,  Y,  N,  Y,  N}},
    {Operation::CreateVisit,       "createVisit",       {N,  Y,  N,  N,  N}},
    {Operation::GetVisit,          "getVisit",          {N,  Y,  N,  N,  N}},
    {Operation::UpdateVisit,       "updateVisit",       {N,  Y,  N,  N,  N}},
    {Operation::FinalizeVisit,     "finalizeVisit",     {N,  Y,  N,  N,  N}},
    {Operation::AmendVisit,        "amendVisit",        {N,  Y,  N,  N,  N}},
    {Operation::GetPrescriptionPrint, "getPrescriptionPrint", {N, Y, N, N, N}},
    {Operation::GetLastPrescription, "getLastPrescription", {N, Y, N, N, N}},
    {Operation::ListDrugs,         "listDrugs",         {Y,  Y,  N,  N,  N}},
    // The clinic's formulary is kept by its admin; doctors pick from it.
    {Operation::CreateDrug,        "createDrug",        {Y,  N,  N,  N,  N}},
    {Operation::UpdateDrug,        "updateDrug",        {Y,  N,  N,  N,  N}},
    {Operation::DeleteDrug,        "deleteDrug",        {Y,  N,  N,  N,  N}},
    // ICD-10 look-up for the visit form's diagnoses.
    {Operation::SearchDiagnosisCodes, "searchDiagnosisCodes", {N, Y, N, N, N}},
    {Operation::ListPrescriptionTemplates, "listPrescriptionTemplates", {N, Y, N, N, N}},
    {Operation::CreatePrescriptionTemplate, "createPrescriptionTemplate", {N, Y, N, N, N}},
    // Every doctor's templates, for the admin who tidies them (drug lists, no patient).
    {Operation::ListClinicPrescriptionTemplates, "listClinicPrescriptionTemplates", {Y, N, N, N, N}},
    // A doctor removes their own; an admin any doctor's.
    {Operation::DeletePrescriptionTemplate, "deletePrescriptionTemplate", {Y, Y, N, N, N}},
    // Whoever may read the queue may follow it live.
    {Operation::QueueEvents,       "queueEvents",       {Y,  Y,  Y,  Y,  Y}},
    {Operation::ListDisplays,      "listDisplays",      {Y,  N,  N,  N,  N}},
    {Operation::CreateDisplay,     "createDisplay",     {Y,  N,  N,  N,  N}},
    {Operation::UpdateDisplay,     "updateDisplay",     {Y,  N,  N,  N,  N}},
    {Operation::DeleteDisplay,     "deleteDisplay",     {Y,  N,  N,  N,  N}},
    {Operation::RotateDisplayKey,  "rotateDisplayKey",  {Y,  N,  N,  N,  N}},
    // The TV's address as a QR code: it holds the display's key.
    {Operation::GetDisplayQr,      "getDisplayQr",      {Y,  N,  N,  N,  N}},
    {Operation::GetTokenSlip,      "getTokenSlip",      {Y,  Y,  Y,  Y,  N}},
    {Operation::PrintTokenSlip,    "printTokenSlip",    {Y,  Y,  Y,  Y,  N}},
    // The sync's target holds credentials and decides where the records go.
    {Operation::GetSyncSettings,   "getSyncSettings",   {Y,  N,  N,  N,  N}},
    {Operation::UpdateSyncSettings, "updateSyncSettings", {Y, N,  N,  N,  N}},
    {Operation::GetSyncStatus,     "getSyncStatus",     {Y,  N,  N,  N,  N}},
    {Operation::SyncNow,           "syncNow",           {Y,  N,  N,  N,  N}},
    // Which background jobs ran, when and how: the owner's and the technician's view.
    {Operation::ListJobs,          "listJobs",          {Y,  N,  N,  N,  N}},
    // Patients' rights. A whole record leaves the clinic only through a doctor
    // or an admin; the whole clinic only through an admin.
    {Operation::ExportPatient,     "exportPatient",     {Y,  Y,  N,  N,  N}},
    {Operation::GetPatientSummaryPrint, "getPatientSummaryPrint", {Y, Y, N, N, N}},
    {Operation::ExportClinic,      "exportClinic",      {Y,  N,  N,  N,  N}},
    {Operation::GetPatientAccessLog, "getPatientAccessLog", {Y, Y, N, N, N}},
    // The front desk records and withdraws consent as the patient says.
    {Operation::ListConsents,      "listConsents",      {Y,  Y,  Y,  Y,  N}},
    {Operation::RecordConsent,     "recordConsent",     {Y,  Y,  Y,  N,  N}},
    {Operation::WithdrawConsent,   "withdrawConsent",   {Y,  Y,  Y,  N,  N}},
    // Anyone at the desk takes a deletion request; only an admin decides and executes.
    {Operation::CreateDataRequest, "createDataRequest", {Y,  Y,  Y,  N,  N}},
    {Operation::ListDataRequests,  "listDataRequests",  {Y,  Y,  Y,  N,  N}},
    {Operation::GetDataRequest,    "getDataRequest",    {Y,  Y,  Y,  N,  N}},
    {Operation::ReviewDataRequest, "reviewDataRequest", {Y,  N,  N,  N,  N}},
    {Operation::ExecuteDataRequest, "executeDataRequest", {Y, N,  N,  N,  N}},
    {Operation::GetRetentionPolicy, "getRetentionPolicy", {Y, N,  N,  N,  N}},
    {Operation::UpdateRetentionPolicy, "updateRetentionPolicy", {Y, N, N, N, N}},
    // Billing. The cash counter and the front desk bill and take money (the
    // front desk only where the clinic allows it: a setting the service checks);
    // doctors add the services they ordered and see whether a visit is paid,
    // not the clinic's revenue; refunds, voids, fees, statements and the
    // revenue report are the admin's.
    {Operation::GetBillingSettings, "getBillingSettings", {Y, N,  Y,  N,  Y}},
    {Operation::UpdateBillingSettings, "updateBillingSettings", {Y, N, N, N, N}},
    {Operation::ListFeeItems,      "listFeeItems",      {Y,  Y,  Y,  N,  Y}},
    {Operation::CreateFeeItem,     "createFeeItem",     {Y,  N,  N,  N,  N}},
    {Operation::UpdateFeeItem,     "updateFeeItem",     {Y,  N,  N,  N,  N}},
    {Operation::CreateInvoice,     "createInvoice",     {Y,  N,  Y,  N,  Y}},
    {Operation::GetInvoice,        "getInvoice",        {Y,  Y,  Y,  N,  Y}},
    {Operation::ListInvoices,      "listInvoices",      {Y,  Y,  Y,  N,  Y}},
    {Operation::AddInvoiceLine,    "addInvoiceLine",    {Y,  Y,  Y,  N,  Y}},
    {Operation::AddPayment,        "addPayment",        {Y,  N,  Y,  N,  Y}},
    {Operation::RefundPayment,     "refundPayment",     {Y,  N,  N,  N,  N}},
    {Operation::VoidInvoice,       "voidInvoice",       {Y,  N,  N,  N,  N}},
    {Operation::GetReceiptPrint,   "getReceiptPrint",   {Y,  N,  Y,  N,  Y}},
    {Operation::GetPaymentQr,      "getPaymentQr",      {Y,  N,  Y,  N,  Y}},
    // Whoever may print the receipt from the browser may send it to the printer.
    {Operation::PrintReceipt,      "printReceipt",      {Y,  N,  Y,  N,  Y}},
    {Operation::ImportPaymentStatement, "importPaymentStatement", {Y, N, N, N, N}},
    {Operation::ListUnmatchedPayments, "listUnmatchedPayments", {Y, N, N, N, N}},
    {Operation::MatchPayment,      "matchPayment",      {Y,  N,  N,  N,  N}},
    {Operation::GetCashClose,      "getCashClose",      {Y,  N,  Y,  N,  Y}},
    {Operation::CloseCashDrawer,   "closeCashDrawer",   {Y,  N,  Y,  N,  Y}},
    {Operation::GetRevenueReport,  "getRevenueReport",  {Y,  N,  N,  N,  N}},
};
// clang-format on

struct PartGrant {
    PatientPart part;
    std::string_view name;
    // admin, doctor, receptionist, nurse, cashier
    std::array<bool, 5> read, write;
};

// clang-format off
constexpr PartGrant partGrants[] = {
    //  part                       name             read: adm doc rec nur cas   write: adm doc rec nur cas
    {PatientPart::Demographics, "demographics",  {Y,  Y,  Y,  Y,  N},        {Y,  Y,  Y,  N,  N}},
    // Allergies and chronic conditions are clinical: doctors and nurses (who
    // give the injections) read and change them; the front desk, the cash
    // counter and an admin acting as such neither see nor change them.
    {PatientPart::Clinical,     "clinical",      {N,  Y,  N,  Y,  N},        {N,  Y,  N,  Y,  N}},
};
// clang-format on

constexpr bool partsInEnumOrder() {
    for (std::size_t i = 0; i < std::size(partGrants); ++i)
        if (static_cast<std::size_t>(partGrants[i].part) != i) return false;
    return std::size(partGrants) == static_cast<std::size_t>(PatientPart::Clinical) + 1;
}
static_assert(partsInEnumOrder(), "partGrants[] must list every PatientPart once, in declaration order");

constexpr std::size_t roleIndex(Role role) { return static_cast<std::size_t>(role); }

// The table is indexed by Operation: a row out of order would grant the wrong thing.
constexpr bool tableInEnumOrder() {
    for (std::size_t i = 0; i < std::size(grants); ++i)
        if (static_cast<std::size_t>(grants[i].op) != i) return false;
    return true;
}
static_assert(tableInEnumOrder(), "grants[] must list every Operation once, in declaration order");
static_assert(std::size(grants) == static_cast<std::size_t>(Operation::GetRevenueReport) + 1,
              "grants[] must have a row for the last Operation too");

constexpr auto operations = [] {
    std::array<Operation, std::size(grants)> ops{};
    for (std::size_t i = 0; i < ops.size(); ++i) ops[i] = grants[i].op;
    return ops;
}();

const Grant& grantFor(Operation op) { return grants[static_cast<std::size_t>(op)]; }

}  // namespace

std::span<const Operation> allOperations() { return operations; }

std::string_view operationName(Operation op) { return grantFor(op).name; }

bool roleMayPerform(Role role, Operation op) { return grantFor(op).allowed[roleIndex(role)]; }

std::string_view patientPartName(PatientPart part) { return partGrants[static_cast<std::size_t>(part)].name; }

bool roleMayRead(Role role, PatientPart part) {
    return partGrants[static_cast<std::size_t>(part)].read[roleIndex(role)];
}

bool roleMayWrite(Role role, PatientPart part) {
    return partGrants[static_cast<std::size_t>(part)].write[roleIndex(role)];
}

}  // namespace hub::domain
