#include "hub/billing/statement_csv.h"

#include "hub/core/error.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>

namespace hub::billing {
namespace {

std::string lower(std::string_view s) {
    std::string out;
    for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string trimmed(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return std::string(s);
}

// Header names the built-in layouts use; compared lower-cased and trimmed.
// None of these is verified against a portal's published export format (none
// of bKash, Nagad or the banks publishes one): they are the names seen on
// exports and screenshots, and docs/billing.md lists each layout's standing.
// columns.{reference,amount,date} covers anything else.
const std::vector<std::string> referenceNames = {"trxid", "trx id", "transaction id", "txnid", "txn id",
                                                 "transaction no", "transaction number", "utr", "utr no",
                                                 "utr number", "bank reference no", "rrn", "reference no",
                                                 "unique transaction reference", "upi ref no", "upi transaction id"};
const std::vector<std::string> amountNames = {"amount", "amount (bdt)", "amount(bdt)", "amount (inr)", "amount(inr)",
                                              "transaction amount", "txn amount", "credit", "credit amount",
                                              "deposit", "deposit amount", "deposit amt."};
const std::vector<std::string> dateNames = {"date", "date time", "datetime", "date & time", "transaction date",
                                            "transaction date time", "txn date", "transaction time", "time",
                                            "value date", "created at"};

// How many records may come before the header: exports open with a title,
// the account and the period before the table.
constexpr std::size_t maxPreambleRecords = 20;

// A bank statement's credit column is blank on the lines that are debits
// (money going out): those lines are not payments to the clinic and are
// skipped, not refused. Any other amount column must be filled on every line.
bool isCreditColumn(const std::string& header) {
    const std::string h = lower(trimmed(header));
    return h.rfind("credit", 0) == 0 || h.rfind("deposit", 0) == 0 || h == "cr";
}

std::optional<std::size_t> findColumn(const std::vector<std::string>& header, const std::optional<std::string>& mapped,
                                      const std::vector<std::string>& names) {
    for (std::size_t i = 0; i < header.size(); ++i) {
        const std::string h = lower(trimmed(header[i]));
        if (mapped) {
            if (h == lower(trimmed(*mapped))) return i;
        } else if (std::find(names.begin(), names.end(), h) != names.end()) {
            return i;
        }
    }
    return std::nullopt;
}

Error at(int line, std::optional<std::size_t> column, const std::vector<std::string>& header, std::string message) {
    std::string where = "line " + std::to_string(line);
    if (column) {
        where += ", column " + std::to_string(*column + 1);
        if (*column < header.size()) where += " (" + trimmed(header[*column]) + ")";
    }
    return invalidInput("csv", where + ": " + message);
}

// "2026-11-24 10:15", "24/11/2026 10:15:00", "24-11-2026", "24-Nov-2026" ... as a clinic day.
std::optional<std::string> dayOf(std::string_view text) {
    const std::string t = trimmed(text);
    int y = 0, m = 0, d = 0;
    char month[4] = {};
    auto valid = [&] { return y >= 2000 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31; };
    if (std::sscanf(t.c_str(), "%4d-%2d-%2d", &y, &m, &d) == 3 && valid()) {
    } else if ((std::sscanf(t.c_str(), "%2d/%2d/%4d", &d, &m, &y) == 3 ||
                std::sscanf(t.c_str(), "%2d-%2d-%4d", &d, &m, &y) == 3) &&
               (y = y < 100 ? y + 2000 : y, valid())) {  // "24/11/26": bank statements write two-digit years
    } else if (std::sscanf(t.c_str(), "%2d-%3c-%4d", &d, month, &y) == 3) {
        static const char* names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                      "jul", "aug", "sep", "oct", "nov", "dec"};
        const std::string mon = lower(std::string_view(month, 3));
        m = 0;
        for (int i = 0; i < 12; ++i)
            if (mon == names[i]) m = i + 1;
        if (!valid()) return std::nullopt;
    } else {
        return std::nullopt;
    }
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return std::string(buf);
}

}  // namespace

std::vector<CsvRecord> splitCsv(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a spreadsheet's byte-order mark
    std::vector<CsvRecord> records;
    CsvRecord current;
    std::string field;
    bool quoted = false, fieldStarted = false;
    int line = 1;
    current.lineNumber = 1;
    auto endRecord = [&] {
        current.fields.push_back(std::move(field));
        field.clear();
        fieldStarted = false;
        const bool blank = current.fields.size() == 1 && trimmed(current.fields[0]).empty();
        if (!blank) records.push_back(std::move(current));
        current = CsvRecord{};
    };
    int quoteLine = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n') ++line;
                field += c;
            }
            continue;
        }
        if (c == '"' && !fieldStarted) {
            quoted = fieldStarted = true;
            quoteLine = line;
        } else if (c == ',') {
            current.fields.push_back(std::move(field));
            field.clear();
            fieldStarted = false;
        } else if (c == '\r') {
            // CRLF: the '\n' ends the record.
        } else if (c == '\n') {
            endRecord();
            ++line;
            current.lineNumber = line;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (quoted) throw invalidInput("csv", "line " + std::to_string(quoteLine) + ": a quoted field is never closed");
    if (fieldStarted || !field.empty() || !current.fields.empty()) endRecord();
    return records;
}

