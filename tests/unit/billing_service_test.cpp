// The billing service on a real database with the queue's fixture: check-in
// invoices and the follow-up fee, numbering under concurrent creation,
// discounts by role, payments, transfers once, refunds, the cash drawer, the
// statement reconciliation, and the audit trail of every money change.
#include "queue_test_support.h"

#include "hub/billing/billing_service.h"
#include "hub/billing/receipt.h"
#include "hub/store/billing_repository.h"
#include "hub/store/doctor_repository.h"
#include "hub/store/migrations.h"

#include "support/catch.h"

#include <algorithm>
#include <set>
#include <thread>

using namespace hub;
using namespace hub::testing;

namespace {

using Refusal = std::optional<std::pair<ErrorCode, std::string>>;
Refusal refused(ErrorCode code, std::string field = {}) { return std::make_pair(code, std::move(field)); }

struct BillingFixture : QueueFixture {
    billing::BillingService billing{*db, clock, audit};
    domain::StaffMember cashierMember = addStaff("cashier", "cashier");

    BillingFixture() {
        queue.setCheckInHook(&billing);
        setFee(doctorA, 50000, 30000, 7);  // 500.00, 300.00 on a return within 7 days
    }
    auth::ActorContext admin() const { return actor(adminMember); }
    auth::ActorContext cashier() const { return actor(cashierMember); }

    void setFee(const domain::StaffMember& doctor, long long price, std::optional<long long> followUp, int days) {
        const auto fee = db->read([&](store::Connection& c) { return store::BillingRepository(c).consultationFee(doctor.id); });
        REQUIRE(fee);
        billing::FeeItemChange ch;
        ch.priceMinor = price;
        ch.followUpPriceMinor = followUp;
        ch.followUpDays = days;
        billing.updateFeeItem(admin(), fee->id, ch);
    }
    store::InvoiceRow invoiceFor(const opd::TokenView& v) {
        REQUIRE(v.billing);
        REQUIRE(v.billing->invoiceId);
        return billing.invoice(admin(), *v.billing->invoiceId);
    }
    billing::PaymentResult pay(const auth::ActorContext& who, long long invoiceId, long long amount,
                               const std::string& method = "cash", const std::string& ref = "") {
        billing::PaymentInput in;
        in.method = method;
        in.reference = ref;
        in.amountMinor = amount;
        in.allocations = {{invoiceId, amount}};
        return billing.addPayment(who, in);
    }
    long long serviceItem(const std::string& name, long long price) {
        billing::FeeItemChange ch;
        ch.nameEn = name;
        ch.priceMinor = price;
        return billing.createFeeItem(admin(), ch).id;
    }
    void markDone(long long tokenId) {
        db->write([&](store::Connection& c) {
            auto q = c.prepare("UPDATE tokens SET state = 'done' WHERE id = ?1");
            q->bind(1, static_cast<int64_t>(tokenId));
            q->exec();
        });
    }
    std::vector<std::string> auditActions() {
        std::vector<std::string> out;
        for (const auto& e : auditTrail())
            if (e.action.rfind("billing.", 0) == 0) out.push_back(e.action + ":" + e.outcome);
        return out;
    }
};

}  // namespace

TEST_CASE("the doctors' consultation fees moved into the fee schedule in minor units", "[billing][fees]") {
    BillingFixture f;
    const auto fees = f.billing.feeItems(f.admin());
    const auto a = std::find_if(fees.begin(), fees.end(), [&](const store::FeeItem& x) { return x.doctorId == f.doctorA.id; });
    REQUIRE(a != fees.end());
    CHECK(a->kind == "consultation");
    CHECK(a->priceMinor == 50000);
    // The doctor's profile still reads the fee, in whole taka.
    const auto profile = f.db->read([&](store::Connection& c) { return store::DoctorRepository(c).find(f.doctorA.id); });
    CHECK(profile->consultationFee == 500);
}

