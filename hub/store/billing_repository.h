#pragma once
// Billing's tables: settings, the fee schedule, invoices with their lines,
// payments and refunds with their allocations, cash drawers and payouts, and
// imported merchant statements. Takes the connection of a Database::write or
// read lambda, so the billing service combines these with the audit event of
// one change in one transaction. Amounts are integer minor units.
#include "hub/core/clock.h"
#include "hub/store/connection.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hub::store {

struct BillingSettingsRow {
    std::string currency = "BDT";
    int fiscalYearStartMonth = 7;
    std::string upiVpa;
    std::string bkashQrImage;  // base64
    std::string nagadQrImage;
    int receptionDiscountCapPercent = 10;
    bool receptionTakesPayments = true;
};

struct FeeItem {
    long long id = 0;
    std::string kind = "service";  // "consultation" (one per doctor) or "service"
    std::optional<long long> doctorId;
    std::string nameEn;
    std::string nameBn;
    long long priceMinor = 0;
    std::optional<long long> followUpPriceMinor;
    int followUpDays = 0;
    bool active = true;
};

struct InvoiceLine {
    long long id = 0;
    std::string kind = "charge";  // "charge" or "discount" (negative amount, with a reason)
    std::optional<long long> feeItemId;
    std::string descriptionEn;
    std::string descriptionBn;
    int quantity = 1;
    long long unitPriceMinor = 0;
    long long amountMinor = 0;
    std::string reason;
    std::optional<long long> addedBy;
    TimePoint addedAt{};
};

struct Allocation {
    long long paymentId = 0;
    long long invoiceId = 0;
    std::string invoiceNumber;
    long long amountMinor = 0;
};

struct PaymentRow {
    long long id = 0;
    std::string kind = "payment";  // or "refund"
    std::string method;
    std::string reference;
    long long amountMinor = 0;
    std::optional<long long> refundOf;
    std::string reason;
    long long patientId = 0;
    long long receivedBy = 0;
    std::string receivedByName;
    TimePoint receivedAt{};
    std::string clinicDay;
    std::string drawerDay;
    std::string reconciliation = "unchecked";
    std::string reconciliationNote;
    std::vector<Allocation> allocations;
};

struct InvoiceRow {
    long long id = 0;
    std::string number;
    int fiscalYear = 0;
    long long sequence = 0;
    long long patientId = 0;
    std::string patientName;
    std::string patientMrn;
    std::optional<long long> doctorId;
    std::string doctorName;
    std::string doctorNameBn;
    std::optional<long long> tokenId;
    std::string clinicDay;
    bool voided = false;
    std::string voidReason;
    std::optional<long long> createdBy;
    TimePoint createdAt{};
    std::vector<InvoiceLine> lines;
    std::vector<PaymentRow> payments;  // payments and refunds touching it; allocations name this invoice's share
    long long chargesMinor = 0;        // sum of charge lines
    long long discountMinor = 0;       // sum of discounts, as a positive number
    long long paidMinor = 0;           // allocated payments less allocated refunds

    long long totalMinor() const { return chargesMinor - discountMinor; }
    // What the patient still owes on it; nothing on a voided invoice.
    long long balanceMinor() const { return voided ? 0 : totalMinor() - paidMinor; }
};

struct NewInvoice {
    int fiscalYear = 0;
    long long sequence = 0;
    std::string number;
    long long patientId = 0;
    std::optional<long long> doctorId;
    std::optional<long long> tokenId;
    std::string clinicDay;
    long long createdBy = 0;
    TimePoint createdAt{};
};

struct InvoiceFilter {
    std::optional<long long> patientId;
    std::optional<long long> tokenId;
    std::optional<std::string> clinicDay;
    bool unpaidOnly = false;
    int limit = 100;
};

struct DrawerRow {
    long long cashierId = 0;
    std::string drawerDay;
    long long openingFloatMinor = 0;
    std::optional<long long> countedMinor;
    std::optional<long long> expectedMinor;
    bool closed = false;
    std::optional<TimePoint> closedAt;
    std::optional<long long> closedBy;
    std::string reopenReason;
    std::optional<long long> reopenedBy;
};

struct PayoutRow {
    long long id = 0;
    long long amountMinor = 0;
    std::string reason;
    TimePoint recordedAt{};
};

struct MethodTotal {
    std::string method;
    long long paymentsMinor = 0;
    long long refundsMinor = 0;
    int count = 0;
};

struct DoctorTotal {
    std::optional<long long> doctorId;
    std::string doctorName;
    long long netMinor = 0;  // allocated payments less refunds
};

