#pragma once
// Merchant statements as the bKash, Nagad and bank (UPI) portals export them:
// CSV with a header row (title lines before it are skipped). The columns that
// matter are found by their header names (the layouts in docs/billing.md), or
// by a mapping the admin gives for any other layout; a blank cell in a Credit
// or Deposit column is a debit line, skipped. Pure parsing: no database, no partial results; the first
// problem throws Error(InvalidInput, field "csv") naming the line and column.
#include "hub/domain/billing.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hub::billing {

// Header names of the columns in a layout the built-in names do not cover.
struct ColumnMapping {
    std::optional<std::string> reference;  // the transaction ID / UTR column
    std::optional<std::string> amount;
    std::optional<std::string> date;
};

struct StatementEntry {
    int lineNumber = 0;       // 1-based line of the file (the header is usually line 1)
    std::string reference;    // normalised like a recorded payment's reference
    long long amountMinor = 0;
    std::string occurred;     // the date cell as written ("" without a date column)
    std::optional<std::string> clinicDay;  // "2026-11-24" when the date cell reads as one
};

// REQUIRES: method is a transfer (bKash, Nagad, UPI).
std::vector<StatementEntry> parseStatement(std::string_view csv, domain::PaymentMethod method,
                                           const ColumnMapping& mapping = {});

// Splits CSV text into records of fields (RFC 4180 quoting, CRLF or LF), each
// with the line it starts on. Error naming the line for an unterminated quote.
struct CsvRecord {
    int lineNumber = 0;
    std::vector<std::string> fields;
};
std::vector<CsvRecord> splitCsv(std::string_view text);

}  // namespace hub::billing