TEST_CASE("check-in opens the consultation invoice and shows the patient's balance: a return within the window "
          "pays the follow-up fee", "[billing][check-in][follow-up]") {
    BillingFixture f;
    const long long patient = f.addPatient();
    const auto first = f.checkIn(patient, f.doctorA);
    const auto inv = f.invoiceFor(first);
    CHECK(inv.number == "INV-2026-000001");
    CHECK(inv.totalMinor() == 50000);
    CHECK(inv.tokenId == first.row.token.id);
    CHECK(first.billing->balanceMinor == 50000);
    f.pay(f.cashier(), inv.id, 20000);  // part now, the rest later
    f.markDone(first.row.token.id);

    // Six days later, just before the clinic's midnight: still inside the 7-day window.
    f.clock.set(fromUnixSeconds(1'795'543'199) + std::chrono::hours(24 * 6));
    const auto second = f.checkIn(patient, f.doctorA);
    const auto followUp = f.invoiceFor(second);
    CHECK(followUp.totalMinor() == 30000);
    CHECK(followUp.lines.at(0).descriptionEn.rfind("Follow-up consultation", 0) == 0);
    CHECK(second.billing->balanceMinor == 30000 + 30000);  // the dues of the first visit and this one
    CHECK(f.db->read([&](store::Connection& c) { return billing::outstandingBalance(c, patient); }) == 60000);
    f.markDone(second.row.token.id);

    // Eight days after the last visit, one second past the clinic's midnight: the full fee again.
    f.clock.advance(std::chrono::hours(24 * 8) + std::chrono::seconds(1));
    const auto third = f.checkIn(patient, f.doctorA);
    CHECK(f.invoiceFor(third).totalMinor() == 50000);
    // Doctor B sees patients free: no invoice, the balance still shows.
    const auto free = f.checkIn(patient, f.doctorB);
    REQUIRE(free.billing);
    CHECK_FALSE(free.billing->invoiceId);
    CHECK(free.billing->balanceMinor == 60000 + 50000);
}

TEST_CASE("invoice numbers under concurrent creation: no gap, no duplicate, and a refused invoice gives its "
          "number back", "[billing][numbering][concurrency]") {
    BillingFixture f;
    const long long patient = f.addPatient();
    constexpr int threads = 6, perThread = 10;
    std::vector<std::thread> workers;
    std::mutex mutex;
    std::vector<std::string> numbers;
    for (int t = 0; t < threads; ++t)
        workers.emplace_back([&, t] {
            for (int i = 0; i < perThread; ++i) {
                billing::NewInvoiceInput in;
                in.patientId = patient;
                billing::LineInput line;
                line.descriptionEn = "Dressing";
                line.unitPriceMinor = 10000 + t;
                in.lines.push_back(line);
                // Every third call from one thread is refused inside the transaction, after the number was drawn.
                if (t == 0 && i % 3 == 0) in.lines.front().quantity = 0;
                try {
                    auto inv = f.billing.createInvoice(t % 2 ? f.reception() : f.cashier(), in);
                    std::lock_guard lock(mutex);
                    numbers.push_back(inv.number);
                } catch (const Error& e) {
                    CHECK(e.field() == "lines[0].quantity");
                }
            }
        });
    for (auto& w : workers) w.join();
    const int refusedCount = 4;  // i = 0, 3, 6, 9 of thread 0
    REQUIRE(numbers.size() == threads * perThread - refusedCount);
    std::sort(numbers.begin(), numbers.end());
    CHECK(std::set<std::string>(numbers.begin(), numbers.end()).size() == numbers.size());
    for (std::size_t i = 0; i < numbers.size(); ++i) CHECK(numbers[i] == domain::invoiceNumber(2026, static_cast<long long>(i) + 1));
}

TEST_CASE("the fiscal year turns the numbering over: July in Bangladesh", "[billing][numbering]") {
    BillingFixture f;
    const long long patient = f.addPatient();
    billing::NewInvoiceInput in;
    in.patientId = patient;
    f.clock.set(fromUnixSeconds(1'782'838'799));  // 2026-06-30 22:59:59 in Dhaka
    CHECK(f.billing.createInvoice(f.cashier(), in).number == "INV-2025-000001");
    f.clock.advance(std::chrono::hours(1) + std::chrono::seconds(1));  // 2026-07-01 00:00:00 in Dhaka
    CHECK(f.billing.createInvoice(f.cashier(), in).number == "INV-2026-000001");
}

TEST_CASE("an unknown id the request names is 422 naming its field, an unknown invoice in the path is 404",
          "[billing][errors]") {
    BillingFixture f;
    const long long patient = f.addPatient();
    billing::NewInvoiceInput in;
    in.patientId = patient + 1000;
    CHECK(errorOf([&] { f.billing.createInvoice(f.cashier(), in); }) == refused(ErrorCode::UnknownReference, "patient_id"));
    in.patientId = patient;
    in.doctorId = 9999;
    CHECK(errorOf([&] { f.billing.createInvoice(f.cashier(), in); }) == refused(ErrorCode::UnknownReference, "doctor_id"));
    in.doctorId.reset();
    billing::LineInput line;
    line.feeItemId = 9999;
    in.lines = {line};
    CHECK(errorOf([&] { f.billing.createInvoice(f.cashier(), in); }) ==
          refused(ErrorCode::UnknownReference, "lines[0].fee_item_id"));
    CHECK(errorOf([&] { f.pay(f.cashier(), 9999, 100); }) ==
          refused(ErrorCode::UnknownReference, "allocations[0].invoice_id"));
    CHECK(errorOf([&] { f.billing.addLine(f.cashier(), 9999, billing::LineInput{}); }) ==
          refused(ErrorCode::NotFound, "id"));
}

TEST_CASE("billing settings: a merchant QR image that is not a PNG or JPEG is refused naming its field, nothing saved",
          "[billing][settings]") {
    BillingFixture f;
    const std::string png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    billing::SettingsChange bad;
    bad.upiVpa = "clinic@okbank";
    bad.nagadQrImage = "aGVsbG8gd29ybGQ=";
    CHECK(errorOf([&] { f.billing.updateSettings(f.admin(), bad); }) == refused(ErrorCode::InvalidInput, "nagad_qr_image"));
    bad.nagadQrImage.reset();
    bad.bkashQrImage = "data:image/png;base64," + png;
    CHECK(errorOf([&] { f.billing.updateSettings(f.admin(), bad); }) == refused(ErrorCode::InvalidInput, "bkash_qr_image"));
    CHECK(f.billing.settings(f.admin()).upiVpa.empty());  // the refused change wrote nothing

    billing::SettingsChange good;
    good.bkashQrImage = png;
    CHECK(f.billing.updateSettings(f.admin(), good).bkashQrImage == png);
    good.bkashQrImage = "";  // removed
    CHECK(f.billing.updateSettings(f.admin(), good).bkashQrImage.empty());
}

TEST_CASE("discounts need a reason and stay within the front desk's cap: more needs an admin", "[billing][discount]") {
    BillingFixture f;
    const auto t = f.checkInNew(f.doctorA);
    const long long id = *t.billing->invoiceId;
    billing::LineInput d;
    d.discountMinor = 5000;  // 10% of 500.00
    CHECK(errorOf([&] { f.billing.addLine(f.reception(), id, d); }) == refused(ErrorCode::InvalidInput, "reason"));
    d.reason = "staff family";
    d.discountMinor = 5001;
    CHECK(errorOf([&] { f.billing.addLine(f.reception(), id, d); }) == refused(ErrorCode::Forbidden, "discount"));
    d.discountMinor = 5000;
    CHECK(f.billing.addLine(f.reception(), id, d).totalMinor() == 45000);
    billing::LineInput more;
    more.discountPercent = 1;
    more.reason = "poor patient";
    CHECK(errorOf([&] { f.billing.addLine(f.cashier(), id, more); }) == refused(ErrorCode::Forbidden, "discount_percent"));
    more.discountPercent = 50;
    const auto after = f.billing.addLine(f.admin(), id, more);
    CHECK(after.discountMinor == 5000 + 25000);
    CHECK(after.totalMinor() == 20000);
    // Lines the doctor ordered.
    billing::LineInput ecg;
    ecg.feeItemId = f.serviceItem("ECG", 40000);
    ecg.quantity = 2;
    CHECK(f.billing.addLine(f.drA(), id, ecg).totalMinor() == 100000);
    CHECK(f.auditActions().back() == "billing.invoice_line_add:success");
}

TEST_CASE("payments: part now and the rest later, a transaction ID once, no overpaying, one transfer across a "
          "family's invoices", "[billing][payments]") {
    BillingFixture f;
    const auto mother = f.checkInNew(f.doctorA);
    const auto child = f.checkInNew(f.doctorA);
    const long long a = *mother.billing->invoiceId, b = *child.billing->invoiceId;

    CHECK(f.pay(f.cashier(), a, 20000).invoices.at(0).balanceMinor() == 30000);
    CHECK(errorOf([&] { f.pay(f.cashier(), a, 30001); }) == refused(ErrorCode::InvalidInput, "allocations[0].amount"));
    CHECK(errorOf([&] { f.pay(f.cashier(), a, 100, "bkash", "SHORT"); }) == refused(ErrorCode::InvalidInput, "reference"));

    billing::PaymentInput family;
    family.method = "bkash";
    family.reference = "9c7a1b2c3d";
    family.amountMinor = 80000;
    family.allocations = {{a, 30000}, {b, 50000}};
    const auto paid = f.billing.addPayment(f.reception(), family);
    CHECK(paid.payment.reference == "9C7A1B2C3D");
    CHECK(paid.payment.allocations.size() == 2);
    CHECK(paid.invoices.at(0).balanceMinor() == 0);
    CHECK(paid.invoices.at(1).balanceMinor() == 0);

    const auto third = f.checkInNew(f.doctorA);
    CHECK(errorOf([&] { f.pay(f.cashier(), *third.billing->invoiceId, 100, "bkash", "9C7A1B2C3D"); }) ==
          refused(ErrorCode::Conflict, "reference"));
    family.allocations = {{*third.billing->invoiceId, 100}};
    family.amountMinor = 200;
    CHECK(errorOf([&] { f.billing.addPayment(f.cashier(), family); }) == refused(ErrorCode::InvalidInput, "allocations"));

    // The front desk takes money only where the clinic allows it.
    billing::SettingsChange off;
    off.receptionTakesPayments = false;
    f.billing.updateSettings(f.admin(), off);
    CHECK(errorOf([&] { f.pay(f.reception(), *third.billing->invoiceId, 100); }) == refused(ErrorCode::Forbidden, ""));
    CHECK(errorOf([&] { f.pay(f.drA(), *third.billing->invoiceId, 100); }) == refused(ErrorCode::Forbidden, ""));
}

TEST_CASE("refunds: admins only, with a reason, never more than was paid: a cash refund leaves the drawer",
          "[billing][refund][cash]") {
    BillingFixture f;
    const auto t = f.checkInNew(f.doctorA);
    const long long inv = *t.billing->invoiceId;
    const auto p = f.pay(f.cashier(), inv, 50000).payment;
    billing::RefundInput r;
    r.amountMinor = 10000;
    r.reason = "ECG not done";
    CHECK(errorOf([&] { f.billing.refund(f.cashier(), p.id, r); }) == refused(ErrorCode::Forbidden, ""));
    r.amountMinor = 50001;
    CHECK(errorOf([&] { f.billing.refund(f.admin(), p.id, r); }) == refused(ErrorCode::InvalidInput, "amount"));
    r.amountMinor = 10000;
    const auto done = f.billing.refund(f.admin(), p.id, r);
    CHECK(done.payment.kind == "refund");
    CHECK(done.invoices.at(0).paidMinor == 40000);
    CHECK(done.invoices.at(0).balanceMinor() == 10000);
    // The refund comes out of the admin's drawer (who handed the cash back).
    const auto adminDrawer = f.billing.cashClose(f.admin(), std::nullopt, std::nullopt);
    CHECK(adminDrawer.cashRefundsMinor == 10000);
    CHECK(adminDrawer.expectedMinor == -10000);
    const auto trail = f.auditActions();
    CHECK(std::count(trail.begin(), trail.end(), "billing.refund:denied") == 1);
    CHECK(std::count(trail.begin(), trail.end(), "billing.refund:success") == 1);
    // A paid invoice cannot be voided until it is refunded.
    CHECK(errorOf([&] { f.billing.voidInvoice(f.admin(), inv, "wrong patient"); }) == refused(ErrorCode::Conflict, "id"));
}

TEST_CASE("the cash close: float, payouts, expected, counted, a locked day reopened only by an admin, and a payment "
          "after the close counts in the next day's drawer", "[billing][cash]") {
    BillingFixture f;
    auto act = [&](const auth::ActorContext& who, std::string action, std::optional<long long> amount,
                   std::string reason = "") {
        billing::CashAction a;
        a.action = std::move(action);
        a.amountMinor = amount;
        a.reason = std::move(reason);
        return f.billing.cashAction(who, a);
    };
    act(f.cashier(), "float", 100000);
    const auto t = f.checkInNew(f.doctorA);
    f.pay(f.cashier(), *t.billing->invoiceId, 50000);
    CHECK(errorOf([&] { act(f.cashier(), "payout", 5000); }) == refused(ErrorCode::InvalidInput, "reason"));
    act(f.cashier(), "payout", 5000, "courier");
    const auto closed = act(f.cashier(), "close", 144000);
    CHECK(closed.expectedMinor == 100000 + 50000 - 5000);
    CHECK(closed.differenceMinor == -1000);  // a shortfall of 10.00
    CHECK(closed.closed);
    CHECK(errorOf([&] { act(f.cashier(), "payout", 100, "tea"); }) == refused(ErrorCode::Conflict, "action"));
    CHECK(errorOf([&] { act(f.cashier(), "reopen", std::nullopt, "miscounted"); }) == refused(ErrorCode::Forbidden, ""));

    // Taken after the close: tomorrow's drawer.
    const auto late = f.checkInNew(f.doctorA);
    const auto p = f.pay(f.cashier(), *late.billing->invoiceId, 50000).payment;
    CHECK(p.clinicDay == "2026-11-24");
    CHECK(p.drawerDay == "2026-11-25");
    CHECK(f.billing.cashClose(f.cashier(), std::nullopt, std::nullopt).cashInMinor == 50000);

    billing::CashAction reopen;
    reopen.action = "reopen";
    reopen.cashierId = f.cashierMember.id;
    CHECK(errorOf([&] { f.billing.cashAction(f.admin(), reopen); }) == refused(ErrorCode::InvalidInput, "reason"));
    reopen.reason = "recount with the owner";
    const auto reopened = f.billing.cashAction(f.admin(), reopen);
    CHECK_FALSE(reopened.closed);
    CHECK(reopened.reopenReason == "recount with the owner");
    // Another cashier's drawer is an admin's business.
    CHECK(errorOf([&] { f.billing.cashClose(f.reception(), std::nullopt, f.cashierMember.id); }) ==
          refused(ErrorCode::Forbidden, "cashier_id"));
}

TEST_CASE("a statement with one matching, one missing and one mismatched line gives exactly those: a malformed "
          "one imports nothing", "[billing][reconciliation]") {
    BillingFixture f;
    const auto one = f.checkInNew(f.doctorA), two = f.checkInNew(f.doctorA);
    f.pay(f.cashier(), *one.billing->invoiceId, 50000, "bkash", "9C7A1B2C3D");
    f.pay(f.cashier(), *two.billing->invoiceId, 50000, "bkash", "8B6A5D4E3F");

    billing::StatementImport bad;
    bad.provider = "bkash";
    bad.csv = "Date,TrxID,Amount\n2026-11-24,9C7A1B2C3D,500.00\n2026-11-24,8B6A5D4E3F,5OO\n";
    const auto e = errorOf([&] { f.billing.importStatement(f.admin(), bad); });
    CHECK(e == refused(ErrorCode::InvalidInput, "csv"));
    CHECK(f.billing.unmatched(f.admin()).payments.size() == 2);  // nothing was marked matched
    CHECK(f.db->read([](store::Connection& c) { return c.db().execAndGet("SELECT COUNT(*) FROM statement_lines").getInt(); }) == 0);

    billing::StatementImport good;
    good.provider = "bkash";
    good.csv = "Date,TrxID,Amount\n2026-11-24,9C7A1B2C3D,500.00\n2026-11-24,8B6A5D4E3F,450.00\n"
               "2026-11-24,7A5B4C3D2E,300.00\n";
    const auto res = f.billing.importStatement(f.admin(), good);
    REQUIRE(res.matched.size() == 1);
    CHECK(res.matched[0].reference == "9C7A1B2C3D");
    REQUIRE(res.mismatched.size() == 1);
    CHECK(res.mismatched[0].reference == "8B6A5D4E3F");
    REQUIRE(res.notRecorded.size() == 1);
    CHECK(res.notRecorded[0].lineNumber == 4);
    CHECK(res.recordedNotInStatement.empty());

    const auto open = f.billing.unmatched(f.admin());
    REQUIRE(open.payments.size() == 1);
    CHECK(open.statementLines.size() == 2);
    CHECK(errorOf([&] { f.billing.matchPayment(f.cashier(), open.payments[0].id, "checked", std::nullopt); }) ==
          refused(ErrorCode::Forbidden, ""));
    f.billing.matchPayment(f.admin(), open.payments[0].id, "customer paid 50 in cash too", res.mismatched[0].id);
    CHECK(f.billing.unmatched(f.admin()).payments.empty());
}

TEST_CASE("the receipt is bilingual and carries the number, lines, payments, balance and cashier", "[billing][receipt]") {
    BillingFixture f;
    const auto t = f.checkInNew(f.doctorA);
    f.pay(f.cashier(), *t.billing->invoiceId, 20000);
    const auto data = f.billing.receiptData(f.cashier(), *t.billing->invoiceId);
    const auto html = billing::receiptHtml(data, billing::ReceiptPaper::A5);
    for (const char* s : {"INV-2026-000001", "রসিদ", "বাকি", "৳ 300.00", "৳ 200.00", "Staff cashier", "Shanti Clinic"})
        CHECK(html.find(s) != std::string::npos);
    CHECK(f.auditActions().back() == "billing.receipt_print:success");
}

TEST_CASE("the billing migration moves each doctor's whole-taka fee into the fee schedule in poisha",
          "[billing][migration]") {
    TempDir dir;
    {
        // A database as the release before billing left it, with a doctor charging 700 taka.
        SQLite::Database raw(dir.file("hub.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        int before = 0;
        for (const auto& m : store::migrations()) {
            if (m.name == "0010_billing") break;
            raw.exec(std::string(m.sql));
            before = m.version;
        }
        raw.exec("PRAGMA user_version = " + std::to_string(before));
        raw.exec("INSERT INTO staff (id, username, display_name, role, password_hash, created_at, updated_at, "
                 "password_changed_at) VALUES (7, 'dr.x', 'Dr X', 'doctor', 'x', 0, 0, 0)");
        raw.exec("INSERT INTO doctors (staff_id, name_en, token_prefix, consultation_fee, updated_at) "
                 "VALUES (7, 'Dr X', 'X', 700, 0)");
    }
    auto db = store::Database::open(dir.file("hub.db"));
    const auto fee = db->read([](store::Connection& c) { return store::BillingRepository(c).consultationFee(7); });
    REQUIRE(fee);
    CHECK(fee->priceMinor == 70000);
    CHECK(fee->kind == "consultation");
    // The column is gone: the schedule is the one place for fees.
    CHECK(db->read([](store::Connection& c) {
        return c.db().execAndGet("SELECT COUNT(*) FROM pragma_table_info('doctors') WHERE name = 'consultation_fee'").getInt();
    }) == 0);
}