struct DayTotal {
    std::string clinicDay;
    long long netMinor = 0;
};

struct StatementLineRow {
    long long id = 0;
    long long importId = 0;
    int lineNumber = 0;
    std::string provider;
    std::string reference;
    long long amountMinor = 0;
    std::string occurred;
    std::optional<long long> paymentId;
    std::string result;
    std::string note;
};

class BillingRepository {
public:
    explicit BillingRepository(Connection& c) : c_(c) {}

    std::optional<BillingSettingsRow> settings();
    void saveSettings(const BillingSettingsRow& s, TimePoint at);

    std::vector<FeeItem> feeItems();
    std::optional<FeeItem> feeItem(long long id);
    std::optional<FeeItem> consultationFee(long long doctorId);
    // Conflict naming "doctor_id" when the doctor already has a consultation fee.
    long long insertFeeItem(const FeeItem& item, TimePoint at);
    void updateFeeItem(const FeeItem& item, TimePoint at);

    // Draws the next invoice number of a fiscal year: one UPSERT in the
    // writer's transaction, so a rolled-back invoice gives its number back.
    // REQUIRES: a write transaction.
    long long nextInvoiceSequence(int fiscalYear);
    long long insertInvoice(const NewInvoice& invoice);
    long long insertLine(long long invoiceId, const InvoiceLine& line);
    void voidInvoice(long long invoiceId, const std::string& reason, long long by, TimePoint at);
    std::optional<InvoiceRow> invoice(long long id);
    std::optional<long long> invoiceForToken(long long tokenId);
    std::vector<InvoiceRow> invoices(const InvoiceFilter& filter);

    // Conflict naming "reference" when a transfer's id is already recorded.
    long long insertPayment(const PaymentRow& payment);
    void allocate(long long paymentId, long long invoiceId, long long amountMinor);
    std::optional<PaymentRow> payment(long long id);
    std::optional<PaymentRow> transferPayment(std::string_view method, std::string_view reference);
    // What refunds of paymentId already gave back on invoiceId.
    long long refundedFrom(long long paymentId, long long invoiceId);
    void setReconciliation(long long paymentId, std::string_view state, std::string_view note);

    // The clinic day of the patient's last completed visit to the doctor before
    // today, for the follow-up fee.
    std::optional<std::string> lastVisitDay(long long patientId, long long doctorId, std::string_view beforeDay);

    // What the patient owes across every invoice that is not void (0 when nothing).
    long long outstandingBalance(long long patientId);

    std::optional<DrawerRow> drawer(long long cashierId, std::string_view day);
    void setOpeningFloat(long long cashierId, std::string_view day, long long floatMinor);
    void closeDrawer(long long cashierId, std::string_view day, long long countedMinor, long long expectedMinor,
                     long long by, TimePoint at);
    void reopenDrawer(long long cashierId, std::string_view day, const std::string& reason, long long by, TimePoint at);
    long long insertPayout(long long cashierId, std::string_view day, long long amountMinor, const std::string& reason,
                           long long by, TimePoint at);
    std::vector<PayoutRow> payouts(long long cashierId, std::string_view day);
    // Totals per method of what a cashier took into (and refunded from) one drawer day.
    std::vector<MethodTotal> drawerTotals(long long cashierId, std::string_view day);

    // Revenue over clinic days [from, to]: per method, per doctor, per day.
    std::vector<MethodTotal> methodTotals(std::string_view from, std::string_view to);
    std::vector<DoctorTotal> doctorTotals(std::string_view from, std::string_view to);
    std::vector<DayTotal> dayTotals(std::string_view from, std::string_view to);

    long long insertStatementImport(std::string_view provider, long long by, TimePoint at, int lineCount);
    long long insertStatementLine(const StatementLineRow& line);
    std::optional<StatementLineRow> statementLine(long long id);
    void resolveStatementLine(long long id, long long paymentId, std::string_view note);
    // Transfers of a method not (or not exactly) found in any statement, over
    // clinic days [from, to] when given.
    std::vector<PaymentRow> unreconciled(std::optional<std::string> method, std::optional<std::string> from,
                                         std::optional<std::string> to);
    // Statement lines no recorded payment explains (not_recorded or mismatch), not resolved by hand.
    std::vector<StatementLineRow> openStatementLines();

private:
    std::vector<InvoiceLine> linesOf(long long invoiceId);
    std::vector<PaymentRow> paymentsOf(long long invoiceId);
    std::vector<Allocation> allocationsOf(long long paymentId);
    void fillTotals(InvoiceRow& row);

    Connection& c_;
};

}  // namespace hub::store
