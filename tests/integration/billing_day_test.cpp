// Billing against the real daemon over TLS: a day at the desk (check-in opens
// the invoice, part payment in cash, the rest by bKash, a duplicate TrxID
// refused, a refund by an admin, the Bangla receipt), a statement import with
// exactly one match, one missing and one mismatch, a malformed statement that
// imports nothing, and a cash close with a shortfall reopened only by an admin.
#include "hub_client.h"
#include "hub_process.h"

#include <Poco/JSON/Array.h>
#include "support/catch.h"

using namespace hub::it;

namespace {

std::string str(const Poco::JSON::Object::Ptr& o, const std::string& key) { return o->getValue<std::string>(key); }
long long num(const Poco::JSON::Object::Ptr& o, const std::string& key) { return o->getValue<long long>(key); }

struct Desk {
    HubDataDir dir;
    HubProcess hub{dir};
    std::unique_ptr<HubClient> admin = hub.client(), reception = hub.client(), cashier = hub.client();
    std::string doctorId;
    int patients = 0;

    Desk() {
        REQUIRE(admin->login("admin", demoPassword).status == 200);
        REQUIRE(reception->login("reception", demoPassword).status == 200);
        REQUIRE(cashier->login("cashier", demoPassword).status == 200);
        // A doctor of our own with a 500 taka fee (the profile's whole taka go to the fee schedule).
        auto created = admin->request("POST", "/api/v1/staff",
                                      R"({"username":"dr.karim","display_name":"Dr. Karim","role":"doctor",
                                          "password":"a long enough password",
                                          "doctor":{"token_prefix":"C","room":"Room 3","consultation_fee":500}})");
        REQUIRE(created.status == 201);
        doctorId = str(created.json, "id");
    }

    std::string newPatient(const std::string& name) {
        const std::string phone = "017123456" + std::to_string(10 + ++patients);
        auto p = reception->request("POST", "/api/v1/patients",
                                    R"({"name":")" + name + R"(","phone":")" + phone +
                                        R"(","sex":"female","age_years":30})");
        INFO(p.body);
        REQUIRE(p.status == 201);
        return str(p.json, "id");
    }
    // Checks the patient in with our doctor; returns the check-in's billing object.
    Poco::JSON::Object::Ptr checkIn(const std::string& patientId) {
        auto t = reception->request("POST", "/api/v1/tokens",
                                    R"({"patient_id":")" + patientId + R"(","doctor_id":")" + doctorId + R"("})");
        REQUIRE(t.status == 201);
        REQUIRE(t.json->has("billing"));
        return t.json->getObject("billing");
    }
    HttpResult pay(HubClient& who, const std::string& invoiceId, long long amount, const std::string& method,
                   const std::string& reference = "") {
        return who.request("POST", "/api/v1/billing/payments",
                           R"({"method":")" + method + R"(","reference":")" + reference + R"(","amount":)" +
                               std::to_string(amount) + R"(,"invoice_id":")" + invoiceId + R"("})");
    }
};

}  // namespace

