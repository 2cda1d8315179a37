// Each built-in statement layout read from a sample file (tests/data/statements),
// and a layout the built-in names do not know read through the column mapping.
#include "hub/billing/statement_csv.h"
#include "hub/core/error.h"

#include "support/catch.h"

#include <fstream>
#include <sstream>

using namespace hub;
using domain::PaymentMethod;

namespace {

std::string sample(const std::string& name) {
    std::ifstream in(std::string(CLINIC_HUB_SOURCE_DIR) + "/tests/data/statements/" + name, std::ios::binary);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string errorOf(std::string_view csv, PaymentMethod method, const billing::ColumnMapping& mapping = {}) {
    try {
        billing::parseStatement(csv, method, mapping);
    } catch (const Error& e) {
        CHECK(e.field() == "csv");
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("the bKash merchant layout: title lines before the header, TrxID, Amount (BDT), thousands separators",
          "[billing][statement][layout]") {
    const auto entries = billing::parseStatement(sample("bkash_merchant.csv"), PaymentMethod::Bkash);
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].lineNumber == 6);  // the header is line 5, after the title and a blank line
    CHECK(entries[0].reference == "9C7A1B2C3D");
    CHECK(entries[0].amountMinor == 50000);
    CHECK(entries[0].clinicDay == "2026-11-24");
    CHECK(entries[1].reference == "8B6A5D4E3F");
    CHECK(entries[1].amountMinor == 125000);  // the Balance column is not the amount
}

TEST_CASE("the Nagad merchant layout: Transaction ID, Amount, 24-Nov-2026 dates", "[billing][statement][layout]") {
    const auto entries = billing::parseStatement(sample("nagad_merchant.csv"), PaymentMethod::Nagad);
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].reference == "71K3DQ9A");
    CHECK(entries[0].amountMinor == 30000);
    CHECK(entries[0].clinicDay == "2026-11-24");
    CHECK(entries[1].reference == "7AB22XK9QP");
    CHECK(entries[1].amountMinor == 45050);
}

TEST_CASE("a UPI payment app's merchant report: Unique Transaction Reference and Transaction Amount",
          "[billing][statement][layout]") {
    const auto entries = billing::parseStatement(sample("upi_psp_report.csv"), PaymentMethod::Upi);
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].reference == "412345678901");
    CHECK(entries[0].amountMinor == 35000);
    CHECK(entries[1].amountMinor == 120000);
    CHECK(entries[1].clinicDay == "2026-11-24");
}

TEST_CASE("a bank account statement: UTR No and Credit, debit lines skipped, title lines before the header",
          "[billing][statement][layout]") {
    const auto entries = billing::parseStatement(sample("bank_upi.csv"), PaymentMethod::Upi);
    REQUIRE(entries.size() == 2);  // the ATM withdrawal has no credit
    CHECK(entries[0].lineNumber == 4);
    CHECK(entries[0].reference == "412345678901");
    CHECK(entries[0].amountMinor == 35000);
    CHECK(entries[1].lineNumber == 6);
    CHECK(entries[1].clinicDay == "2026-11-25");
}

TEST_CASE("any other layout through the column mapping: Chq./Ref.No., Deposit Amt., Value Dt with two-digit years",
          "[billing][statement][layout][mapping]") {
    const std::string csv = sample("bank_mapped.csv");
    // The built-in names find no transaction ID column here: the error says to map it.
    CHECK_THAT(errorOf(csv, PaymentMethod::Upi), Catch::Contains("columns.reference"));

    billing::ColumnMapping m;
    m.reference = "chq./ref.no.";  // compared case-insensitively
    m.amount = "Deposit Amt.";
    m.date = "Value Dt";
    const auto entries = billing::parseStatement(csv, PaymentMethod::Upi, m);
    REQUIRE(entries.size() == 2);  // the NEFT rent payment is a withdrawal
    CHECK(entries[0].reference == "412345678901");
    CHECK(entries[0].amountMinor == 35000);
    CHECK(entries[0].clinicDay == "2026-11-24");
    CHECK(entries[1].reference == "412345678903");
    CHECK(entries[1].clinicDay == "2026-11-25");

    // A mapping naming a column the file does not have is refused, naming it.
    billing::ColumnMapping wrongDate = m;
    wrongDate.date = "Posting Date";
    CHECK_THAT(errorOf(csv, PaymentMethod::Upi, wrongDate), Catch::Contains("no column is headed 'Posting Date'"));
    billing::ColumnMapping wrongAmount = m;
    wrongAmount.amount = "Cr Amt";
    CHECK_THAT(errorOf(csv, PaymentMethod::Upi, wrongAmount), Catch::Contains("'Cr Amt'"));
    // A mapped amount column that is not a credit column must be filled on every line.
    billing::ColumnMapping withdrawals = m;
    withdrawals.amount = "Withdrawal Amt.";
    CHECK_THAT(errorOf(csv, PaymentMethod::Upi, withdrawals), Catch::StartsWith("line 2, column 5 (Withdrawal Amt.)"));
}

TEST_CASE("a credit column's blank cell is a debit, but a filled line is still checked", "[billing][statement][layout]") {
    CHECK(billing::parseStatement("UTR No,Credit\n412345678901,\n", PaymentMethod::Upi).empty());
    CHECK_THAT(errorOf("UTR No,Credit\n412345678901,abc\n", PaymentMethod::Upi),
               Catch::StartsWith("line 2, column 2 (Credit)"));
    // "Amount" is not a credit column: a blank amount is an error, naming the line.
    CHECK_THAT(errorOf("TrxID,Amount\n9C7A1B2C3D,\n", PaymentMethod::Bkash), Catch::StartsWith("line 2, column 2 (Amount)"));
}
