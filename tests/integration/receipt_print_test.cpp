// printReceipt against the real daemon: the receipt goes to a loopback
// stand-in for the clinic's network printer (the token slips' printer). The
// job is read back as a printer would (tests/support/escpos_decoder), and the
// rows the receipt must carry - invoice number, payments, paid, balance, in
// the patient's language first - are found dot for dot in the printed image.
#include "test_support.h"

#include "hub/billing/receipt.h"
#include "hub/slip/slip_raster.h"
#include "support/capture_printer.h"
#include "support/escpos_decoder.h"

using namespace hub::it;
using hub::billing::ReceiptPaper;
using hub::billing::ReceiptRow;

namespace {

std::string str(const Poco::JSON::Object::Ptr& o, const std::string& key) { return o->getValue<std::string>(key); }

// Whether the full-width row image appears, every dot the same, somewhere in the printed page.
bool printed(const hub::test::GreyImage& page, const hub::slip::Bitmap& row) {
    REQUIRE(page.width == row.width());
    for (int top = 0; top + row.height() <= page.height; ++top) {
        bool same = true;
        for (int y = 0; y < row.height() && same; ++y)
            for (int x = 0; x < row.width() && same; ++x)
                same = (page.pixels[static_cast<std::size_t>((top + y) * page.width + x)] == 0) == row.black(x, y);
        if (same) return true;
    }
    return false;
}

// "2026-11-24" -> "24-11-2026", as receipts print dates.
std::string dayText(const std::string& d) { return d.substr(8, 2) + "-" + d.substr(5, 2) + "-" + d.substr(0, 4); }

struct PrintDesk {
    HubDataDir dir;
    HubProcess hub;
    std::unique_ptr<HubClient> admin = hub.client(), reception = hub.client(), cashier = hub.client();
    std::string doctorId;

    explicit PrintDesk(std::vector<std::string> args) : hub(dir, HubOptions{std::move(args)}) {
        REQUIRE(admin->login("admin", demoPassword).status == 200);
        REQUIRE(reception->login("reception", demoPassword).status == 200);
        REQUIRE(cashier->login("cashier", demoPassword).status == 200);
        auto created = admin->post("/api/v1/staff", R"({"username":"dr.karim","display_name":"Dr. Karim","role":"doctor",
            "password":"a long enough password","doctor":{"token_prefix":"C","room":"3","consultation_fee":500}})");
        REQUIRE(created.status == 201);
        doctorId = str(created.json, "id");
    }
    PrintDesk() : PrintDesk(std::vector<std::string>{}) {}

    // A patient checked in with our doctor; returns the consultation invoice's id.
    std::string checkedIn(const std::string& name, const std::string& phone, const std::string& language) {
        auto p = reception->post("/api/v1/patients", json({{"name", name}, {"phone", phone}, {"sex", "female"},
                                                           {"age_years", 30}, {"preferred_language", language}}));
        INFO(p.describe());
        REQUIRE(p.status == 201);
        auto t = reception->post("/api/v1/tokens", json({{"patient_id", str(p.json, "id")}, {"doctor_id", doctorId}}));
        REQUIRE(t.status == 201);
        return str(t.json->getObject("billing"), "invoice_id");
    }
    void pay(const std::string& invoiceId, long long amount, const std::string& method, const std::string& reference) {
        auto r = cashier->post("/api/v1/billing/payments", json({{"method", method}, {"reference", reference},
                                                                 {"amount", amount}, {"invoice_id", invoiceId}}));
        INFO(r.describe());
        REQUIRE(r.status == 201);
    }
};

}  // namespace