TEST_CASE("a day at the billing desk: check-in invoice, part cash, the rest by bKash, a duplicate TrxID, a refund, "
          "the Bangla receipt", "[integration][billing]") {
    Desk d;
    const std::string patient = d.newPatient("রহিমা বেগম");
    auto billing = d.checkIn(patient);
    const std::string invoiceId = str(billing, "invoice_id");
    CHECK(str(billing, "invoice_number").rfind("INV-", 0) == 0);
    CHECK(num(billing, "invoice_total") == 50000);
    CHECK(num(billing, "balance_due") == 50000);

    auto cash = d.pay(*d.cashier, invoiceId, 20000, "cash");
    REQUIRE(cash.status == 201);
    const std::string cashPaymentId = str(cash.json->getObject("payment"), "id");
    CHECK(num(cash.json->getArray("invoices")->getObject(0), "balance") == 30000);
    CHECK(str(cash.json->getArray("invoices")->getObject(0), "status") == "partly_paid");

    // The patient's balance shows at the next check-in.
    auto again = d.checkIn(patient);
    CHECK(num(again, "balance_due") == 30000 + 50000);

    auto bkash = d.pay(*d.cashier, invoiceId, 30000, "bkash", "9C7A1B2C3D");
    REQUIRE(bkash.status == 201);
    CHECK(str(bkash.json->getArray("invoices")->getObject(0), "status") == "paid");

    auto duplicate = d.pay(*d.cashier, str(again, "invoice_id"), 100, "bkash", "9c7a1b2c3d");
    CHECK(duplicate.status == 409);
    CHECK(duplicate.errorField() == "reference");
    auto badTrx = d.pay(*d.cashier, str(again, "invoice_id"), 100, "bkash", "12");
    CHECK(badTrx.status == 400);
    CHECK(badTrx.errorField() == "reference");

    const std::string refundBody = R"({"amount":10000,"reason":"dressing not needed"})";
    CHECK(d.cashier->post("/api/v1/billing/payments/" + cashPaymentId + "/refund", refundBody).status == 403);
    auto refund = d.admin->post("/api/v1/billing/payments/" + cashPaymentId + "/refund", refundBody);
    REQUIRE(refund.status == 201);
    CHECK(num(refund.json->getArray("invoices")->getObject(0), "balance") == 10000);
    CHECK(d.admin->post("/api/v1/billing/payments/" + cashPaymentId + "/refund", R"({"amount":10001,"reason":"x"})")
              .status == 400);

    auto receipt = d.cashier->get("/api/v1/billing/invoices/" + invoiceId + "/receipt?paper=a5");
    REQUIRE(receipt.status == 200);
    CHECK(receipt.header("Content-Type").rfind("text/html", 0) == 0);
    for (const char* s : {"রসিদ", "রহিমা বেগম", "9C7A1B2C3D", "বাকি", "৳ 100.00"}) {
        INFO(s);
        CHECK(receipt.body.find(s) != std::string::npos);
    }
    auto thermal = d.cashier->get("/api/v1/billing/invoices/" + invoiceId + "/receipt?paper=58&format=escpos");
    REQUIRE(thermal.status == 200);
    CHECK(thermal.body.substr(0, 2) == std::string("\x1b@"));
    CHECK(d.hub.client()->get("/assets/receipt.css?paper=80").status == 200);

    // Doctors see whether a visit is paid, not the clinic's revenue; the audit trail has every money change.
    auto doctor = d.hub.client();
    REQUIRE(doctor->login("dr.karim", "a long enough password").status == 200);
    CHECK(doctor->get("/api/v1/billing/invoices/" + invoiceId).status == 200);
    CHECK(doctor->get("/api/v1/billing/revenue").status == 403);
    auto trail = d.admin->get("/api/v1/audit-events?action=billing.refund");
    REQUIRE(trail.status == 200);
    CHECK(trail.body.find("billing.refund") != std::string::npos);
}

