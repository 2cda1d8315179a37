#pragma once
// printReceipt: the payment receipt sent to the clinic's network receipt
// printer, the printer and renderer the token slips use (one printer object,
// so a slip and a receipt never interleave on the wire). The receipt is the
// same ESC/POS raster getReceiptPrint gives with format=escpos.
#include "hub/audit/audit_log.h"
#include "hub/auth/actor.h"
#include "hub/billing/billing_service.h"
#include "hub/billing/receipt.h"
#include "hub/slip/slip_service.h"
#include "hub/store/database.h"

#include <cstddef>
#include <optional>
#include <string>

namespace hub::billing {

struct ReceiptPrintResult {
    std::string printer;  // the address the job went to
    ReceiptPaper paper = ReceiptPaper::Mm80;
    std::size_t bytes = 0;
    std::string invoiceNumber;
    domain::Language language = domain::Language::English;  // the patient's, which the receipt puts first
};

class ReceiptPrinter {
public:
    ReceiptPrinter(store::Database& db, audit::AuditLog& audit, BillingService& billing, slip::SlipService& slips)
        : db_(db), audit_(audit), billing_(billing), slips_(slips) {}

    // The ESC/POS job of the receipt (getReceiptPrint with format=escpos).
    std::string escPos(const auth::ActorContext& actor, long long invoiceId, ReceiptPaper paper);

    // Sends the receipt to the printer, on `paper` (default the printer's
    // configured width; A5 is a browser page and prints as 80 mm). NotFound
    // naming "id"; Conflict naming "printer.address" when no printer is
    // configured; Unavailable naming it when the printer cannot be reached.
    // Audited as billing.receipt_send with the patient and the printer.
    ReceiptPrintResult print(const auth::ActorContext& actor, long long invoiceId, std::optional<ReceiptPaper> paper);

private:
    store::Database& db_;
    audit::AuditLog& audit_;
    BillingService& billing_;
    slip::SlipService& slips_;
};

}  // namespace hub::billing