TEST_CASE("a receipt printed through the hub reaches the network printer with its number, payments and balance, "
          "Bangla first for a Bangla-speaking patient", "[integration][billing][receipt]") {
    hub::test::CapturePrinter printer;
    PrintDesk d({"--printer-address", printer.address(), "--printer-paper", "58"});
    const std::string bangla = d.checkedIn("রহিমা বেগম", "01712345611", "bn");
    d.pay(bangla, 20000, "cash", "");
    d.pay(bangla, 30000, "bkash", "9C7A1B2C3D");
    const std::string english = d.checkedIn("Karim Uddin", "01712345612", "en");
    d.pay(english, 20000, "cash", "");

    auto invoice = d.cashier->get("/api/v1/billing/invoices/" + bangla);
    REQUIRE(invoice.status == 200);
    const std::string number = str(invoice.json, "number");
    const std::string day = dayText(str(invoice.json, "clinic_day"));

    auto sent = d.cashier->post("/api/v1/billing/invoices/" + bangla + "/receipt/print", "{}");
    INFO(sent.describe());
    REQUIRE(sent.status == 200);
    CHECK(str(sent.json, "printer") == printer.address());
    CHECK(str(sent.json, "paper") == "58");
    CHECK(str(sent.json, "invoice_number") == number);
    CHECK(str(sent.json, "language") == "bn");

    const auto jobs = printer.jobs();
    REQUIRE(jobs.size() == 1);
    CHECK(sent.json->getValue<long long>("bytes") == static_cast<long long>(jobs[0].size()));
    // The printed job is the receipt getReceiptPrint gives for thermal paper.
    CHECK(d.cashier->get("/api/v1/billing/invoices/" + bangla + "/receipt?paper=58&format=escpos").body == jobs[0]);
    const auto job = hub::test::decodeEscPos(jobs[0]);
    CHECK(job.initialised);
    CHECK(job.cut);
    REQUIRE(job.image.width == 384);

    hub::slip::SlipRenderer renderer;
    const auto row = [&](ReceiptRow::Kind kind, const std::string& left, const std::string& right) {
        return hub::billing::receiptRowImage(renderer, ReceiptRow{kind, left, right}, ReceiptPaper::Mm58);
    };
    using K = ReceiptRow::Kind;
    CHECK(printed(job.image, row(K::Title, "রসিদ / Receipt", "")));
    CHECK(printed(job.image, row(K::Field, "চালান নং / Invoice", number)));
    CHECK(printed(job.image, row(K::Payment, "নগদ / Cash, " + day, "৳ 200.00")));
    CHECK(printed(job.image, row(K::Payment, "বিকাশ / bKash 9C7A1B2C3D, " + day, "৳ 300.00")));
    CHECK(printed(job.image, row(K::Total, "পরিশোধিত / Paid", "৳ 500.00")));
    CHECK(printed(job.image, row(K::Total, "বাকি / Balance due", "৳ 0.00")));
    CHECK(printed(job.image, row(K::Note, "ক্যাশিয়ার / Cashier: Cash Counter", "")));  // the demo cashier
    CHECK_FALSE(printed(job.image, row(K::Field, "Invoice / চালান নং", number)));

    // An English-speaking patient's receipt on 80 mm: English first, what is still owed.
    auto second = d.cashier->post("/api/v1/billing/invoices/" + english + "/receipt/print", R"({"paper":"80"})");
    REQUIRE(second.status == 200);
    CHECK(str(second.json, "language") == "en");
    const auto en = hub::test::decodeEscPos(printer.jobs(2).at(1));
    REQUIRE(en.image.width == 576);
    const auto row80 = [&](ReceiptRow::Kind kind, const std::string& left, const std::string& right) {
        return hub::billing::receiptRowImage(renderer, ReceiptRow{kind, left, right}, ReceiptPaper::Mm80);
    };
    CHECK(printed(en.image, row80(K::Field, "Invoice / চালান নং", str(second.json, "invoice_number"))));
    CHECK(printed(en.image, row80(K::Total, "Paid / পরিশোধিত", "৳ 200.00")));
    CHECK(printed(en.image, row80(K::Total, "Balance due / বাকি", "৳ 300.00")));

    // Who may print, and what is audited.
    auto doctor = d.hub.client();
    REQUIRE(doctor->login("dr.karim", "a long enough password").status == 200);
    CHECK(doctor->post("/api/v1/billing/invoices/" + bangla + "/receipt/print", "{}").status == 403);
    CHECK(d.cashier->post("/api/v1/billing/invoices/999999/receipt/print", "{}").status == 404);
    auto badPaper = d.cashier->post("/api/v1/billing/invoices/" + bangla + "/receipt/print", R"({"paper":"a5"})");
    CHECK(badPaper.status == 400);
    CHECK(badPaper.errorField() == "paper");
    auto trail = d.admin->get("/api/v1/audit-events?action=billing.receipt_send");
    REQUIRE(trail.status == 200);
    CHECK(trail.body.find(number + " to " + printer.address()) != std::string::npos);
}

TEST_CASE("a receipt for a printer that is off, or none at all, is a clear error naming printer.address",
          "[integration][billing][receipt]") {
    SECTION("switched off") {
        const std::string address = "127.0.0.1:" + std::to_string(hub::test::closedLoopbackPort());
        PrintDesk d({"--printer-address", address});
        const std::string invoice = d.checkedIn("Salma Khatun", "01712345613", "en");
        auto r = d.cashier->post("/api/v1/billing/invoices/" + invoice + "/receipt/print", "{}");
        INFO(r.describe());
        CHECK(r.status == 503);
        CHECK(r.errorField() == "printer.address");
        auto trail = d.admin->get("/api/v1/audit-events?action=billing.receipt_send");
        CHECK(trail.body.find("failure") != std::string::npos);
    }
    SECTION("not configured") {
        PrintDesk d;
        const std::string invoice = d.checkedIn("Salma Khatun", "01712345613", "en");
        auto r = d.cashier->post("/api/v1/billing/invoices/" + invoice + "/receipt/print", "{}");
        CHECK(r.status == 409);
        CHECK(r.errorField() == "printer.address");
    }
}
