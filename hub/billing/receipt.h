#pragma once
// The payment receipt, bilingual (English and Bangla labels side by side, the
// patient's preferred language first):
// an A5 page or 58/80 mm thermal paper as HTML for the browser's print
// dialog, and the thermal raster as an ESC/POS job for the network printer.
// One ordered list of rows feeds both, so the page and the paper agree.
#include "hub/billing/billing_service.h"
#include "hub/domain/clinic.h"
#include "hub/slip/slip_raster.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hub::billing {

enum class ReceiptPaper { A5, Mm58, Mm80 };
std::optional<ReceiptPaper> parseReceiptPaper(std::string_view name);  // "a5", "58", "80"
std::string_view receiptPaperName(ReceiptPaper paper);

struct ReceiptRow {
    enum class Kind {
        Clinic,   // letterhead: the clinic's name
        Header,   // letterhead: Bangla name, address, phone, tagline
        Title,    // "Receipt / রসিদ"
        Field,    // label and value: invoice number, date, patient, doctor
        Item,     // an invoice line and its amount
        Total,    // subtotal, discount, total, paid, balance
        Payment,  // a payment or refund
        Note,     // void notice, cashier, footer
        Qr,       // the UPI QR for the balance (text is the upi:// payload)
    };
    Kind kind;
    std::string left;
    std::string right;
};

using ReceiptInput = BillingService::ReceiptData;

std::vector<ReceiptRow> receiptRows(const ReceiptInput& in);

inline constexpr std::string_view receiptStylesheetPath = "/assets/receipt.css";
std::string receiptHtml(const ReceiptInput& in, ReceiptPaper paper);
std::string receiptStylesheet(ReceiptPaper paper);

// One row as it prints on 58 or 80 mm paper (A5 prints as 80), the full
// paper width: the receipt's raster is these stacked top to bottom.
slip::Bitmap receiptRowImage(slip::SlipRenderer& renderer, const ReceiptRow& row, ReceiptPaper paper);

// The receipt as an ESC/POS raster job for 58 or 80 mm paper (A5 prints as 80).
std::string receiptEscPos(slip::SlipRenderer& renderer, const ReceiptInput& in, ReceiptPaper paper);

}  // namespace hub::billing
