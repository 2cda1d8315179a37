// The money rules of billing as plain functions, and the merchant statement parser.
#include "hub/billing/statement_csv.h"
#include "hub/core/error.h"
#include "hub/domain/billing.h"
#include "hub/domain/clinic_day.h"

#include "support/catch.h"

using namespace hub;
using namespace hub::domain;

TEST_CASE("amounts are integers in minor units: formatted and parsed exactly, never rounded", "[billing][money]") {
    CHECK(formatAmount(0) == "0.00");
    CHECK(formatAmount(5) == "0.05");
    CHECK(formatAmount(125050) == "1,250.50");
    CHECK(formatAmount(-500) == "-5.00");
    CHECK(formatAmount(123456789012) == "1,234,567,890.12");
    CHECK(formatAmount(125050, true) == "১,২৫০.৫০");
    CHECK(formatMoney(50000, Currency::BDT) == "৳ 500.00");
    CHECK(formatMoney(50000, Currency::INR) == "₹ 500.00");

    CHECK(parseAmountText("1250") == 125000);
    CHECK(parseAmountText("1,250.5") == 125050);
    CHECK(parseAmountText(" ৳1,250.05 ") == 125005);
    CHECK(parseAmountText("Tk 0.10") == 10);
    // 0.1 + 0.2 is 0.30000000000000004 in floating point; here it is 10 + 20.
    CHECK(*parseAmountText("0.1") + *parseAmountText("0.2") == *parseAmountText("0.3"));
    for (const char* bad : {"", "12.345", "1e3", "-5", "12,", "abc", "12.", ".5", "1.2.3", "99999999999999"})
        CHECK_FALSE(parseAmountText(bad).has_value());
}

TEST_CASE("discount caps are checked in integers: 10% of 500.00 is 50.00 and not a poisha more", "[billing][discount]") {
    CHECK(discountWithinCap(5000, 50000, 10));
    CHECK_FALSE(discountWithinCap(5001, 50000, 10));
    CHECK(discountWithinCap(0, 0, 0));
    CHECK_FALSE(discountWithinCap(1, 33333, 0));
    CHECK(discountWithinCap(3333, 33333, 10));   // 9.999%
    CHECK_FALSE(discountWithinCap(3334, 33333, 10));
    CHECK_FALSE(discountWithinCap(60000, 50000, 100));  // never more than the charges
    CHECK(mayDiscountBeyondCap(Role::Admin));
    for (Role r : {Role::Receptionist, Role::Cashier, Role::Doctor, Role::Nurse}) CHECK_FALSE(mayDiscountBeyondCap(r));
}

TEST_CASE("fiscal years start in July in Bangladesh and April in India: invoices are numbered per year",
          "[billing][numbering]") {
    CHECK(defaultFiscalYearStartMonth("BD") == 7);
    CHECK(defaultFiscalYearStartMonth("IN") == 4);
    CHECK(defaultCurrency("IN") == Currency::INR);
    CHECK(defaultCurrency("BD") == Currency::BDT);
    CHECK(fiscalYearOf("2026-06-30", 7) == 2025);
    CHECK(fiscalYearOf("2026-07-01", 7) == 2026);
    CHECK(fiscalYearOf("2027-03-31", 4) == 2026);
    CHECK(fiscalYearOf("2027-04-01", 4) == 2027);
    CHECK(fiscalYearOf("2026-01-01", 1) == 2026);
    CHECK(invoiceNumber(2026, 123) == "INV-2026-000123");
    CHECK(invoiceNumber(2026, 1) == "INV-2026-000001");
}

