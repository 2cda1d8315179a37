#include "hub/store/billing_repository.h"

#include "hub/core/error.h"
#include "hub/store/columns.h"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

namespace hub::store {
namespace {

FeeItem readFee(SQLite::Statement& q) {
    FeeItem f;
    f.id = q.getColumn(0).getInt64();
    f.kind = q.getColumn(1).getString();
    f.doctorId = optionalColumn<long long>(q.getColumn(2));
    f.nameEn = q.getColumn(3).getString();
    f.nameBn = q.getColumn(4).getString();
    f.priceMinor = q.getColumn(5).getInt64();
    f.followUpPriceMinor = optionalColumn<long long>(q.getColumn(6));
    f.followUpDays = q.getColumn(7).getInt();
    f.active = q.getColumn(8).getInt() != 0;
    return f;
}
#define FEE_COLUMNS "id, kind, doctor_id, name_en, name_bn, price_minor, follow_up_price_minor, follow_up_days, active"

#define INVOICE_COLUMNS                                                                                      \
    "i.id, i.number, i.fiscal_year, i.sequence, i.patient_id, p.name, p.mrn, i.doctor_id, "                  \
    "COALESCE(d.name_en, ''), COALESCE(d.name_bn, ''), i.token_id, i.clinic_day, i.voided, i.void_reason, " \
    "i.created_by, i.created_at"
#define INVOICE_TABLES \
    "invoices i JOIN patients p ON p.id = i.patient_id LEFT JOIN doctors d ON d.staff_id = i.doctor_id"

InvoiceRow readInvoice(SQLite::Statement& q) {
    InvoiceRow r;
    r.id = q.getColumn(0).getInt64();
    r.number = q.getColumn(1).getString();
    r.fiscalYear = q.getColumn(2).getInt();
    r.sequence = q.getColumn(3).getInt64();
    r.patientId = q.getColumn(4).getInt64();
    r.patientName = q.getColumn(5).getString();
    r.patientMrn = q.getColumn(6).getString();
    r.doctorId = optionalColumn<long long>(q.getColumn(7));
    r.doctorName = q.getColumn(8).getString();
    r.doctorNameBn = q.getColumn(9).getString();
    r.tokenId = optionalColumn<long long>(q.getColumn(10));
    r.clinicDay = q.getColumn(11).getString();
    r.voided = q.getColumn(12).getInt() != 0;
    r.voidReason = q.getColumn(13).getString();
    r.createdBy = optionalColumn<long long>(q.getColumn(14));
    r.createdAt = fromUnixSeconds(q.getColumn(15).getInt64());
    return r;
}

#define PAYMENT_COLUMNS                                                                                   \
    "y.id, y.kind, y.method, y.reference, y.amount_minor, y.refund_of, y.reason, y.patient_id, "          \
    "y.received_by, COALESCE(s.display_name, ''), y.received_at, y.clinic_day, y.drawer_day, "            \
    "y.reconciliation, y.reconciliation_note"
#define PAYMENT_TABLES "payments y LEFT JOIN staff s ON s.id = y.received_by"

PaymentRow readPayment(SQLite::Statement& q) {
    PaymentRow p;
    p.id = q.getColumn(0).getInt64();
    p.kind = q.getColumn(1).getString();
    p.method = q.getColumn(2).getString();
    p.reference = q.getColumn(3).getString();
    p.amountMinor = q.getColumn(4).getInt64();
    p.refundOf = optionalColumn<long long>(q.getColumn(5));
    p.reason = q.getColumn(6).getString();
    p.patientId = q.getColumn(7).getInt64();
    p.receivedBy = q.getColumn(8).getInt64();
    p.receivedByName = q.getColumn(9).getString();
    p.receivedAt = fromUnixSeconds(q.getColumn(10).getInt64());
    p.clinicDay = q.getColumn(11).getString();
    p.drawerDay = q.getColumn(12).getString();
    p.reconciliation = q.getColumn(13).getString();
    p.reconciliationNote = q.getColumn(14).getString();
    return p;
}

StatementLineRow readStatementLine(SQLite::Statement& q) {
    StatementLineRow l;
    l.id = q.getColumn(0).getInt64();
    l.importId = q.getColumn(1).getInt64();
    l.lineNumber = q.getColumn(2).getInt();
    l.provider = q.getColumn(3).getString();
    l.reference = q.getColumn(4).getString();
    l.amountMinor = q.getColumn(5).getInt64();
    l.occurred = q.getColumn(6).getString();
    l.paymentId = optionalColumn<long long>(q.getColumn(7));
    l.result = q.getColumn(8).getString();
    l.note = q.getColumn(9).getString();
    return l;
}
#define STATEMENT_LINE_COLUMNS                                                                            \
    "l.id, l.import_id, l.line_number, m.provider, l.reference, l.amount_minor, l.occurred, l.payment_id, " \
    "l.result, l.note"

}  // namespace

std::optional<BillingSettingsRow> BillingRepository::settings() {
    auto q = c_.prepare(
        "SELECT currency, fiscal_year_start_month, upi_vpa, bkash_qr_image, nagad_qr_image, "
        "reception_discount_cap_percent, reception_takes_payments FROM billing_settings WHERE id = 1");
    if (!q->executeStep()) return std::nullopt;
    BillingSettingsRow s;
    s.currency = q->getColumn(0).getString();
    s.fiscalYearStartMonth = q->getColumn(1).getInt();
    s.upiVpa = q->getColumn(2).getString();
    s.bkashQrImage = q->getColumn(3).getString();
    s.nagadQrImage = q->getColumn(4).getString();
    s.receptionDiscountCapPercent = q->getColumn(5).getInt();
    s.receptionTakesPayments = q->getColumn(6).getInt() != 0;
    return s;
}

void BillingRepository::saveSettings(const BillingSettingsRow& s, TimePoint at) {
    auto q = c_.prepare(
        "INSERT INTO billing_settings (id, currency, fiscal_year_start_month, upi_vpa, bkash_qr_image, "
        "nagad_qr_image, reception_discount_cap_percent, reception_takes_payments, updated_at) "
        "VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (id) DO UPDATE SET currency = ?1, "
        "fiscal_year_start_month = ?2, upi_vpa = ?3, bkash_qr_image = ?4, nagad_qr_image = ?5, "
        "reception_discount_cap_percent = ?6, reception_takes_payments = ?7, updated_at = ?8");
    q->bind(1, s.currency);
    q->bind(2, s.fiscalYearStartMonth);
    q->bind(3, s.upiVpa);
    q->bind(4, s.bkashQrImage);
    q->bind(5, s.nagadQrImage);
    q->bind(6, s.receptionDiscountCapPercent);
    q->bind(7, s.receptionTakesPayments ? 1 : 0);
    q->bind(8, static_cast<int64_t>(toUnixSeconds(at)));
    q->exec();
}

std::vector<FeeItem> BillingRepository::feeItems() {
    auto q = c_.prepare("SELECT " FEE_COLUMNS " FROM fee_items ORDER BY kind, name_en, id");
    return allRows(*q, readFee);
}

std::optional<FeeItem> BillingRepository::feeItem(long long id) {
    auto q = c_.prepare("SELECT " FEE_COLUMNS " FROM fee_items WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(id));
    return firstRow(*q, readFee);
}

std::optional<FeeItem> BillingRepository::consultationFee(long long doctorId) {
    auto q = c_.prepare("SELECT " FEE_COLUMNS " FROM fee_items WHERE kind = 'consultation' AND doctor_id = ?1");
    q->bind(1, static_cast<int64_t>(doctorId));
    return firstRow(*q, readFee);
}

long long BillingRepository::insertFeeItem(const FeeItem& f, TimePoint at) {
    auto q = c_.prepare(
        "INSERT INTO fee_items (kind, doctor_id, name_en, name_bn, price_minor, follow_up_price_minor, "
        "follow_up_days, active, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    q->bind(1, f.kind);
    bindOptional(*q, 2, f.doctorId);
    q->bind(3, f.nameEn);
    q->bind(4, f.nameBn);
    q->bind(5, static_cast<int64_t>(f.priceMinor));
    bindOptional(*q, 6, f.followUpPriceMinor);
    q->bind(7, f.followUpDays);
    q->bind(8, f.active ? 1 : 0);
    q->bind(9, static_cast<int64_t>(toUnixSeconds(at)));
    try {
        q->exec();
    } catch (const SQLite::Exception& e) {
        if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE)
            throw Error(ErrorCode::Conflict, "the doctor already has a consultation fee: change that one",
                        "doctor_id");
        throw;
    }
    return c_.lastInsertRowid();
}

void BillingRepository::updateFeeItem(const FeeItem& f, TimePoint at) {
    auto q = c_.prepare(
        "UPDATE fee_items SET name_en = ?2, name_bn = ?3, price_minor = ?4, follow_up_price_minor = ?5, "
        "follow_up_days = ?6, active = ?7, updated_at = ?8 WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(f.id));
    q->bind(2, f.nameEn);
    q->bind(3, f.nameBn);
    q->bind(4, static_cast<int64_t>(f.priceMinor));
    bindOptional(*q, 5, f.followUpPriceMinor);
    q->bind(6, f.followUpDays);
    q->bind(7, f.active ? 1 : 0);
    q->bind(8, static_cast<int64_t>(toUnixSeconds(at)));
    q->exec();
}

long long BillingRepository::nextInvoiceSequence(int fiscalYear) {
    auto q = c_.prepare(
        "INSERT INTO invoice_counters (fiscal_year, last_number) VALUES (?1, 1) "
        "ON CONFLICT (fiscal_year) DO UPDATE SET last_number = last_number + 1 RETURNING last_number");
    q->bind(1, fiscalYear);
    if (!q->executeStep()) throw Error(ErrorCode::Internal, "invoice counter upsert returned no row");
    return q->getColumn(0).getInt64();
}

long long BillingRepository::insertInvoice(const NewInvoice& i) {
    auto q = c_.prepare(
        "INSERT INTO invoices (number, fiscal_year, sequence, patient_id, doctor_id, token_id, clinic_day, "
        "created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    q->bind(1, i.number);
    q->bind(2, i.fiscalYear);
    q->bind(3, static_cast<int64_t>(i.sequence));
    q->bind(4, static_cast<int64_t>(i.patientId));
    bindOptional(*q, 5, i.doctorId);
    bindOptional(*q, 6, i.tokenId);
    q->bind(7, i.clinicDay);
    q->bind(8, static_cast<int64_t>(i.createdBy));
    q->bind(9, static_cast<int64_t>(toUnixSeconds(i.createdAt)));
    try {
        q->exec();
    } catch (const SQLite::Exception& e) {
        if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE)
            throw Error(ErrorCode::Conflict, "the token already has an invoice", "token_id");
        throw;
    }
    return c_.lastInsertRowid();
}

long long BillingRepository::insertLine(long long invoiceId, const InvoiceLine& l) {
    auto q = c_.prepare(
        "INSERT INTO invoice_lines (invoice_id, kind, fee_item_id, description_en, description_bn, quantity, "
        "unit_price_minor, amount_minor, reason, added_by, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
        "?10, ?11)");
    q->bind(1, static_cast<int64_t>(invoiceId));
    q->bind(2, l.kind);
    bindOptional(*q, 3, l.feeItemId);
    q->bind(4, l.descriptionEn);
    q->bind(5, l.descriptionBn);
    q->bind(6, l.quantity);
    q->bind(7, static_cast<int64_t>(l.unitPriceMinor));
    q->bind(8, static_cast<int64_t>(l.amountMinor));
    q->bind(9, l.reason);
    bindOptional(*q, 10, l.addedBy);
    q->bind(11, static_cast<int64_t>(toUnixSeconds(l.addedAt)));
    q->exec();
    return c_.lastInsertRowid();
}

void BillingRepository::voidInvoice(long long invoiceId, const std::string& reason, long long by, TimePoint at) {
    auto q = c_.prepare("UPDATE invoices SET voided = 1, void_reason = ?2, voided_by = ?3, voided_at = ?4 WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(invoiceId));
    q->bind(2, reason);
    q->bind(3, static_cast<int64_t>(by));
    q->bind(4, static_cast<int64_t>(toUnixSeconds(at)));
    q->exec();
}

std::vector<InvoiceLine> BillingRepository::linesOf(long long invoiceId) {
    auto q = c_.prepare(
        "SELECT id, kind, fee_item_id, description_en, description_bn, quantity, unit_price_minor, amount_minor, "
        "reason, added_by, added_at FROM invoice_lines WHERE invoice_id = ?1 ORDER BY id");
    q->bind(1, static_cast<int64_t>(invoiceId));
    std::vector<InvoiceLine> out;
    while (q->executeStep()) {
        InvoiceLine l;
        l.id = q->getColumn(0).getInt64();
        l.kind = q->getColumn(1).getString();
        l.feeItemId = optionalColumn<long long>(q->getColumn(2));
        l.descriptionEn = q->getColumn(3).getString();
        l.descriptionBn = q->getColumn(4).getString();
        l.quantity = q->getColumn(5).getInt();
        l.unitPriceMinor = q->getColumn(6).getInt64();
        l.amountMinor = q->getColumn(7).getInt64();
        l.reason = q->getColumn(8).getString();
        l.addedBy = optionalColumn<long long>(q->getColumn(9));
        l.addedAt = fromUnixSeconds(q->getColumn(10).getInt64());
        out.push_back(std::move(l));
    }
    return out;
}

std::vector<Allocation> BillingRepository::allocationsOf(long long paymentId) {
    auto q = c_.prepare(
        "SELECT a.payment_id, a.invoice_id, i.number, a.amount_minor FROM payment_allocations a "
        "JOIN invoices i ON i.id = a.invoice_id WHERE a.payment_id = ?1 ORDER BY i.id");
    q->bind(1, static_cast<int64_t>(paymentId));
    std::vector<Allocation> out;
    while (q->executeStep())
        out.push_back({q->getColumn(0).getInt64(), q->getColumn(1).getInt64(), q->getColumn(2).getString(),
                       q->getColumn(3).getInt64()});
    return out;
}

std::vector<PaymentRow> BillingRepository::paymentsOf(long long invoiceId) {
    auto q = c_.prepare("SELECT " PAYMENT_COLUMNS " FROM " PAYMENT_TABLES
                        " WHERE y.id IN (SELECT payment_id FROM payment_allocations WHERE invoice_id = ?1) ORDER BY y.id");
    q->bind(1, static_cast<int64_t>(invoiceId));
    auto out = allRows(*q, readPayment);
    for (auto& p : out) p.allocations = allocationsOf(p.id);
    return out;
}

void BillingRepository::fillTotals(InvoiceRow& r) {
    r.lines = linesOf(r.id);
    r.payments = paymentsOf(r.id);
    r.chargesMinor = r.discountMinor = r.paidMinor = 0;
    for (const auto& l : r.lines) {
        if (l.kind == "charge") r.chargesMinor += l.amountMinor;
        else r.discountMinor -= l.amountMinor;
    }
    for (const auto& p : r.payments)
        for (const auto& a : p.allocations)
            if (a.invoiceId == r.id) r.paidMinor += p.kind == "refund" ? -a.amountMinor : a.amountMinor;
}

std::optional<InvoiceRow> BillingRepository::invoice(long long id) {
    auto q = c_.prepare("SELECT " INVOICE_COLUMNS " FROM " INVOICE_TABLES " WHERE i.id = ?1");
    q->bind(1, static_cast<int64_t>(id));
    if (!q->executeStep()) return std::nullopt;
    InvoiceRow r = readInvoice(*q);
    fillTotals(r);
    return r;
}

std::optional<long long> BillingRepository::invoiceForToken(long long tokenId) {
    auto q = c_.prepare("SELECT id FROM invoices WHERE token_id = ?1");
    q->bind(1, static_cast<int64_t>(tokenId));
    if (!q->executeStep()) return std::nullopt;
    return q->getColumn(0).getInt64();
}

std::vector<InvoiceRow> BillingRepository::invoices(const InvoiceFilter& f) {
    auto q = c_.prepare("SELECT " INVOICE_COLUMNS " FROM " INVOICE_TABLES
                        " WHERE (?1 IS NULL OR i.patient_id = ?1) AND (?2 IS NULL OR i.token_id = ?2) "
                        "AND (?3 IS NULL OR i.clinic_day = ?3) ORDER BY i.id DESC");
    bindOptional(*q, 1, f.patientId);
    bindOptional(*q, 2, f.tokenId);
    if (f.clinicDay) q->bind(3, *f.clinicDay);
    else q->bind(3);
    auto out = allRows(*q, readInvoice);
    std::vector<InvoiceRow> kept;
    for (auto& r : out) {
        if (static_cast<int>(kept.size()) >= f.limit) break;
        fillTotals(r);
        if (f.unpaidOnly && r.balanceMinor() <= 0) continue;
        kept.push_back(std::move(r));
    }
    return kept;
}

long long BillingRepository::insertPayment(const PaymentRow& p) {
    auto q = c_.prepare(
        "INSERT INTO payments (kind, method, reference, amount_minor, refund_of, reason, patient_id, received_by, "
        "received_at, clinic_day, drawer_day) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    q->bind(1, p.kind);
    q->bind(2, p.method);
    q->bind(3, p.reference);
    q->bind(4, static_cast<int64_t>(p.amountMinor));
    bindOptional(*q, 5, p.refundOf);
    q->bind(6, p.reason);
    q->bind(7, static_cast<int64_t>(p.patientId));
    q->bind(8, static_cast<int64_t>(p.receivedBy));
    q->bind(9, static_cast<int64_t>(toUnixSeconds(p.receivedAt)));
    q->bind(10, p.clinicDay);
    q->bind(11, p.drawerDay);
    try {
        q->exec();
    } catch (const SQLite::Exception& e) {
        if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE)
            throw Error(ErrorCode::Conflict, "transaction ID " + p.reference + " is already recorded", "reference");
        throw;
    }
    return c_.lastInsertRowid();
}

void BillingRepository::allocate(long long paymentId, long long invoiceId, long long amountMinor) {
    auto q = c_.prepare("INSERT INTO payment_allocations (payment_id, invoice_id, amount_minor) VALUES (?1, ?2, ?3)");
    q->bind(1, static_cast<int64_t>(paymentId));
    q->bind(2, static_cast<int64_t>(invoiceId));
    q->bind(3, static_cast<int64_t>(amountMinor));
    q->exec();
}

std::optional<PaymentRow> BillingRepository::payment(long long id) {
    auto q = c_.prepare("SELECT " PAYMENT_COLUMNS " FROM " PAYMENT_TABLES " WHERE y.id = ?1");
    q->bind(1, static_cast<int64_t>(id));
    if (!q->executeStep()) return std::nullopt;
    PaymentRow p = readPayment(*q);
    p.allocations = allocationsOf(p.id);
    return p;
}

std::optional<PaymentRow> BillingRepository::transferPayment(std::string_view method, std::string_view reference) {
    auto q = c_.prepare("SELECT " PAYMENT_COLUMNS " FROM " PAYMENT_TABLES
                        " WHERE y.kind = 'payment' AND y.method = ?1 AND y.reference = ?2");
    q->bind(1, std::string(method));
    q->bind(2, std::string(reference));
    return firstRow(*q, readPayment);
}

long long BillingRepository::refundedFrom(long long paymentId, long long invoiceId) {
    auto q = c_.prepare(
        "SELECT COALESCE(SUM(a.amount_minor), 0) FROM payments y JOIN payment_allocations a ON a.payment_id = y.id "
        "WHERE y.kind = 'refund' AND y.refund_of = ?1 AND a.invoice_id = ?2");
    q->bind(1, static_cast<int64_t>(paymentId));
    q->bind(2, static_cast<int64_t>(invoiceId));
    q->executeStep();
    return q->getColumn(0).getInt64();
}

void BillingRepository::setReconciliation(long long paymentId, std::string_view state, std::string_view note) {
    auto q = c_.prepare("UPDATE payments SET reconciliation = ?2, reconciliation_note = ?3 WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(paymentId));
    q->bind(2, std::string(state));
    q->bind(3, std::string(note));
    q->exec();
}

std::optional<std::string> BillingRepository::lastVisitDay(long long patientId, long long doctorId,
                                                           std::string_view beforeDay) {
    auto q = c_.prepare(
        "SELECT MAX(clinic_day) FROM tokens WHERE patient_id = ?1 AND doctor_id = ?2 AND state = 'done' "
        "AND clinic_day < ?3");
    q->bind(1, static_cast<int64_t>(patientId));
    q->bind(2, static_cast<int64_t>(doctorId));
    q->bind(3, std::string(beforeDay));
    if (!q->executeStep()) return std::nullopt;
    return optionalColumn<std::string>(q->getColumn(0));
}

long long BillingRepository::outstandingBalance(long long patientId) {
    // Per invoice: lines' total less allocated payments plus allocated refunds.
    auto q = c_.prepare(
        "SELECT COALESCE(SUM(owed), 0) FROM ("
        "  SELECT (SELECT COALESCE(SUM(amount_minor), 0) FROM invoice_lines WHERE invoice_id = i.id)"
        "       - (SELECT COALESCE(SUM(CASE y.kind WHEN 'refund' THEN -a.amount_minor ELSE a.amount_minor END), 0)"
        "          FROM payment_allocations a JOIN payments y ON y.id = a.payment_id WHERE a.invoice_id = i.id)"
        "       AS owed"
        "  FROM invoices i WHERE i.patient_id = ?1 AND i.voided = 0)");
    q->bind(1, static_cast<int64_t>(patientId));
    q->executeStep();
    return q->getColumn(0).getInt64();
}

std::optional<DrawerRow> BillingRepository::drawer(long long cashierId, std::string_view day) {
    auto q = c_.prepare(
        "SELECT opening_float_minor, counted_minor, expected_minor, closed, closed_at, closed_by, reopen_reason, "
        "reopened_by FROM cash_drawers WHERE cashier_id = ?1 AND drawer_day = ?2");
    q->bind(1, static_cast<int64_t>(cashierId));
    q->bind(2, std::string(day));
    if (!q->executeStep()) return std::nullopt;
    DrawerRow d;
    d.cashierId = cashierId;
    d.drawerDay = std::string(day);
    d.openingFloatMinor = q->getColumn(0).getInt64();
    d.countedMinor = optionalColumn<long long>(q->getColumn(1));
    d.expectedMinor = optionalColumn<long long>(q->getColumn(2));
    d.closed = q->getColumn(3).getInt() != 0;
    d.closedAt = optionalColumn<TimePoint>(q->getColumn(4));
    d.closedBy = optionalColumn<long long>(q->getColumn(5));
    d.reopenReason = q->getColumn(6).getString();
    d.reopenedBy = optionalColumn<long long>(q->getColumn(7));
    return d;
}

void BillingRepository::setOpeningFloat(long long cashierId, std::string_view day, long long floatMinor) {
    auto q = c_.prepare(
        "INSERT INTO cash_drawers (cashier_id, drawer_day, opening_float_minor) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (cashier_id, drawer_day) DO UPDATE SET opening_float_minor = ?3");
    q->bind(1, static_cast<int64_t>(cashierId));
    q->bind(2, std::string(day));
    q->bind(3, static_cast<int64_t>(floatMinor));
    q->exec();
}

void BillingRepository::closeDrawer(long long cashierId, std::string_view day, long long countedMinor,
                                    long long expectedMinor, long long by, TimePoint at) {
    auto q = c_.prepare(
        "INSERT INTO cash_drawers (cashier_id, drawer_day, counted_minor, expected_minor, closed, closed_at, "
        "closed_by) VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6) ON CONFLICT (cashier_id, drawer_day) DO UPDATE SET "
        "counted_minor = ?3, expected_minor = ?4, closed = 1, closed_at = ?5, closed_by = ?6");
    q->bind(1, static_cast<int64_t>(cashierId));
    q->bind(2, std::string(day));
    q->bind(3, static_cast<int64_t>(countedMinor));
    q->bind(4, static_cast<int64_t>(expectedMinor));
    q->bind(5, static_cast<int64_t>(toUnixSeconds(at)));
    q->bind(6, static_cast<int64_t>(by));
    q->exec();
}

void BillingRepository::reopenDrawer(long long cashierId, std::string_view day, const std::string& reason,
                                     long long by, TimePoint at) {
    auto q = c_.prepare(
        "UPDATE cash_drawers SET closed = 0, reopen_reason = ?3, reopened_by = ?4, reopened_at = ?5 "
        "WHERE cashier_id = ?1 AND drawer_day = ?2");
    q->bind(1, static_cast<int64_t>(cashierId));
    q->bind(2, std::string(day));
    q->bind(3, reason);
    q->bind(4, static_cast<int64_t>(by));
    q->bind(5, static_cast<int64_t>(toUnixSeconds(at)));
    q->exec();
}

long long BillingRepository::insertPayout(long long cashierId, std::string_view day, long long amountMinor,
                                          const std::string& reason, long long by, TimePoint at) {
    auto q = c_.prepare(
        "INSERT INTO cash_payouts (cashier_id, drawer_day, amount_minor, reason, recorded_by, recorded_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    q->bind(1, static_cast<int64_t>(cashierId));
    q->bind(2, std::string(day));
    q->bind(3, static_cast<int64_t>(amountMinor));
    q->bind(4, reason);
    q->bind(5, static_cast<int64_t>(by));
    q->bind(6, static_cast<int64_t>(toUnixSeconds(at)));
    q->exec();
    return c_.lastInsertRowid();
}

std::vector<PayoutRow> BillingRepository::payouts(long long cashierId, std::string_view day) {
    auto q = c_.prepare(
        "SELECT id, amount_minor, reason, recorded_at FROM cash_payouts WHERE cashier_id = ?1 AND drawer_day = ?2 "
        "ORDER BY id");
    q->bind(1, static_cast<int64_t>(cashierId));
    q->bind(2, std::string(day));
    std::vector<PayoutRow> out;
    while (q->executeStep())
        out.push_back({q->getColumn(0).getInt64(), q->getColumn(1).getInt64(), q->getColumn(2).getString(),
                       fromUnixSeconds(q->getColumn(3).getInt64())});
    return out;
}

namespace {
std::vector<MethodTotal> readMethodTotals(SQLite::Statement& q) {
    std::vector<MethodTotal> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getString(), q.getColumn(1).getInt64(), q.getColumn(2).getInt64(),
                       q.getColumn(3).getInt()});
    return out;
}
}  // namespace

std::vector<MethodTotal> BillingRepository::drawerTotals(long long cashierId, std::string_view day) {
    auto q = c_.prepare(
        "SELECT method, SUM(CASE kind WHEN 'payment' THEN amount_minor ELSE 0 END), "
        "SUM(CASE kind WHEN 'refund' THEN amount_minor ELSE 0 END), SUM(kind = 'payment') "
        "FROM payments WHERE received_by = ?1 AND drawer_day = ?2 GROUP BY method ORDER BY method");
    q->bind(1, static_cast<int64_t>(cashierId));
    q->bind(2, std::string(day));
    return readMethodTotals(*q);
}

std::vector<MethodTotal> BillingRepository::methodTotals(std::string_view from, std::string_view to) {
    auto q = c_.prepare(
        "SELECT method, SUM(CASE kind WHEN 'payment' THEN amount_minor ELSE 0 END), "
        "SUM(CASE kind WHEN 'refund' THEN amount_minor ELSE 0 END), SUM(kind = 'payment') "
        "FROM payments WHERE clinic_day BETWEEN ?1 AND ?2 GROUP BY method ORDER BY method");
    q->bind(1, std::string(from));
    q->bind(2, std::string(to));
    return readMethodTotals(*q);
}

std::vector<DoctorTotal> BillingRepository::doctorTotals(std::string_view from, std::string_view to) {
    auto q = c_.prepare(
        "SELECT i.doctor_id, COALESCE(d.name_en, ''), "
        "SUM(CASE y.kind WHEN 'refund' THEN -a.amount_minor ELSE a.amount_minor END) "
        "FROM payments y JOIN payment_allocations a ON a.payment_id = y.id JOIN invoices i ON i.id = a.invoice_id "
        "LEFT JOIN doctors d ON d.staff_id = i.doctor_id WHERE y.clinic_day BETWEEN ?1 AND ?2 "
        "GROUP BY i.doctor_id ORDER BY 3 DESC");
    q->bind(1, std::string(from));
    q->bind(2, std::string(to));
    std::vector<DoctorTotal> out;
    while (q->executeStep())
        out.push_back({optionalColumn<long long>(q->getColumn(0)), q->getColumn(1).getString(),
                       q->getColumn(2).getInt64()});
    return out;
}

std::vector<DayTotal> BillingRepository::dayTotals(std::string_view from, std::string_view to) {
    auto q = c_.prepare(
        "SELECT clinic_day, SUM(CASE kind WHEN 'refund' THEN -amount_minor ELSE amount_minor END) FROM payments "
        "WHERE clinic_day BETWEEN ?1 AND ?2 GROUP BY clinic_day ORDER BY clinic_day");
    q->bind(1, std::string(from));
    q->bind(2, std::string(to));
    std::vector<DayTotal> out;
    while (q->executeStep()) out.push_back({q->getColumn(0).getString(), q->getColumn(1).getInt64()});
    return out;
}

long long BillingRepository::insertStatementImport(std::string_view provider, long long by, TimePoint at,
                                                   int lineCount) {
    auto q = c_.prepare(
        "INSERT INTO statement_imports (provider, imported_by, imported_at, line_count) VALUES (?1, ?2, ?3, ?4)");
    q->bind(1, std::string(provider));
    q->bind(2, static_cast<int64_t>(by));
    q->bind(3, static_cast<int64_t>(toUnixSeconds(at)));
    q->bind(4, lineCount);
    q->exec();
    return c_.lastInsertRowid();
}

long long BillingRepository::insertStatementLine(const StatementLineRow& l) {
    auto q = c_.prepare(
        "INSERT INTO statement_lines (import_id, line_number, reference, amount_minor, occurred, payment_id, result, "
        "note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    q->bind(1, static_cast<int64_t>(l.importId));
    q->bind(2, l.lineNumber);
    q->bind(3, l.reference);
    q->bind(4, static_cast<int64_t>(l.amountMinor));
    q->bind(5, l.occurred);
    bindOptional(*q, 6, l.paymentId);
    q->bind(7, l.result);
    q->bind(8, l.note);
    q->exec();
    return c_.lastInsertRowid();
}

std::optional<StatementLineRow> BillingRepository::statementLine(long long id) {
    auto q = c_.prepare("SELECT " STATEMENT_LINE_COLUMNS
                        " FROM statement_lines l JOIN statement_imports m ON m.id = l.import_id WHERE l.id = ?1");
    q->bind(1, static_cast<int64_t>(id));
    return firstRow(*q, readStatementLine);
}

void BillingRepository::resolveStatementLine(long long id, long long paymentId, std::string_view note) {
    auto q = c_.prepare("UPDATE statement_lines SET payment_id = ?2, result = 'manual', note = ?3 WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(id));
    q->bind(2, static_cast<int64_t>(paymentId));
    q->bind(3, std::string(note));
    q->exec();
}

std::vector<PaymentRow> BillingRepository::unreconciled(std::optional<std::string> method,
                                                        std::optional<std::string> from,
                                                        std::optional<std::string> to) {
    auto q = c_.prepare("SELECT " PAYMENT_COLUMNS " FROM " PAYMENT_TABLES
                        " WHERE y.kind = 'payment' AND y.method IN ('bkash', 'nagad', 'upi') "
                        "AND y.reconciliation IN ('unchecked', 'mismatch') AND (?1 IS NULL OR y.method = ?1) "
                        "AND (?2 IS NULL OR y.clinic_day >= ?2) AND (?3 IS NULL OR y.clinic_day <= ?3) ORDER BY y.id");
    auto bindText = [&](int i, const std::optional<std::string>& v) {
        if (v) q->bind(i, *v);
        else q->bind(i);
    };
    bindText(1, method);
    bindText(2, from);
    bindText(3, to);
    auto out = allRows(*q, readPayment);
    for (auto& p : out) p.allocations = allocationsOf(p.id);
    return out;
}

std::vector<StatementLineRow> BillingRepository::openStatementLines() {
    auto q = c_.prepare("SELECT " STATEMENT_LINE_COLUMNS
                        " FROM statement_lines l JOIN statement_imports m ON m.id = l.import_id "
                        "WHERE l.result IN ('not_recorded', 'mismatch') ORDER BY l.id");
    return allRows(*q, readStatementLine);
}

}  // namespace hub::store
