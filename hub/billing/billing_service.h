#pragma once
// Billing and payments (issue 21): settings, the fee schedule, invoices and
// their lines and discounts, payments and refunds, the payment QR, merchant
// statement reconciliation, the cashier's drawer and the revenue report.
//
// Every operation checks the caller's permission, runs in one write
// transaction and appends its audit event there (money changes, and reads of
// patients' invoices); refused and failed attempts are audited in a
// transaction of their own. Amounts are integer minor units throughout.
#include "hub/audit/audit_log.h"
#include "hub/auth/actor.h"
#include "hub/billing/statement_csv.h"
#include "hub/core/clock.h"
#include "hub/domain/billing.h"
#include "hub/domain/clinic.h"
#include "hub/domain/language.h"
#include "hub/domain/permissions.h"
#include "hub/opd/check_in_hook.h"
#include "hub/store/billing_repository.h"
#include "hub/store/database.h"

#include <optional>
#include <string>
#include <vector>

namespace hub::billing {

struct BillingSettings {
    domain::Currency currency = domain::Currency::BDT;
    int fiscalYearStartMonth = 7;
    std::string upiVpa;
    std::string bkashQrImage;  // base64
    std::string nagadQrImage;
    int receptionDiscountCapPercent = 10;
    bool receptionTakesPayments = true;
};

struct SettingsChange {
    std::optional<std::string> currency;
    std::optional<int> fiscalYearStartMonth;
    std::optional<std::string> upiVpa;
    std::optional<std::string> bkashQrImage;
    std::optional<std::string> nagadQrImage;
    std::optional<int> receptionDiscountCapPercent;
    std::optional<bool> receptionTakesPayments;
};

struct FeeItemChange {
    std::optional<std::string> kind;  // create only: "consultation" or "service"
    std::optional<long long> doctorId;  // create only; consultation fees
    std::optional<std::string> nameEn;
    std::optional<std::string> nameBn;
    std::optional<long long> priceMinor;
    std::optional<long long> followUpPriceMinor;
    std::optional<int> followUpDays;
    std::optional<bool> active;
};

// One line to add: a fee item, a free-text charge, or a discount with a reason.
struct LineInput {
    std::optional<long long> feeItemId;
    std::optional<std::string> descriptionEn;
    std::optional<std::string> descriptionBn;
    std::optional<long long> unitPriceMinor;  // a free-text charge's price, or to override nothing: fee items keep theirs
    int quantity = 1;
    std::optional<long long> discountMinor;   // a discount of this amount ...
    std::optional<int> discountPercent;       // ... or this share of the charges (rounded down to a poisha)
    std::string reason;                       // required for a discount
};

struct NewInvoiceInput {
    long long patientId = 0;
    std::optional<long long> doctorId;
    std::vector<LineInput> lines;
};

struct InvoiceQuery {
    std::optional<long long> patientId;
    std::optional<long long> tokenId;
    std::optional<std::string> clinicDay;
    bool unpaidOnly = false;
};

struct InvoiceList {
    std::vector<store::InvoiceRow> invoices;
    std::optional<long long> patientBalanceMinor;  // when listed for one patient
};

struct PaymentInput {
    std::string method;
    std::string reference;
    long long amountMinor = 0;
    std::vector<std::pair<long long, long long>> allocations;  // invoice id, amount; must add up to amountMinor
};

struct RefundInput {
    long long amountMinor = 0;
    std::string reason;
    std::optional<long long> invoiceId;  // required when the payment paid several invoices
};

struct PaymentResult {
    store::PaymentRow payment;
    std::vector<store::InvoiceRow> invoices;  // as they stand after it
};

struct PaymentQr {
    std::string method;
    long long amountMinor = 0;
    std::string invoiceNumber;
    std::string payload;  // the upi://pay URI (UPI only)
    std::string svg;      // the QR drawn by the hub (UPI only)
    std::string image;    // the clinic's merchant QR, base64 (bKash, Nagad)
};

struct StatementImport {
    std::string provider;  // "bkash", "nagad", "upi"
    std::string csv;
    ColumnMapping columns;
};

struct ImportResult {
    long long importId = 0;
    int lines = 0;
    std::vector<store::StatementLineRow> matched;
    std::vector<store::StatementLineRow> mismatched;
    std::vector<store::StatementLineRow> notRecorded;         // in the statement, not in the hub
    std::vector<store::PaymentRow> recordedNotInStatement;    // in the hub, not in the statement
};

struct Unmatched {
    std::vector<store::PaymentRow> payments;
    std::vector<store::StatementLineRow> statementLines;
};

struct CashClose {
    long long cashierId = 0;
    std::string cashierName;
    std::string day;
    long long openingFloatMinor = 0;
    long long cashInMinor = 0;
    long long cashRefundsMinor = 0;
    long long payoutsMinor = 0;
    long long expectedMinor = 0;  // float + cash in - cash refunds - payouts
    std::optional<long long> countedMinor;
    std::optional<long long> differenceMinor;  // counted - expected: negative is a shortfall
    bool closed = false;
    std::optional<TimePoint> closedAt;
    std::string reopenReason;
    std::vector<store::PayoutRow> payouts;
    std::vector<store::MethodTotal> methods;
    int utcOffsetMinutes = 0;
};

struct CashAction {
    std::string action;  // "float", "payout", "close", "reopen"
    std::optional<std::string> day;  // default today
    std::optional<long long> cashierId;  // default the caller
    std::optional<long long> amountMinor;  // float, payout amount, or counted cash
    std::string reason;  // payout and reopen
};

struct RevenueReport {
    std::string from, to;
    long long totalMinor = 0;
    std::vector<store::DayTotal> days;  // every day of the range, 0 where nothing came in
    std::vector<store::DoctorTotal> doctors;
    std::vector<store::MethodTotal> methods;
};

class BillingService final : public opd::CheckInHook {
public:
    BillingService(store::Database& db, const Clock& clock, audit::AuditLog& audit) : db_(db), clock_(clock), audit_(audit) {}