TEST_CASE("the follow-up window counts clinic days, so it turns at the clinic's midnight, not UTC's",
          "[billing][follow-up][clinic-day]") {
    // 2026-11-24 23:59:59 in Dhaka is 17:59:59 UTC; one second later it is the 25th in Dhaka.
    const TimePoint lateOn24th = fromUnixSeconds(1'795'543'199);
    const auto visit = clinicDayAt(lateOn24th, "Asia/Dhaka");
    const auto nextMorning = clinicDayAt(lateOn24th + std::chrono::seconds(1), "Asia/Dhaka");
    CHECK(visit.date == "2026-11-24");
    CHECK(nextMorning.date == "2026-11-25");
    CHECK(daysBetween(visit.date, nextMorning.date) == 1);
    // A 7-day window: the visit on the 24th makes the 1st of December (7 days on) a follow-up, the 2nd not.
    CHECK(isFollowUp(visit.date, addDays(visit.date, 7), 7));
    CHECK_FALSE(isFollowUp(visit.date, addDays(visit.date, 8), 7));
    CHECK(addDays("2026-11-30", 1) == "2026-12-01");
    // Measured in UTC both instants are on the 24th; in Dhaka a day apart, and that is what counts.
    const auto lastOfWindow = clinicDayAt(lateOn24th + std::chrono::hours(24 * 7), "Asia/Dhaka");
    const auto firstAfter = clinicDayAt(lateOn24th + std::chrono::hours(24 * 7) + std::chrono::seconds(1), "Asia/Dhaka");
    CHECK(isFollowUp(visit.date, lastOfWindow.date, 7));
    CHECK_FALSE(isFollowUp(visit.date, firstAfter.date, 7));
    CHECK_FALSE(isFollowUp(std::nullopt, visit.date, 7));
    CHECK_FALSE(isFollowUp(visit.date, visit.date, 0));
}

TEST_CASE("each payment method's reference is checked: TrxID, UTR, card's last 4", "[billing][reference]") {
    CHECK(checkReference(PaymentMethod::Bkash, "9c7a1b2c3d").value == "9C7A1B2C3D");
    CHECK_FALSE(checkReference(PaymentMethod::Bkash, "9C7A1B2C3D").problem);
    CHECK(checkReference(PaymentMethod::Bkash, "9C7A1B2C").problem->field == "reference");
    CHECK(checkReference(PaymentMethod::Bkash, "9C7A1B2C3!").problem);
    CHECK_FALSE(checkReference(PaymentMethod::Nagad, "7AB3K9QX").problem);
    CHECK(checkReference(PaymentMethod::Nagad, "7AB").problem);
    CHECK_FALSE(checkReference(PaymentMethod::Upi, "4123 4567 8901").problem);
    CHECK(checkReference(PaymentMethod::Upi, "41234567890A").problem);
    CHECK(checkReference(PaymentMethod::Upi, "412345678901").value == "412345678901");
    CHECK_FALSE(checkReference(PaymentMethod::Card, "4242").problem);
    CHECK(checkReference(PaymentMethod::Card, "4242424242424242").problem);
    CHECK_FALSE(checkReference(PaymentMethod::Cash, "").problem);
    CHECK(checkReference(PaymentMethod::Cash, "X").problem);
    CHECK(parsePaymentMethod("bkash") == PaymentMethod::Bkash);
    CHECK_FALSE(parsePaymentMethod("paypal"));
    CHECK(isTransfer(PaymentMethod::Upi));
    CHECK_FALSE(isTransfer(PaymentMethod::Card));
}

TEST_CASE("a merchant QR image is base64 of a PNG or a JPEG", "[billing][settings]") {
    const std::string png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    CHECK(isQrImageBase64(png));
    CHECK(isQrImageBase64("/9j/4AAQSkZJRgABAQ=="));
    CHECK_FALSE(isQrImageBase64(""));
    CHECK_FALSE(isQrImageBase64("R0lGODlhAQABAAAAACw="));            // a GIF
    CHECK_FALSE(isQrImageBase64("aGVsbG8gd29ybGQ="));                // "hello world"
    CHECK_FALSE(isQrImageBase64(png.substr(0, png.size() - 1)));     // not a multiple of 4
    CHECK_FALSE(isQrImageBase64("data:image/png;base64," + png));   // a data URL, not the base64
    CHECK_FALSE(isQrImageBase64("iVBORw0KGgo AAAA"));               // a space
    CHECK_FALSE(isQrImageBase64("iVBORw0KGgo=AAA="));               // padding in the middle
    CHECK_FALSE(isQrImageBase64("iVBORw0KGgo\nAAAA"));              // a line break
}

TEST_CASE("a statement is read by its header names, quoted fields and all", "[billing][statement]") {
    const auto entries = billing::parseStatement(
        "\xEF\xBB\xBF" "Date Time,TrxID,Sender,Amount (BDT)\r\n"
        "2026-11-24 10:15:00,9C7A1B2C3D,01712345678,\"1,250.00\"\r\n"
        "\r\n"
        "24/11/2026 11:00,8B6A5D4E3F,\"Rahim, Karim\",500\r\n",
        PaymentMethod::Bkash);
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].lineNumber == 2);
    CHECK(entries[0].reference == "9C7A1B2C3D");
    CHECK(entries[0].amountMinor == 125000);
    CHECK(entries[0].clinicDay == "2026-11-24");
    CHECK(entries[1].lineNumber == 4);
    CHECK(entries[1].amountMinor == 50000);
    CHECK(entries[1].clinicDay == "2026-11-24");

    // Another layout, through the mapping.
    billing::ColumnMapping m;
    m.reference = "Bank Ref";
    m.amount = "Cr";
    const auto mapped = billing::parseStatement("Bank Ref,Cr\n412345678901,99.5\n", PaymentMethod::Upi, m);
    REQUIRE(mapped.size() == 1);
    CHECK(mapped[0].amountMinor == 9950);
}

TEST_CASE("a malformed statement fails naming its line and column", "[billing][statement]") {
    auto messageOf = [](std::string_view csv) -> std::string {
        try {
            billing::parseStatement(csv, PaymentMethod::Bkash);
        } catch (const Error& e) {
            CHECK(e.code() == ErrorCode::InvalidInput);
            CHECK(e.field() == "csv");
            return e.what();
        }
        return "no error";
    };
    CHECK(messageOf("TrxID,Amount\n9C7A1B2C3D,100\n8B6A5D4E3F,12x\n").find("line 3, column 2 (Amount)") == 0);
    CHECK(messageOf("TrxID,Amount\n9C7A1B2C3D,100\nBAD,100\n").find("line 3, column 1 (TrxID)") == 0);
    CHECK(messageOf("TrxID,Amount\n9C7A1B2C3D\n").find("line 2:") == 0);
    CHECK(messageOf("Ref,Amount\n9C7A1B2C3D,100\n").find("line 1:") == 0);
    CHECK(messageOf("TrxID,Amount\n9C7A1B2C3D,100\n9C7A1B2C3D,100\n").find("line 3, column 1") == 0);
    CHECK(messageOf("TrxID,Amount\n\"9C7A1B2C3D,100\n").find("line 2:") == 0);
    CHECK(messageOf("").find("line 1:") == 0);
    CHECK(messageOf("Date,TrxID,Amount\nyesterday,9C7A1B2C3D,100\n").find("line 2, column 1 (Date)") == 0);
}
