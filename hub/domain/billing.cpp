#include "hub/domain/billing.h"

#include "hub/domain/names.h"

#include <date/date.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

namespace hub::domain {
namespace {

constexpr std::array<std::string_view, 10> banglaDigits = {"০", "১", "২", "৩", "৪", "৫", "৬", "৭", "৮", "৯"};

std::string toBanglaDigits(const std::string& s) {
    std::string out;
    for (char ch : s) {
        if (ch >= '0' && ch <= '9') out += banglaDigits[static_cast<std::size_t>(ch - '0')];
        else out += ch;
    }
    return out;
}

std::optional<date::year_month_day> parseDay(std::string_view day) {
    int y = 0, m = 0, d = 0;
    if (day.size() != 10 || std::sscanf(std::string(day).c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3) return std::nullopt;
    date::year_month_day ymd{date::year(y), date::month(static_cast<unsigned>(m)), date::day(static_cast<unsigned>(d))};
    if (!ymd.ok()) return std::nullopt;
    return ymd;
}

bool alnum(std::string_view s) {
    for (char c : s)
        if (!std::isalnum(static_cast<unsigned char>(c))) return false;
    return true;
}
bool digits(std::string_view s) {
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

}  // namespace

std::string_view currencyName(Currency c) { return nameIn(currencyNames, c); }

std::optional<Currency> parseCurrency(std::string_view name) { return parseNameIn<Currency>(currencyNames, name); }

Currency defaultCurrency(std::string_view country) { return country == "IN" ? Currency::INR : Currency::BDT; }
int defaultFiscalYearStartMonth(std::string_view country) { return country == "IN" ? 4 : 7; }

std::string formatAmount(long long minor, bool bangla) {
    const bool negative = minor < 0;
    // Negate in unsigned arithmetic: -LLONG_MIN does not fit in a long long.
    unsigned long long magnitude = negative ? 0ULL - static_cast<unsigned long long>(minor)
                                            : static_cast<unsigned long long>(minor);
    const unsigned long long whole = magnitude / 100, cents = magnitude % 100;
    std::string w = std::to_string(whole), grouped;
    for (std::size_t i = 0; i < w.size(); ++i) {
        if (i > 0 && (w.size() - i) % 3 == 0) grouped += ',';
        grouped += w[i];
    }
    std::string text = (negative ? "-" : "") + grouped + "." + (cents < 10 ? "0" : "") + std::to_string(cents);
    return bangla ? toBanglaDigits(text) : text;
}

std::string formatMoney(long long minor, Currency c, bool bangla) {
    return std::string(c == Currency::INR ? "₹ " : "৳ ") + formatAmount(minor, bangla);
}

std::optional<long long> parseAmountText(std::string_view text) {
    // Trim spaces and a leading currency sign or code.
    auto trim = [](std::string_view& s) {
        while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    };
    trim(text);
    for (std::string_view prefix : {"৳", "₹", "Tk.", "Tk", "BDT", "INR", "Rs.", "Rs"})
        if (text.substr(0, prefix.size()) == prefix) {
            text.remove_prefix(prefix.size());
            trim(text);
            break;
        }
    // Thousands separators sit between digits: "1,250" yes, "12," and "1,,2" no.
    if (text.empty() || text.back() == ',' || text.find(",,") != std::string_view::npos ||
        text.find(",.") != std::string_view::npos)
        return std::nullopt;
    long long whole = 0;
    int wholeDigits = 0, fractionDigits = 0, fraction = 0;
    bool inFraction = false;
    for (char c : text) {
        if (c == ',' && !inFraction && wholeDigits > 0) continue;
        if (c == '.' && !inFraction) {
            inFraction = true;
            continue;
        }
        if (c < '0' || c > '9') return std::nullopt;
        if (inFraction) {
            if (++fractionDigits > 2) return std::nullopt;
            fraction = fraction * 10 + (c - '0');
        } else {
            if (++wholeDigits > 12) return std::nullopt;
            whole = whole * 10 + (c - '0');
        }
    }
    if (wholeDigits == 0 || (inFraction && fractionDigits == 0)) return std::nullopt;
    if (fractionDigits == 1) fraction *= 10;
    const long long minor = whole * 100 + fraction;
    if (minor > maxAmountMinor) return std::nullopt;
    return minor;
}

std::string_view paymentMethodName(PaymentMethod m) { return nameIn(paymentMethodNames, m); }

std::optional<PaymentMethod> parsePaymentMethod(std::string_view name) {
    return parseNameIn<PaymentMethod>(paymentMethodNames, name);
}

bool isTransfer(PaymentMethod m) {
    return m == PaymentMethod::Bkash || m == PaymentMethod::Nagad || m == PaymentMethod::Upi;
}

bool isQrImageBase64(std::string_view b) {
    if (b.size() % 4 != 0 || !(b.starts_with("iVBORw0KGgo") || b.starts_with("/9j/"))) return false;
    const auto padding = b.find('=');
    if (padding != std::string_view::npos &&
        (padding + 2 < b.size() || b.find_first_not_of('=', padding) != std::string_view::npos))
        return false;
    const auto body = b.substr(0, padding);
    return std::all_of(body.begin(), body.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/';
    });
}

Reference checkReference(PaymentMethod m, std::string_view reference) {
    std::string v;
    for (char c : reference)
        if (c != ' ' && c != '-') v += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    auto problem = [&](std::string message) { return Reference{v, FieldProblem{"reference", std::move(message)}}; };
    switch (m) {
        case PaymentMethod::Cash:
            if (!v.empty()) return problem("a cash payment has no reference");
            break;
        case PaymentMethod::Bkash:
            if (v.size() != 10 || !alnum(v)) return problem("a bKash TrxID is 10 letters and digits, e.g. 9C7A1B2C3D");
            break;
        case PaymentMethod::Nagad:
            if (v.size() < 8 || v.size() > 12 || !alnum(v))
                return problem("a Nagad transaction ID is 8 to 12 letters and digits");
            break;
        case PaymentMethod::Upi:
            if (v.size() != 12 || !digits(v)) return problem("a UPI UTR is 12 digits");
            break;
        case PaymentMethod::Card:
            if (v.size() != 4 || !digits(v)) return problem("give the last 4 digits of the card");
            break;
    }
    return Reference{v, std::nullopt};
}

bool discountWithinCap(long long discountMinor, long long chargesMinor, int capPercent) {
    if (discountMinor < 0 || chargesMinor < 0 || capPercent < 0) return false;
    if (discountMinor > chargesMinor) return false;
    // Both sides stay below 2^63: amounts are capped far below 2^56.
    return discountMinor * 100 <= static_cast<long long>(capPercent) * chargesMinor;
}

bool mayDiscountBeyondCap(Role role) { return role == Role::Admin; }

int fiscalYearOf(std::string_view clinicDay, int startMonth) {
    const auto ymd = parseDay(clinicDay);
    if (!ymd) return 0;
    const int year = static_cast<int>(ymd->year());
    const int month = static_cast<int>(static_cast<unsigned>(ymd->month()));
    return month >= startMonth ? year : year - 1;
}

std::string invoiceNumber(int fiscalYear, long long sequence) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "INV-%04d-%06lld", fiscalYear, sequence);
    return buf;
}

long long daysBetween(std::string_view fromDay, std::string_view toDay) {
    const auto a = parseDay(fromDay), b = parseDay(toDay);
    if (!a || !b) return 0;
    return (date::sys_days(*b) - date::sys_days(*a)).count();
}

bool isFollowUp(std::optional<std::string_view> lastVisitDay, std::string_view today, int windowDays) {
    if (!lastVisitDay || windowDays <= 0) return false;
    const long long d = daysBetween(*lastVisitDay, today);
    return d >= 0 && d <= windowDays;
}

std::string addDays(std::string_view day, int n) {
    const auto ymd = parseDay(day);
    if (!ymd) return std::string(day);
    return date::format("%F", date::year_month_day(date::sys_days(*ymd) + date::days(n)));
}

}  // namespace hub::domain
