#include "hub/billing/receipt.h"

#include "hub/core/text.h"
#include "hub/opd/prescription_print.h"
#include "hub/qr/qr_code.h"
#include "hub/slip/escpos.h"
#include "hub/slip/token_slip.h"

#include <algorithm>

namespace hub::billing {
namespace {

// A bilingual label with the patient's language first: the receipt is read by
// the patient, and the clinic's books read either half.
struct Labels {
    bool bn = false;
    std::string operator()(std::string_view en, std::string_view bangla) const {
        return bn ? std::string(bangla) + " / " + std::string(en) : std::string(en) + " / " + std::string(bangla);
    }
};

std::string methodLabel(std::string_view m, const Labels& label) {
    if (m == "cash") return label("Cash", "নগদ");
    if (m == "bkash") return label("bKash", "বিকাশ");
    if (m == "nagad") return label("Nagad", "নগদ (মোবাইল)");
    if (m == "upi") return "UPI";
    return label("Card", "কার্ড");
}

std::string dayText(const std::string& isoDay) {  // "2026-11-24" -> "24-11-2026", as the slips print dates
    if (isoDay.size() != 10) return isoDay;
    return isoDay.substr(8, 2) + "-" + isoDay.substr(5, 2) + "-" + isoDay.substr(0, 4);
}

slip::PaperWidth widthOf(ReceiptPaper p) { return p == ReceiptPaper::Mm58 ? slip::PaperWidth::Mm58 : slip::PaperWidth::Mm80; }

}  // namespace

std::optional<ReceiptPaper> parseReceiptPaper(std::string_view name) {
    if (name == "a5" || name == "A5") return ReceiptPaper::A5;
    if (name == "58") return ReceiptPaper::Mm58;
    if (name == "80") return ReceiptPaper::Mm80;
    return std::nullopt;
}

std::string_view receiptPaperName(ReceiptPaper paper) {
    return paper == ReceiptPaper::A5 ? "a5" : paper == ReceiptPaper::Mm58 ? "58" : "80";
}

std::vector<ReceiptRow> receiptRows(const ReceiptInput& in) {
    using K = ReceiptRow::Kind;
    const auto& inv = in.invoice;
    const auto cur = in.settings.currency;
    auto amount = [&](long long minor) { return domain::formatMoney(minor, cur); };
    const Labels label{in.language == domain::Language::Bangla};
    std::vector<ReceiptRow> rows;
    // The letterhead: the clinic's name in the patient's language on top, the other under it.
    const bool bnFirst = label.bn && !in.clinic.nameBn.empty();
    rows.push_back({K::Clinic, bnFirst ? in.clinic.nameBn : in.clinic.name, ""});
    for (const auto& h : {bnFirst ? in.clinic.name : in.clinic.nameBn, in.clinic.letterheadTagline, in.clinic.address,
                          in.clinic.phone})
        if (!h.empty()) rows.push_back({K::Header, h, ""});
    rows.push_back({K::Title, label("Receipt", "রসিদ"), ""});
    rows.push_back({K::Field, label("Invoice", "চালান নং"), inv.number});
    rows.push_back({K::Field, label("Date", "তারিখ"), dayText(inv.clinicDay)});
    rows.push_back({K::Field, label("Patient", "রোগী"), inv.patientName + " (" + inv.patientMrn + ")"});
    if (!inv.doctorName.empty())
        rows.push_back({K::Field, label("Doctor", "ডাক্তার"), inv.doctorNameBn.empty() ? inv.doctorName
                                 : label.bn ? inv.doctorNameBn + " / " + inv.doctorName
                                            : inv.doctorName + " / " + inv.doctorNameBn});
    for (const auto& l : inv.lines) {
        std::string text = l.descriptionBn.empty() ? l.descriptionEn : label(l.descriptionEn, l.descriptionBn);
        if (l.quantity > 1) text += " × " + std::to_string(l.quantity);
        if (!l.reason.empty()) text += " (" + l.reason + ")";
        rows.push_back({K::Item, text, amount(l.amountMinor)});
    }
    if (inv.discountMinor > 0) {
        rows.push_back({K::Total, label("Subtotal", "উপমোট"), amount(inv.chargesMinor)});
        rows.push_back({K::Total, label("Discount", "ছাড়"), amount(-inv.discountMinor)});
    }
    rows.push_back({K::Total, label("Total", "মোট"), amount(inv.totalMinor())});
    for (const auto& p : inv.payments) {
        long long share = 0;
        for (const auto& a : p.allocations)
            if (a.invoiceId == inv.id) share = a.amountMinor;
        const bool refund = p.kind == "refund";
        std::string text = (refund ? label("Refund", "ফেরত") + ": " : "") + methodLabel(p.method, label);
        if (!p.reference.empty()) text += " " + (p.method == "card" ? "••••" + p.reference : p.reference);
        text += ", " + dayText(p.clinicDay);
        rows.push_back({K::Payment, text, amount(refund ? -share : share)});
    }
    rows.push_back({K::Total, label("Paid", "পরিশোধিত"), amount(inv.paidMinor)});
    rows.push_back({K::Total, label("Balance due", "বাকি"), amount(inv.balanceMinor())});
    if (inv.voided) rows.push_back({K::Note, label("VOID", "বাতিল") + ": " + inv.voidReason, ""});
    if (!in.upiPayload.empty() && inv.balanceMinor() > 0) {
        rows.push_back({K::Note, label("Scan to pay by UPI", "UPI দিয়ে পরিশোধ করুন"), ""});
        rows.push_back({K::Qr, in.upiPayload, ""});
    }
    rows.push_back({K::Note, label("Cashier", "ক্যাশিয়ার") + ": " + in.cashierName, ""});
    if (!in.clinic.letterheadFooter.empty()) rows.push_back({K::Note, in.clinic.letterheadFooter, ""});
    return rows;
}

std::string receiptStylesheet(ReceiptPaper paper) {
    const bool a5 = paper == ReceiptPaper::A5;
    const std::string width = paper == ReceiptPaper::Mm58 ? "58mm" : "80mm";
    std::string css = "@font-face {\n  font-family: \"Noto Sans Bengali\";\n  src: url(\"" +
                      std::string(opd::bengaliFontPath) + "\") format(\"truetype\");\n}\n";
    css += a5 ? "@page { size: A5 portrait; margin: 10mm; }\n"
              : "@page { size: " + width + " auto; margin: 2mm; }\nbody { width: " + width + "; }\n";
    css += "body { font-family: \"Noto Sans\", \"Noto Sans Bengali\", sans-serif; font-size: " +
           std::string(a5 ? "11pt" : "9pt") + "; margin: 0; }\n"
           ".clinic { font-size: 150%; font-weight: bold; text-align: center; margin: 0; }\n"
           ".header { text-align: center; margin: 0; }\n"
           ".title { text-align: center; font-weight: bold; border-top: 1px solid #000; border-bottom: 1px solid "
           "#000; margin: 2mm 0; }\n"
           "table { width: 100%; border-collapse: collapse; }\n"
           "td.amount { text-align: right; white-space: nowrap; }\n"
           "tr.total td { font-weight: bold; border-top: 1px solid #000; }\n"
           ".note { margin: 1mm 0; }\n"
           ".qr svg { width: 40mm; height: 40mm; display: block; margin: 0 auto; }\n";
    return css;
}

std::string receiptHtml(const ReceiptInput& in, ReceiptPaper paper) {
    using K = ReceiptRow::Kind;
    std::string h = "<!DOCTYPE html>\n<html lang=\"" + std::string(domain::languageName(in.language)) + "\"><head><meta charset=\"utf-8\"><title>" +
                    htmlEscape(in.invoice.number) + "</title><link rel=\"stylesheet\" href=\"" +
                    std::string(receiptStylesheetPath) + "?paper=" + std::string(receiptPaperName(paper)) +
                    "\"></head><body>\n";
    bool inTable = false;
    auto table = [&](bool open) {
        if (open && !inTable) h += "<table>\n";
        if (!open && inTable) h += "</table>\n";
        inTable = open;
    };
    for (const auto& r : receiptRows(in)) {
        const bool tabular = r.kind == K::Field || r.kind == K::Item || r.kind == K::Total || r.kind == K::Payment;
        table(tabular);
        switch (r.kind) {
            case K::Clinic: h += "<p class=\"clinic\">" + htmlEscape(r.left) + "</p>\n"; break;
            case K::Header: h += "<p class=\"header\">" + htmlEscape(r.left) + "</p>\n"; break;
            case K::Title: h += "<p class=\"title\">" + htmlEscape(r.left) + "</p>\n"; break;
            case K::Note: h += "<p class=\"note\">" + htmlEscape(r.left) + "</p>\n"; break;
            case K::Qr: h += "<div class=\"qr\">" + qr::QrCode::encode(r.left).svg("UPI") + "</div>\n"; break;
            default:
                h += std::string("<tr") + (r.kind == K::Total ? " class=\"total\"" : "") + "><td>" + htmlEscape(r.left) +
                     "</td><td class=\"amount\">" + htmlEscape(r.right) + "</td></tr>\n";
        }
    }
    table(false);
    h += "</body></html>\n";
    return h;
}

slip::Bitmap receiptRowImage(slip::SlipRenderer& renderer, const ReceiptRow& r, ReceiptPaper paper) {
    using K = ReceiptRow::Kind;
    const int width = slip::printableDots(widthOf(paper));
    if (r.kind == K::Qr) return slip::qrBitmap(r.left, width);
    const int margin = width / 48;  // ~1 mm each side: printers drop the edge dots
    const int small = width >= 576 ? 24 : 20;
    const int size = r.kind == K::Clinic ? small * 3 / 2 : r.kind == K::Title ? small * 5 / 4 : small;
    const bool bold = r.kind == K::Clinic || r.kind == K::Title || r.kind == K::Total;
    if (r.right.empty()) {
        auto t = renderer.renderText(r.left, size, width - 2 * margin, bold);
        slip::Bitmap b(width, t.image.height());
        b.draw(t.image, margin, 0);
        return b;
    }
    // Label on the left two thirds, the amount in the right third.
    const int right = (width - 2 * margin) / 3;
    auto label = renderer.renderText(r.left, size, width - 2 * margin - right, bold);
    auto value = renderer.renderText(r.right, size, right, bold);
    slip::Bitmap b(width, std::max(label.image.height(), value.image.height()));
    b.draw(label.image, margin, 0);
    b.draw(value.image, width - margin - right, 0);
    return b;
}

std::string receiptEscPos(slip::SlipRenderer& renderer, const ReceiptInput& in, ReceiptPaper paper) {
    const int width = slip::printableDots(widthOf(paper));
    std::vector<slip::Bitmap> blocks;
    for (const auto& r : receiptRows(in)) blocks.push_back(receiptRowImage(renderer, r, paper));
    const int gap = 4;
    int height = gap;
    for (const auto& b : blocks) height += b.height() + gap;
    slip::Bitmap page(width, height);
    int y = gap;
    for (const auto& b : blocks) {
        page.draw(b, 0, y);
        y += b.height() + gap;
    }
    return slip::escpos::printJob(page);
}

}  // namespace hub::billing