TEST_CASE("a statement with one matching, one missing and one mismatched line gives exactly those three: a malformed "
          "one names its line and imports nothing", "[integration][billing][reconciliation]") {
    Desk d;
    const auto one = d.checkIn(d.newPatient("Amina"));
    const auto two = d.checkIn(d.newPatient("Rokeya"));
    REQUIRE(d.pay(*d.cashier, str(one, "invoice_id"), 50000, "bkash", "9C7A1B2C3D").status == 201);
    REQUIRE(d.pay(*d.cashier, str(two, "invoice_id"), 50000, "bkash", "8B6A5D4E3F").status == 201);

    auto body = [](const std::string& csv) {
        Poco::JSON::Object o;
        o.set("provider", "bkash");
        o.set("csv", csv);
        std::ostringstream s;
        o.stringify(s);
        return s.str();
    };
    auto malformed = d.admin->post("/api/v1/billing/statements",
                                   body("TrxID,Amount\n9C7A1B2C3D,500.00\n8B6A5D4E3F,five hundred\n"));
    CHECK(malformed.status == 400);
    CHECK(malformed.errorField() == "csv");
    CHECK(malformed.errorMessage().find("line 3, column 2 (Amount)") != std::string::npos);
    auto before = d.admin->get("/api/v1/billing/unmatched");
    REQUIRE(before.status == 200);
    CHECK(before.json->getArray("payments")->size() == 2);
    CHECK(before.json->getArray("statement_lines")->size() == 0);

    CHECK(d.cashier->post("/api/v1/billing/statements", body("TrxID,Amount\n")).status == 403);
    auto imported = d.admin->post("/api/v1/billing/statements",
                                  body("TrxID,Amount\n9C7A1B2C3D,500.00\n8B6A5D4E3F,450.00\n7A5B4C3D2E,300\n"));
    REQUIRE(imported.status == 201);
    REQUIRE(imported.json->getArray("matched")->size() == 1);
    CHECK(str(imported.json->getArray("matched")->getObject(0), "reference") == "9C7A1B2C3D");
    REQUIRE(imported.json->getArray("mismatched")->size() == 1);
    CHECK(str(imported.json->getArray("mismatched")->getObject(0), "reference") == "8B6A5D4E3F");
    REQUIRE(imported.json->getArray("not_recorded")->size() == 1);
    CHECK(num(imported.json->getArray("not_recorded")->getObject(0), "line") == 4);
    CHECK(imported.json->getArray("recorded_not_in_statement")->size() == 0);

    auto open = d.admin->get("/api/v1/billing/unmatched");
    REQUIRE(open.json->getArray("payments")->size() == 1);
    const std::string paymentId = str(open.json->getArray("payments")->getObject(0), "id");
    auto matched = d.admin->post("/api/v1/billing/payments/" + paymentId + "/match",
                                 R"({"note":"patient paid 50 in cash as well"})");
    REQUIRE(matched.status == 200);
    CHECK(str(matched.json, "reconciliation") == "manual");
}

TEST_CASE("the cash close with a shortfall is locked, and only an admin reopens it", "[integration][billing][cash]") {
    Desk d;
    const auto inv = d.checkIn(d.newPatient("Nasima"));
    REQUIRE(d.cashier->post("/api/v1/billing/cash", R"({"action":"float","amount":100000})").status == 200);
    REQUIRE(d.pay(*d.cashier, str(inv, "invoice_id"), 50000, "cash").status == 201);
    REQUIRE(d.cashier->post("/api/v1/billing/cash", R"({"action":"payout","amount":2000,"reason":"courier"})").status ==
            200);
    auto closed = d.cashier->post("/api/v1/billing/cash", R"({"action":"close","amount":147000})");
    REQUIRE(closed.status == 200);
    CHECK(num(closed.json, "expected") == 148000);
    CHECK(num(closed.json, "difference") == -1000);
    CHECK(closed.json->getValue<bool>("closed"));
    const std::string cashierId = str(closed.json, "cashier_id");

    CHECK(d.cashier->post("/api/v1/billing/cash", R"({"action":"payout","amount":100,"reason":"tea"})").status == 409);
    CHECK(d.cashier->post("/api/v1/billing/cash", R"({"action":"reopen","reason":"recount"})").status == 403);
    CHECK(d.admin->post("/api/v1/billing/cash", R"({"action":"reopen","cashier_id":")" + cashierId + R"("})").status ==
          400);
    auto reopened = d.admin->post("/api/v1/billing/cash",
                                  R"({"action":"reopen","cashier_id":")" + cashierId + R"(","reason":"recount"})");
    REQUIRE(reopened.status == 200);
    CHECK_FALSE(reopened.json->getValue<bool>("closed"));

    auto report = d.admin->get("/api/v1/billing/revenue");
    REQUIRE(report.status == 200);
    CHECK(report.json->getArray("days")->size() == 30);
    CHECK(num(report.json, "total") == 50000);
}