std::vector<StatementEntry> parseStatement(std::string_view csv, domain::PaymentMethod method,
                                           const ColumnMapping& mapping) {
    const auto records = splitCsv(csv);
    if (records.empty()) throw invalidInput("csv", "line 1: the statement is empty (a header row is needed)");
    // The header is the first record naming both a transaction ID and an
    // amount column (by the built-in names or the mapping).
    std::size_t headIndex = 0;
    for (std::size_t i = 0; i < records.size() && i < maxPreambleRecords; ++i)
        if (findColumn(records[i].fields, mapping.reference, referenceNames) &&
            findColumn(records[i].fields, mapping.amount, amountNames)) {
            headIndex = i;
            break;
        }
    const CsvRecord& head = records[headIndex];
    const auto& header = head.fields;
    const auto refColumn = findColumn(header, mapping.reference, referenceNames);
    const auto amountColumn = findColumn(header, mapping.amount, amountNames);
    const auto dateColumn = findColumn(header, mapping.date, dateNames);
    if (!refColumn)
        throw at(head.lineNumber, std::nullopt, header,
                 mapping.reference ? "no column is headed '" + *mapping.reference + "'"
                                   : "no transaction ID column (TrxID, Transaction ID, UTR ...): name it in "
                                     "columns.reference");
    if (!amountColumn)
        throw at(head.lineNumber, std::nullopt, header,
                 mapping.amount ? "no column is headed '" + *mapping.amount + "'"
                                : "no amount column (Amount, Transaction Amount, Credit ...): name it in columns.amount");
    if (mapping.date && !dateColumn)
        throw at(head.lineNumber, std::nullopt, header, "no column is headed '" + *mapping.date + "'");
    const bool creditColumn = isCreditColumn(header[*amountColumn]);

    std::vector<StatementEntry> out;
    std::set<std::string> seen;
    for (std::size_t r = headIndex + 1; r < records.size(); ++r) {
        const CsvRecord& rec = records[r];
        if (rec.fields.size() != header.size())
            throw at(rec.lineNumber, std::nullopt, header,
                     std::to_string(rec.fields.size()) + " columns where the header has " +
                         std::to_string(header.size()));
        if (creditColumn && trimmed(rec.fields[*amountColumn]).empty()) continue;  // a debit line
        StatementEntry e;
        e.lineNumber = rec.lineNumber;
        const auto ref = domain::checkReference(method, rec.fields[*refColumn]);
        if (ref.problem)
            throw at(rec.lineNumber, refColumn, header,
                     "'" + trimmed(rec.fields[*refColumn]) + "' is not a transaction ID: " + ref.problem->message);
        e.reference = ref.value;
        if (!seen.insert(e.reference).second)
            throw at(rec.lineNumber, refColumn, header, "transaction ID " + e.reference + " appears twice");
        const auto amount = domain::parseAmountText(rec.fields[*amountColumn]);
        if (!amount || *amount <= 0)
            throw at(rec.lineNumber, amountColumn, header,
                     "'" + trimmed(rec.fields[*amountColumn]) +
                         "' is not an amount (a positive number with at most two decimals)");
        e.amountMinor = *amount;
        if (dateColumn) {
            e.occurred = trimmed(rec.fields[*dateColumn]);
            e.clinicDay = dayOf(e.occurred);
            if (!e.clinicDay)
                throw at(rec.lineNumber, dateColumn, header, "'" + e.occurred + "' is not a date");
        }
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace hub::billing