    BillingSettings settings(const auth::ActorContext& actor);
    BillingSettings updateSettings(const auth::ActorContext& actor, const SettingsChange& change);

    std::vector<store::FeeItem> feeItems(const auth::ActorContext& actor);
    store::FeeItem createFeeItem(const auth::ActorContext& actor, const FeeItemChange& in);
    store::FeeItem updateFeeItem(const auth::ActorContext& actor, long long id, const FeeItemChange& in);

    store::InvoiceRow createInvoice(const auth::ActorContext& actor, const NewInvoiceInput& in);
    store::InvoiceRow invoice(const auth::ActorContext& actor, long long id);
    InvoiceList invoices(const auth::ActorContext& actor, const InvoiceQuery& query);
    store::InvoiceRow addLine(const auth::ActorContext& actor, long long invoiceId, const LineInput& line);
    store::InvoiceRow voidInvoice(const auth::ActorContext& actor, long long invoiceId, const std::string& reason);

    PaymentResult addPayment(const auth::ActorContext& actor, const PaymentInput& in);
    PaymentResult refund(const auth::ActorContext& actor, long long paymentId, const RefundInput& in);
    PaymentQr paymentQr(const auth::ActorContext& actor, long long invoiceId, const std::string& method,
                        std::optional<long long> amountMinor);

    ImportResult importStatement(const auth::ActorContext& actor, const StatementImport& in);
    Unmatched unmatched(const auth::ActorContext& actor);
    store::PaymentRow matchPayment(const auth::ActorContext& actor, long long paymentId, const std::string& note,
                                   std::optional<long long> statementLineId);

    CashClose cashClose(const auth::ActorContext& actor, std::optional<std::string> day,
                        std::optional<long long> cashierId);
    CashClose cashAction(const auth::ActorContext& actor, const CashAction& action);

    RevenueReport revenue(const auth::ActorContext& actor, std::optional<std::string> from,
                          std::optional<std::string> to);

    // For receipts: the invoice and settings, after the permission check and
    // the audit event of the print. The caller names the operation.
    struct ReceiptData {
        store::InvoiceRow invoice;
        BillingSettings settings;
        std::string cashierName;  // who prints it
        domain::ClinicProfile clinic;
        std::string upiPayload;   // the upi://pay link for the balance, when the clinic takes UPI
        domain::Language language = domain::Language::English;  // the patient's page language: Bangla puts Bangla first
    };
    ReceiptData receiptData(const auth::ActorContext& actor, long long invoiceId);

    // opd::CheckInHook: the consultation invoice at check-in (the follow-up
    // fee when the patient saw the doctor within the doctor's window) and the balance.
    opd::CheckInBilling tokenIssued(store::Connection& tx, const auth::ActorContext& actor, const domain::Token& token,
                                    const domain::ClinicDay& day, TimePoint now) override;

private:
    store::Database& db_;
    const Clock& clock_;
    audit::AuditLog& audit_;
};

// No permission check and no audit: what a patient owes across their open
// invoices, for other services' rules (e.g. "no unpaid bills" before a
// patient-rights request) inside their own transaction.
long long outstandingBalance(store::Connection& tx, long long patientId);

// The UPI deep link (NPCI's linking specification: pa payee address, pn
// payee name, am amount in rupees, cu currency, tn note, tr reference).
std::string upiPayload(std::string_view vpa, std::string_view payeeName, long long amountMinor,
                       std::string_view invoiceNumber);

}  // namespace hub::billing
