#pragma once
// The money rules of billing, as plain functions over integers. Amounts are
// always integer minor units (poisha, paise): nothing here, or anywhere in the
// hub's billing, uses floating point, so no amount is ever rounded.
#include "hub/domain/field_problem.h"
#include "hub/domain/staff.h"

#include <optional>
#include <string>
#include <string_view>

namespace hub::domain {

// One currency per clinic.
enum class Currency { BDT, INR };
inline constexpr std::string_view currencyNames[] = {"BDT", "INR"};  // in enum order
std::string_view currencyName(Currency c);
std::optional<Currency> parseCurrency(std::string_view name);

// The defaults by country: Bangladesh's fiscal year starts in July, India's in April.
Currency defaultCurrency(std::string_view country);
int defaultFiscalYearStartMonth(std::string_view country);

// "1,250.50" style text for an amount in minor units (100 minor units per
// unit in both currencies), with Bangla digits when bangla is set:
// formatAmount(125050) == "1,250.50", formatAmount(-500) == "-5.00".
std::string formatAmount(long long minor, bool bangla = false);
// "৳ 1,250.50" or "₹ 1,250.50".
std::string formatMoney(long long minor, Currency c, bool bangla = false);

// Parses a decimal amount as a statement or a person writes it ("1250",
// "1,250.5", "1250.50", "৳1,250.00") into minor units, exactly: at most two
// decimals, no exponent, no sign. nullopt for anything else.
std::optional<long long> parseAmountText(std::string_view text);

// The largest amount the hub accepts on one line or payment: 10 crore in
// minor units. Sums of many such amounts stay far inside a 64-bit integer.
inline constexpr long long maxAmountMinor = 10'000'000'000LL;

// How a patient paid.
enum class PaymentMethod { Cash, Bkash, Nagad, Upi, Card };
inline constexpr std::string_view paymentMethodNames[] = {"cash", "bkash", "nagad", "upi", "card"};  // in enum order
std::string_view paymentMethodName(PaymentMethod m);
std::optional<PaymentMethod> parsePaymentMethod(std::string_view name);
// Methods whose reference is a transfer's id, recorded once per clinic and
// matched against the provider's statement.
bool isTransfer(PaymentMethod m);

// Checks and normalises the reference a method needs: a bKash TrxID (10
// letters and digits, e.g. "9C7A1B2C3D"), a Nagad TxnID (8 to 12 letters and
// digits), a UPI UTR (12 digits), a card's last 4 digits; none for cash.
// Letters come back upper-cased, spaces removed. The problem names "reference".
struct Reference {
    std::string value;
    std::optional<FieldProblem> problem;
};
Reference checkReference(PaymentMethod m, std::string_view reference);

// A merchant QR image as the admin uploads it: standard base64 (padded, no
// line breaks) of a PNG or a JPEG. Their first bytes fix how the text starts
// ("iVBORw0KGgo" for PNG's signature, "/9j/" for JPEG's FF D8 FF), so no
// decoding is needed to tell; the payment screens show it as an image.
bool isQrImageBase64(std::string_view base64);

// Discounts: who may give how much. A receptionist or cashier may discount an
// invoice up to capPercent of its charges; more needs an admin. Integer
// arithmetic: discount * 100 <= cap * charges, so nothing is rounded.
bool discountWithinCap(long long discountMinor, long long chargesMinor, int capPercent);
bool mayDiscountBeyondCap(Role role);

// The fiscal year a clinic day ("2026-11-24") falls in, named by the calendar
// year it starts in: with a July start, 2026-07-01 .. 2027-06-30 is 2026.
int fiscalYearOf(std::string_view clinicDay, int startMonth);

// "INV-2026-000123". Sequence numbers run 1, 2, 3 ... per fiscal year.
std::string invoiceNumber(int fiscalYear, long long sequence);

// Days from one clinic day to another ("2026-11-24" to "2026-11-30" is 6),
// by the calendar, so a visit at 23:59 and one at 00:01 are a day apart.
long long daysBetween(std::string_view fromDay, std::string_view toDay);

// A return visit is a follow-up when the last visit to the same doctor was at
// most windowDays clinic days before today (0 = the doctor has no follow-up fee).
bool isFollowUp(std::optional<std::string_view> lastVisitDay, std::string_view today, int windowDays);

// The clinic day n days after day ("2026-11-30" + 1 = "2026-12-01").
std::string addDays(std::string_view day, int n);

}  // namespace hub::domain
