// The receipt's rows (letterhead, number, lines, payments, balance, cashier;
// the patient's language first) and its thermal raster, read back as a
// printer would (tests/support/escpos_decoder).
#include "hub/billing/receipt.h"

#include "support/catch.h"
#include "support/escpos_decoder.h"

#include <algorithm>

using namespace hub;
using billing::ReceiptRow;
using K = ReceiptRow::Kind;

namespace {

billing::ReceiptInput sampleReceipt(domain::Language language) {
    billing::ReceiptInput in;
    in.language = language;
    in.cashierName = "Cash Counter";
    in.clinic.name = "Shanti Clinic";
    in.clinic.nameBn = "শান্তি ক্লিনিক";
    in.clinic.address = "12 Station Road, Sylhet";
    auto& inv = in.invoice;
    inv.id = 7;
    inv.number = "INV-2026-000123";
    inv.clinicDay = "2026-11-24";
    inv.patientName = "রহিমা বেগম";
    inv.patientMrn = "26-000042";
    inv.doctorName = "Dr. Karim";
    inv.doctorNameBn = "ডা. করিম";
    store::InvoiceLine fee;
    fee.descriptionEn = "Consultation";
    fee.descriptionBn = "পরামর্শ";
    fee.amountMinor = 50000;
    inv.lines.push_back(fee);
    inv.chargesMinor = 50000;
    store::PaymentRow cash;
    cash.method = "cash";
    cash.clinicDay = "2026-11-24";
    cash.allocations.push_back({1, 7, inv.number, 20000});
    store::PaymentRow bkash;
    bkash.method = "bkash";
    bkash.reference = "9C7A1B2C3D";
    bkash.clinicDay = "2026-11-24";
    bkash.allocations.push_back({2, 7, inv.number, 20000});
    inv.payments = {cash, bkash};
    inv.paidMinor = 40000;
    return in;
}

bool hasRow(const std::vector<ReceiptRow>& rows, K kind, const std::string& left, const std::string& right) {
    return std::any_of(rows.begin(), rows.end(),
                       [&](const ReceiptRow& r) { return r.kind == kind && r.left == left && r.right == right; });
}

}  // namespace

TEST_CASE("a receipt carries the letterhead, number, lines, payments, balance and cashier, English first for an "
          "English-speaking patient", "[billing][receipt]") {
    const auto rows = billing::receiptRows(sampleReceipt(domain::Language::English));
    REQUIRE(rows.size() > 5);
    CHECK(rows[0].kind == K::Clinic);
    CHECK(rows[0].left == "Shanti Clinic");
    CHECK(hasRow(rows, K::Header, "শান্তি ক্লিনিক", ""));
    CHECK(hasRow(rows, K::Header, "12 Station Road, Sylhet", ""));
    CHECK(hasRow(rows, K::Title, "Receipt / রসিদ", ""));
    CHECK(hasRow(rows, K::Field, "Invoice / চালান নং", "INV-2026-000123"));
    CHECK(hasRow(rows, K::Field, "Doctor / ডাক্তার", "Dr. Karim / ডা. করিম"));
    CHECK(hasRow(rows, K::Item, "Consultation / পরামর্শ", "৳ 500.00"));
    CHECK(hasRow(rows, K::Payment, "Cash / নগদ, 24-11-2026", "৳ 200.00"));
    CHECK(hasRow(rows, K::Payment, "bKash / বিকাশ 9C7A1B2C3D, 24-11-2026", "৳ 200.00"));
    CHECK(hasRow(rows, K::Total, "Paid / পরিশোধিত", "৳ 400.00"));
    CHECK(hasRow(rows, K::Total, "Balance due / বাকি", "৳ 100.00"));
    CHECK(hasRow(rows, K::Note, "Cashier / ক্যাশিয়ার: Cash Counter", ""));
}

TEST_CASE("a Bangla-speaking patient's receipt puts Bangla first, the clinic's Bangla name on top",
          "[billing][receipt]") {
    const auto in = sampleReceipt(domain::Language::Bangla);
    const auto rows = billing::receiptRows(in);
    CHECK(rows[0].left == "শান্তি ক্লিনিক");
    CHECK(hasRow(rows, K::Header, "Shanti Clinic", ""));
    CHECK(hasRow(rows, K::Title, "রসিদ / Receipt", ""));
    CHECK(hasRow(rows, K::Field, "চালান নং / Invoice", "INV-2026-000123"));
    CHECK(hasRow(rows, K::Field, "ডাক্তার / Doctor", "ডা. করিম / Dr. Karim"));
    CHECK(hasRow(rows, K::Payment, "বিকাশ / bKash 9C7A1B2C3D, 24-11-2026", "৳ 200.00"));
    CHECK(hasRow(rows, K::Total, "বাকি / Balance due", "৳ 100.00"));
    CHECK(hasRow(rows, K::Note, "ক্যাশিয়ার / Cashier: Cash Counter", ""));
    CHECK(billing::receiptHtml(in, billing::ReceiptPaper::A5).find("<html lang=\"bn\">") != std::string::npos);
}

TEST_CASE("the thermal receipt is its rows' images stacked, on the paper's width", "[billing][receipt]") {
    slip::SlipRenderer renderer;
    const auto in = sampleReceipt(domain::Language::Bangla);
    for (const auto paper : {billing::ReceiptPaper::Mm58, billing::ReceiptPaper::Mm80}) {
        const auto job = test::decodeEscPos(billing::receiptEscPos(renderer, in, paper));
        CHECK(job.initialised);
        CHECK(job.cut);
        REQUIRE(job.image.width == (paper == billing::ReceiptPaper::Mm58 ? 384 : 576));
        // Each row's image appears at the next y, in order.
        int y = 0;
        for (const auto& row : billing::receiptRows(in)) {
            const slip::Bitmap image = billing::receiptRowImage(renderer, row, paper);
            CHECK(image.width() == job.image.width);
            bool found = false;
            for (; !found && y + image.height() <= job.image.height; ++y) {
                bool same = true;
                for (int r = 0; r < image.height() && same; ++r)
                    for (int x = 0; x < image.width() && same; ++x)
                        same = (job.image.pixels[static_cast<std::size_t>((y + r) * job.image.width + x)] == 0) ==
                               image.black(x, r);
                if (same) found = true;
            }
            INFO(row.left << " | " << row.right);
            CHECK(found);
        }
    }
}
