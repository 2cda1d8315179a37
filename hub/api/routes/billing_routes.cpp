#include "hub/api/routes/billing_routes.h"

#include "hub/api/routes/json_mapping.h"
#include "hub/api/routes/session_gate.h"
#include "hub/billing/receipt.h"
#include "hub/core/error.h"

#include <Poco/JSON/Array.h>

#include <memory>

namespace hub::api {
namespace {

using Obj = Poco::JSON::Object::Ptr;
using Arr = Poco::JSON::Array::Ptr;

Schema minor(std::string description = "minor units (poisha/paise)") {
    return withRange(integer(std::move(description)), 0, domain::maxAmountMinor);
}
Schema day(std::string description = {}) { return withFormat(string(std::move(description)), "date"); }
Schema dateTime() { return withFormat(string(), "date-time"); }
const std::vector<std::string> providers = {"bkash", "nagad", "upi"};

Route billingRoute(std::string method, std::string path, domain::Operation op, std::string summary) {
    Route r = staffRoute(std::move(method), std::move(path), op, std::move(summary));
    r.tag = "billing";
    return r;
}

std::optional<long long> queryId(const ApiRequest& r, const std::string& name) {
    auto v = r.queryValue(name);
    if (!v) return std::nullopt;
    return parseId(*v, name);
}

// ---- settings ----

std::vector<Property> settingsProperties(bool request) {
    auto field = [request](std::string name, Schema s) {
        return request ? optional(std::move(name), std::move(s)) : required(std::move(name), std::move(s));
    };
    return {
        field("currency", enumeration(domain::currencyNames, "one currency per clinic")),
        field("fiscal_year_start_month", withRange(integer("7 = July (Bangladesh), 4 = April (India)"), 1, 12)),
        field("upi_vpa", withLength(string("the clinic's UPI address, e.g. clinic@okbank; empty for none"), 0, 100)),
        field("bkash_qr_image",
              withLength(string("the bKash merchant QR image: a PNG or JPEG, base64; empty for none"), 0, 400000)),
        field("nagad_qr_image",
              withLength(string("the Nagad merchant QR image: a PNG or JPEG, base64; empty for none"), 0, 400000)),
        field("reception_discount_cap_percent",
              withRange(integer("the most a receptionist or cashier may discount; more needs an admin"), 0, 100)),
        field("reception_takes_payments", boolean("whether the front desk may take payments")),
    };
}

Obj settingsJson(const billing::BillingSettings& s) {
    Obj o = new Poco::JSON::Object;
    o->set("currency", std::string(domain::currencyName(s.currency)));
    o->set("fiscal_year_start_month", s.fiscalYearStartMonth);
    o->set("upi_vpa", s.upiVpa);
    o->set("bkash_qr_image", s.bkashQrImage);
    o->set("nagad_qr_image", s.nagadQrImage);
    o->set("reception_discount_cap_percent", s.receptionDiscountCapPercent);
    o->set("reception_takes_payments", s.receptionTakesPayments);
    return o;
}

// ---- fees ----

std::vector<Property> feeInputProperties(bool create) {
    std::vector<Property> p = {
        optional("name_en", withLength(string(), 1, 120)),
        optional("name_bn", withLength(string(), 0, 120)),
        optional("price", minor()),
        optional("follow_up_price", minor("a consultation's fee for a return visit within follow_up_days")),
        optional("follow_up_days", withRange(integer("0 = no follow-up fee"), 0, 365)),
        optional("active", boolean("inactive items stay on old invoices but are not offered")),
    };
    if (create) {
        p.push_back(optional("kind", enumeration({"consultation", "service"}, "default service")));
        p.push_back(optional("doctor_id", string("the doctor of a consultation fee")));
    }
    return p;
}

Schema feeSchema() {
    return object({required("id", string()), required("kind", enumeration({"consultation", "service"})),
                   optional("doctor_id", string()), required("name_en", string()), required("name_bn", string()),
                   required("price", minor()), optional("follow_up_price", minor()),
                   required("follow_up_days", integer()), required("active", boolean())});
}

Obj feeJson(const store::FeeItem& f) {
    Obj o = new Poco::JSON::Object;
    o->set("id", idString(f.id));
    o->set("kind", f.kind);
    if (f.doctorId) o->set("doctor_id", idString(*f.doctorId));
    o->set("name_en", f.nameEn);
    o->set("name_bn", f.nameBn);
    o->set("price", f.priceMinor);
    if (f.followUpPriceMinor) o->set("follow_up_price", *f.followUpPriceMinor);
    o->set("follow_up_days", f.followUpDays);
    o->set("active", f.active);
    return o;
}

billing::FeeItemChange feeChange(const Obj& b) {
    billing::FeeItemChange c;
    c.kind = optionalField<std::string>(b, "kind");
    if (auto d = optionalField<std::string>(b, "doctor_id")) c.doctorId = parseId(*d, "doctor_id");
    c.nameEn = optionalField<std::string>(b, "name_en");
    c.nameBn = optionalField<std::string>(b, "name_bn");
    c.priceMinor = optionalField<long long>(b, "price");
    c.followUpPriceMinor = optionalField<long long>(b, "follow_up_price");
    c.followUpDays = optionalField<int>(b, "follow_up_days");
    c.active = optionalField<bool>(b, "active");
    return c;
}

// ---- invoices and payments ----

std::vector<Property> lineInputProperties() {
    return {
        optional("fee_item_id", string("a service or consultation from the fee schedule")),
        optional("description_en", withLength(string("a charge's name when it has no fee item"), 1, 200)),
        optional("description_bn", withLength(string(), 0, 200)),
        optional("unit_price", minor("a charge's price when it has no fee item (or to override it)")),
        optional("quantity", withRange(integer("default 1"), 1, 1000)),
        optional("discount", withRange(integer("a discount of this many minor units"), 1, domain::maxAmountMinor)),
        optional("discount_percent", withRange(integer("a discount of this share of the charges"), 1, 100)),
        optional("reason", withLength(string("why the discount (required for one)"), 0, 300)),
    };
}

billing::LineInput lineInput(const Obj& b) {
    billing::LineInput l;
    if (auto id = optionalField<std::string>(b, "fee_item_id")) l.feeItemId = parseId(*id, "fee_item_id");
    l.descriptionEn = optionalField<std::string>(b, "description_en");
    l.descriptionBn = optionalField<std::string>(b, "description_bn");
    l.unitPriceMinor = optionalField<long long>(b, "unit_price");
    l.quantity = optionalField<int>(b, "quantity").value_or(1);
    l.discountMinor = optionalField<long long>(b, "discount");
    l.discountPercent = optionalField<int>(b, "discount_percent");
    l.reason = optionalField<std::string>(b, "reason").value_or("");
    return l;
}

Schema allocationSchema() {
    return object({required("invoice_id", string()), optional("invoice_number", string()), required("amount", minor())});
}

Schema paymentSchema() {
    return object({
        required("id", string()),
        required("kind", enumeration({"payment", "refund"})),
        required("method", enumeration(domain::paymentMethodNames)),
        required("reference", string("bKash/Nagad TrxID, UPI UTR, card's last 4; empty for cash")),
        required("amount", minor()),
        optional("refund_of", string("the payment a refund gives back")),
        optional("reason", string("a refund's reason")),
        required("patient_id", string()),
        required("received_by", string("staff id")),
        required("received_by_name", string()),
        required("received_at", dateTime()),
        required("clinic_day", day()),
        required("drawer_day", day("the cash drawer it counts in: the next day's after a close")),
        required("reconciliation", enumeration({"unchecked", "matched", "mismatch", "manual"})),
        optional("reconciliation_note", string()),
        required("allocations", arrayOf(allocationSchema())),
    });
}

Obj paymentJson(const store::PaymentRow& p) {
    Obj o = new Poco::JSON::Object;
    o->set("id", idString(p.id));
    o->set("kind", p.kind);
    o->set("method", p.method);
    o->set("reference", p.reference);
    o->set("amount", p.amountMinor);
    if (p.refundOf) o->set("refund_of", idString(*p.refundOf));
    if (!p.reason.empty()) o->set("reason", p.reason);
    o->set("patient_id", idString(p.patientId));
    o->set("received_by", idString(p.receivedBy));
    o->set("received_by_name", p.receivedByName);
    o->set("received_at", formatRfc3339(p.receivedAt));
    o->set("clinic_day", p.clinicDay);
    o->set("drawer_day", p.drawerDay);
    o->set("reconciliation", p.reconciliation);
    if (!p.reconciliationNote.empty()) o->set("reconciliation_note", p.reconciliationNote);
    Arr a = new Poco::JSON::Array;
    for (const auto& al : p.allocations) {
        Obj x = new Poco::JSON::Object;
        x->set("invoice_id", idString(al.invoiceId));
        x->set("invoice_number", al.invoiceNumber);
        x->set("amount", al.amountMinor);
        a->add(x);
    }
    o->set("allocations", a);
    return o;
}

Schema invoiceSchema() {
    return object({
        required("id", string()),
        required("number", string("INV-2026-000123: sequential per fiscal year, without gaps")),
        required("patient", object({required("id", string()), required("name", string()), required("mrn", string())})),
        optional("doctor_id", string()),
        optional("doctor_name", string()),
        optional("token_id", string("the check-in that opened it")),
        required("clinic_day", day()),
        required("status", enumeration({"unpaid", "partly_paid", "paid", "void"})),
        optional("void_reason", string()),
        required("created_at", dateTime()),
        required("lines", arrayOf(object({
                     required("id", string()), required("kind", enumeration({"charge", "discount"})),
                     optional("fee_item_id", string()), required("description_en", string()),
                     required("description_bn", string()), required("quantity", integer()),
                     required("unit_price", minor()),
                     required("amount", integer("negative for a discount")), optional("reason", string())}))),
        required("payments", arrayOf(paymentSchema(), "payments and refunds touching it")),
        required("charges", minor()),
        required("discount", minor()),
        required("total", minor()),
        required("paid", integer("payments less refunds")),
        required("balance", integer("what is still owed")),
    });
}

Obj invoiceJson(const store::InvoiceRow& i) {
    Obj o = new Poco::JSON::Object;
    o->set("id", idString(i.id));
    o->set("number", i.number);
    Obj patient = new Poco::JSON::Object;
    patient->set("id", idString(i.patientId));
    patient->set("name", i.patientName);
    patient->set("mrn", i.patientMrn);
    o->set("patient", patient);
    if (i.doctorId) {
        o->set("doctor_id", idString(*i.doctorId));
        o->set("doctor_name", i.doctorName);
    }
    if (i.tokenId) o->set("token_id", idString(*i.tokenId));
    o->set("clinic_day", i.clinicDay);
    const std::string status = i.voided ? "void"
                               : i.balanceMinor() <= 0 ? "paid"
                               : i.paidMinor > 0       ? "partly_paid"
                                                       : "unpaid";
    o->set("status", status);
    if (i.voided) o->set("void_reason", i.voidReason);
    o->set("created_at", formatRfc3339(i.createdAt));
    Arr lines = new Poco::JSON::Array;
    for (const auto& l : i.lines) {
        Obj x = new Poco::JSON::Object;
        x->set("id", idString(l.id));
        x->set("kind", l.kind);
        if (l.feeItemId) x->set("fee_item_id", idString(*l.feeItemId));
        x->set("description_en", l.descriptionEn);
        x->set("description_bn", l.descriptionBn);
        x->set("quantity", l.quantity);
        x->set("unit_price", l.unitPriceMinor);
        x->set("amount", l.amountMinor);
        if (!l.reason.empty()) x->set("reason", l.reason);
        lines->add(x);
    }
    o->set("lines", lines);
    Arr payments = new Poco::JSON::Array;
    for (const auto& p : i.payments) payments->add(paymentJson(p));
    o->set("payments", payments);
    o->set("charges", i.chargesMinor);
    o->set("discount", i.discountMinor);
    o->set("total", i.totalMinor());
    o->set("paid", i.paidMinor);
    o->set("balance", i.balanceMinor());
    return o;
}

Obj paymentResultJson(const billing::PaymentResult& r) {
    Obj o = new Poco::JSON::Object;
    o->set("payment", paymentJson(r.payment));
    Arr a = new Poco::JSON::Array;
    for (const auto& i : r.invoices) a->add(invoiceJson(i));
    o->set("invoices", a);
    return o;
}

Schema paymentResultSchema() {
    return object({required("payment", paymentSchema()),
                   required("invoices", arrayOf(invoiceSchema(), "the invoices it touched, as they stand now"))});
}

// ---- reconciliation ----

Schema statementLineSchema() {
    return object({required("id", string()), required("line", integer("the line of the statement file")),
                   required("provider", enumeration(providers)), required("reference", string()),
                   required("amount", minor()), required("occurred", string("the statement's date, as written")),
                   optional("payment_id", string()),
                   required("result", enumeration({"matched", "mismatch", "not_recorded", "manual"})),
                   optional("note", string())});
}

Obj statementLineJson(const store::StatementLineRow& l) {
    Obj o = new Poco::JSON::Object;
    o->set("id", idString(l.id));
    o->set("line", l.lineNumber);
    o->set("provider", l.provider);
    o->set("reference", l.reference);
    o->set("amount", l.amountMinor);
    o->set("occurred", l.occurred);
    if (l.paymentId) o->set("payment_id", idString(*l.paymentId));
    o->set("result", l.result);
    if (!l.note.empty()) o->set("note", l.note);
    return o;
}

template <typename T, typename F>
Arr arrayJson(const std::vector<T>& items, F&& f) {
    Arr a = new Poco::JSON::Array;
    for (const auto& x : items) a->add(f(x));
    return a;
}

// ---- cash ----

Schema methodTotalsSchema() {
    return arrayOf(object({required("method", enumeration(domain::paymentMethodNames)), required("payments", minor()),
                           required("refunds", minor()), required("count", integer())}));
}

Arr methodTotalsJson(const std::vector<store::MethodTotal>& ms) {
    return arrayJson(ms, [](const store::MethodTotal& m) {
        Obj x = new Poco::JSON::Object;
        x->set("method", m.method);
        x->set("payments", m.paymentsMinor);
        x->set("refunds", m.refundsMinor);
        x->set("count", m.count);
        return x;
    });
}

Schema cashCloseSchema() {
    return object({
        required("cashier_id", string()), required("cashier_name", string()), required("day", day()),
        required("opening_float", minor()), required("cash_in", minor()), required("cash_refunds", minor()),
        required("payouts_total", minor()),
        required("expected", integer("float + cash in - cash refunds - payouts")),
        optional("counted", minor()), optional("difference", integer("counted - expected; negative is a shortfall")),
        required("closed", boolean()), optional("closed_at", dateTime()),
        optional("reopen_reason", string()),
        required("payouts", arrayOf(object({required("id", string()), required("amount", minor()),
                                            required("reason", string()), required("recorded_at", dateTime())}))),
        required("methods", methodTotalsSchema()),
    });
}

Obj cashCloseJson(const billing::CashClose& c) {
    Obj o = new Poco::JSON::Object;
    o->set("cashier_id", idString(c.cashierId));
    o->set("cashier_name", c.cashierName);
    o->set("day", c.day);
    o->set("opening_float", c.openingFloatMinor);
    o->set("cash_in", c.cashInMinor);
    o->set("cash_refunds", c.cashRefundsMinor);
    o->set("payouts_total", c.payoutsMinor);
    o->set("expected", c.expectedMinor);
    if (c.countedMinor) o->set("counted", *c.countedMinor);
    if (c.differenceMinor) o->set("difference", *c.differenceMinor);
    o->set("closed", c.closed);
    if (c.closedAt) o->set("closed_at", formatRfc3339(*c.closedAt, c.utcOffsetMinutes));
    if (!c.reopenReason.empty()) o->set("reopen_reason", c.reopenReason);
    o->set("payouts", arrayJson(c.payouts, [&](const store::PayoutRow& p) {
        Obj x = new Poco::JSON::Object;
        x->set("id", idString(p.id));
        x->set("amount", p.amountMinor);
        x->set("reason", p.reason);
        x->set("recorded_at", formatRfc3339(p.recordedAt, c.utcOffsetMinutes));
        return x;
    }));
    o->set("methods", methodTotalsJson(c.methods));
    return o;
}

}  // namespace

std::vector<Route> billingRoutes(billing::BillingService& billing, billing::ReceiptPrinter& receipts) {
    using domain::Operation;
    std::vector<Route> routes;

    Route getSettings = billingRoute("GET", "/api/v1/billing/settings", Operation::GetBillingSettings,
                                     "Currency, fiscal year, UPI address, merchant QR images, the front desk's "
                                     "discount cap and whether it takes payments");
    getSettings.responseBody = object(settingsProperties(false));
    getSettings.handler = [&billing](ApiRequest& r) { return ApiResponse::ok(settingsJson(billing.settings(actorFor(r)))); };
    routes.push_back(std::move(getSettings));

    Route updateSettings = billingRoute("PATCH", "/api/v1/billing/settings", Operation::UpdateBillingSettings,
                                        "Change billing settings; absent fields stay as they are");
    updateSettings.requestBody = object(settingsProperties(true));
    updateSettings.responseBody = object(settingsProperties(false));
    updateSettings.handler = [&billing](ApiRequest& r) {
        billing::SettingsChange c;
        c.currency = optionalField<std::string>(r.body, "currency");
        c.fiscalYearStartMonth = optionalField<int>(r.body, "fiscal_year_start_month");
        c.upiVpa = optionalField<std::string>(r.body, "upi_vpa");
        c.bkashQrImage = optionalField<std::string>(r.body, "bkash_qr_image");
        c.nagadQrImage = optionalField<std::string>(r.body, "nagad_qr_image");
        c.receptionDiscountCapPercent = optionalField<int>(r.body, "reception_discount_cap_percent");
        c.receptionTakesPayments = optionalField<bool>(r.body, "reception_takes_payments");
        return ApiResponse::ok(settingsJson(billing.updateSettings(actorFor(r), c)));
    };
    routes.push_back(std::move(updateSettings));

    Route listFees = billingRoute("GET", "/api/v1/billing/fees", Operation::ListFeeItems,
                                  "The fee schedule: each doctor's consultation (and follow-up) fee and the services");
    listFees.responseBody = arrayOf(feeSchema());
    listFees.handler = [&billing](ApiRequest& r) {
        return ApiResponse::ok(arrayJson(billing.feeItems(actorFor(r)), feeJson));
    };
    routes.push_back(std::move(listFees));

    Route createFee = billingRoute("POST", "/api/v1/billing/fees", Operation::CreateFeeItem,
                                   "Add a service (dressing, ECG, a lab test) or a doctor's consultation fee");
    createFee.requestBody = object(feeInputProperties(true));
    createFee.successStatus = 201;
    createFee.responseBody = feeSchema();
    createFee.errorStatuses = {404, 409};
    createFee.handler = [&billing](ApiRequest& r) {
        return ApiResponse::created(feeJson(billing.createFeeItem(actorFor(r), feeChange(r.body))));
    };
    routes.push_back(std::move(createFee));

    Route updateFee = billingRoute("PATCH", "/api/v1/billing/fees/{id}", Operation::UpdateFeeItem,
                                   "Change a fee's price, names, follow-up window, or retire it");
    updateFee.requestBody = object(feeInputProperties(true));
    updateFee.responseBody = feeSchema();
    updateFee.errorStatuses = {404};
    updateFee.handler = [&billing](ApiRequest& r) {
        return ApiResponse::ok(feeJson(billing.updateFeeItem(actorFor(r), parseId(r.path("id"), "id"), feeChange(r.body))));
    };
    routes.push_back(std::move(updateFee));

    Route createInvoice = billingRoute("POST", "/api/v1/billing/invoices", Operation::CreateInvoice,
                                       "Open an invoice by hand (check-in opens the consultation's by itself)");
    createInvoice.requestBody = object({required("patient_id", string()), optional("doctor_id", string()),
                                        optional("lines", arrayOf(object(lineInputProperties())))});
    createInvoice.successStatus = 201;
    createInvoice.responseBody = invoiceSchema();
    createInvoice.errorStatuses = {404, 409};
    createInvoice.handler = [&billing](ApiRequest& r) {
        billing::NewInvoiceInput in;
        in.patientId = parseId(r.body->getValue<std::string>("patient_id"), "patient_id");
        if (auto d = optionalField<std::string>(r.body, "doctor_id")) in.doctorId = parseId(*d, "doctor_id");
        if (auto lines = r.body->getArray("lines"))
            for (std::size_t i = 0; i < lines->size(); ++i) in.lines.push_back(lineInput(lines->getObject(static_cast<unsigned>(i))));
        return ApiResponse::created(invoiceJson(billing.createInvoice(actorFor(r), in)));
    };
    routes.push_back(std::move(createInvoice));

    Route getInvoice = billingRoute("GET", "/api/v1/billing/invoices/{id}", Operation::GetInvoice,
                                    "An invoice with its lines, payments and balance (audited)");
    getInvoice.responseBody = invoiceSchema();
    getInvoice.errorStatuses = {404};
    getInvoice.handler = [&billing](ApiRequest& r) {
        return ApiResponse::ok(invoiceJson(billing.invoice(actorFor(r), parseId(r.path("id"), "id"))));
    };
    routes.push_back(std::move(getInvoice));

    Route listInvoices = billingRoute("GET", "/api/v1/billing/invoices", Operation::ListInvoices,
                                      "Invoices of a patient (with the patient's balance), a check-in, or a day");
    listInvoices.queryParameters = {{"patient_id", string(), false},
                                    {"token_id", string(), false},
                                    {"day", string("YYYY-MM-DD, the clinic day"), false},
                                    {"unpaid", enumeration({"true", "false"}), false}};
    listInvoices.responseBody = object({required("invoices", arrayOf(invoiceSchema())),
                                        optional("patient_balance", integer("all the patient owes, with patient_id"))});
    listInvoices.handler = [&billing](ApiRequest& r) {
        billing::InvoiceQuery q;
        q.patientId = queryId(r, "patient_id");
        q.tokenId = queryId(r, "token_id");
        q.clinicDay = r.queryValue("day");
        q.unpaidOnly = r.queryValue("unpaid").value_or("false") == "true";
        auto list = billing.invoices(actorFor(r), q);
        Obj o = new Poco::JSON::Object;
        o->set("invoices", arrayJson(list.invoices, invoiceJson));
        if (list.patientBalanceMinor) o->set("patient_balance", *list.patientBalanceMinor);
        return ApiResponse::ok(o);
    };
    routes.push_back(std::move(listInvoices));

    Route addLine = billingRoute("POST", "/api/v1/billing/invoices/{id}/lines", Operation::AddInvoiceLine,
                                 "Add a service the doctor ordered, a free-text charge, or a discount with a reason "
                                 "(above the clinic's cap only an admin may discount)");
    addLine.requestBody = object(lineInputProperties());
    addLine.successStatus = 201;
    addLine.responseBody = invoiceSchema();
    addLine.errorStatuses = {404, 409};
    addLine.handler = [&billing](ApiRequest& r) {
        return ApiResponse::created(
            invoiceJson(billing.addLine(actorFor(r), parseId(r.path("id"), "id"), lineInput(r.body))));
    };
    routes.push_back(std::move(addLine));

    Route addPayment = billingRoute("POST", "/api/v1/billing/payments", Operation::AddPayment,
                                    "Record a payment (cash, bKash, Nagad, UPI, card) against one or more invoices; a "
                                    "transaction ID is recorded once in the clinic");
    addPayment.requestBody = object({
        required("method", enumeration(domain::paymentMethodNames)),
        optional("reference", withLength(string("bKash/Nagad TrxID, UPI UTR (12 digits), card's last 4"), 0, 40)),
        required("amount", withRange(integer("minor units"), 1, domain::maxAmountMinor)),
        optional("invoice_id", string("the invoice it pays (or allocations)")),
        optional("allocations", arrayOf(object({required("invoice_id", string()),
                                                 required("amount", withRange(integer(), 1, domain::maxAmountMinor))}),
                                         "how one transfer splits across a family's invoices")),
    });
    addPayment.successStatus = 201;
    addPayment.responseBody = paymentResultSchema();
    addPayment.errorStatuses = {404, 409};
    addPayment.handler = [&billing](ApiRequest& r) {
        billing::PaymentInput in;
        in.method = r.body->getValue<std::string>("method");
        in.reference = optionalField<std::string>(r.body, "reference").value_or("");
        in.amountMinor = r.body->getValue<long long>("amount");
        if (auto allocations = r.body->getArray("allocations")) {
            if (r.body->has("invoice_id")) throw invalidInput("invoice_id", "give invoice_id or allocations, not both");
            for (std::size_t i = 0; i < allocations->size(); ++i) {
                auto a = allocations->getObject(static_cast<unsigned>(i));
                in.allocations.emplace_back(
                    parseId(a->getValue<std::string>("invoice_id"), "allocations[" + std::to_string(i) + "].invoice_id"),
                    a->getValue<long long>("amount"));
            }
        } else if (auto invoice = optionalField<std::string>(r.body, "invoice_id")) {
            in.allocations.emplace_back(parseId(*invoice, "invoice_id"), in.amountMinor);
        }
        return ApiResponse::created(paymentResultJson(billing.addPayment(actorFor(r), in)));
    };
    routes.push_back(std::move(addPayment));

    Route refund = billingRoute("POST", "/api/v1/billing/payments/{id}/refund", Operation::RefundPayment,
                                "Give money back with a reason (a cash refund comes out of the drawer)");
    refund.requestBody = object({required("amount", withRange(integer("minor units"), 1, domain::maxAmountMinor)),
                                 required("reason", withLength(string(), 1, 300)),
                                 optional("invoice_id", string("which invoice, when the payment paid several"))});
    refund.successStatus = 201;
    refund.responseBody = paymentResultSchema();
    refund.errorStatuses = {404};
    refund.handler = [&billing](ApiRequest& r) {
        billing::RefundInput in;
        in.amountMinor = r.body->getValue<long long>("amount");
        in.reason = r.body->getValue<std::string>("reason");
        if (auto i = optionalField<std::string>(r.body, "invoice_id")) in.invoiceId = parseId(*i, "invoice_id");
        return ApiResponse::created(paymentResultJson(billing.refund(actorFor(r), parseId(r.path("id"), "id"), in)));
    };
    routes.push_back(std::move(refund));

    Route voidInvoice = billingRoute("POST", "/api/v1/billing/invoices/{id}/void", Operation::VoidInvoice,
                                     "Void an unpaid invoice: it keeps its number and says why");
    voidInvoice.requestBody = object({required("reason", withLength(string(), 1, 300))});
    voidInvoice.responseBody = invoiceSchema();
    voidInvoice.errorStatuses = {404, 409};
    voidInvoice.handler = [&billing](ApiRequest& r) {
        return ApiResponse::ok(invoiceJson(
            billing.voidInvoice(actorFor(r), parseId(r.path("id"), "id"), r.body->getValue<std::string>("reason"))));
    };
    routes.push_back(std::move(voidInvoice));

    Route receipt = billingRoute("GET", "/api/v1/billing/invoices/{id}/receipt", Operation::GetReceiptPrint,
                                 "The bilingual receipt: an A5 or 58/80 mm page to print from the browser, or "
                                 "(format=escpos) the ESC/POS raster job for a thermal printer");
    receipt.queryParameters = {{"paper", enumeration({"a5", "58", "80"}, "default a5"), false},
                               {"format", enumeration({"html", "escpos"}, "default html"), false}};
    receipt.rawContentType = "text/html";
    receipt.errorStatuses = {404};
    receipt.handler = [&billing, &receipts](ApiRequest& r) {
        const auto paper = billing::parseReceiptPaper(r.queryValue("paper").value_or("a5")).value_or(billing::ReceiptPaper::A5);
        const long long id = parseId(r.path("id"), "id");
        if (r.queryValue("format").value_or("html") == "escpos")
            return ApiResponse::bytes("application/octet-stream", receipts.escPos(actorFor(r), id, paper));
        return ApiResponse::bytes("text/html; charset=utf-8", billing::receiptHtml(billing.receiptData(actorFor(r), id), paper));
    };
    routes.push_back(std::move(receipt));

    Route printReceipt = billingRoute("POST", "/api/v1/billing/invoices/{id}/receipt/print", Operation::PrintReceipt,
                                      "Print the bilingual receipt on the clinic's network receipt printer (the token "
                                      "slips' printer; ESC/POS raster, the patient's language first)");
    printReceipt.requestBody =
        object({optional("paper", enumeration({"58", "80"}, "paper width in mm; default the printer's configured width"))});
    printReceipt.responseBody = object({
        required("printer", string("the printer's address")),
        required("paper", enumeration({"58", "80"})),
        required("bytes", integer("size of the print job sent")),
        required("invoice_number", string("e.g. INV-2026-000123")),
        required("language", enumeration(domain::hubLanguageNames, "the patient's language, printed first")),
    });
    printReceipt.errorStatuses = {404, 409, 503};
    printReceipt.handler = [&receipts](ApiRequest& r) {
        std::optional<billing::ReceiptPaper> paper;
        if (auto name = optionalField<std::string>(r.body, "paper")) paper = billing::parseReceiptPaper(*name);
        const auto printed = receipts.print(actorFor(r), parseId(r.path("id"), "id"), paper);
        Obj o = new Poco::JSON::Object;
        o->set("printer", printed.printer);
        o->set("paper", std::string(billing::receiptPaperName(printed.paper)));
        o->set("bytes", static_cast<Poco::Int64>(printed.bytes));
        o->set("invoice_number", printed.invoiceNumber);
        o->set("language", std::string(domain::languageName(printed.language)));
        return ApiResponse::ok(o);
    };
    routes.push_back(std::move(printReceipt));

    Route css = publicRoute("GET", std::string(billing::receiptStylesheetPath), "getReceiptStylesheet",
                            "The receipt's stylesheet (page size per paper)");
    css.tag = "assets";
    css.queryParameters = {{"paper", enumeration({"a5", "58", "80"}), false}};
    css.rawContentType = "text/css";
    css.handler = [](ApiRequest& r) {
        const auto paper = billing::parseReceiptPaper(r.queryValue("paper").value_or("a5")).value_or(billing::ReceiptPaper::A5);
        return ApiResponse::bytes("text/css; charset=utf-8", billing::receiptStylesheet(paper));
    };
    routes.push_back(std::move(css));

    Route qr = billingRoute("GET", "/api/v1/billing/invoices/{id}/qr", Operation::GetPaymentQr,
                            "What the patient scans to pay: the upi://pay QR (made offline) or the clinic's bKash/Nagad "
                            "merchant QR, with the amount (default the balance)");
    qr.queryParameters = {{"method", enumeration(providers), true},
                          {"amount", string("minor units; default the balance"), false}};
    qr.responseBody = object({required("method", enumeration(providers)), required("amount", minor()),
                              required("amount_text", string("e.g. ৳ 500.00")), required("invoice_number", string()),
                              optional("payload", string("the upi://pay link (UPI)")),
                              optional("svg", string("the QR code as SVG (UPI)")),
                              optional("image", string("the merchant QR image, base64 (bKash, Nagad)"))});
    qr.errorStatuses = {404, 409};
    qr.handler = [&billing](ApiRequest& r) {
        std::optional<long long> amount;
        if (auto a = r.queryValue("amount")) amount = parseId(*a, "amount");
        const auto q = billing.paymentQr(actorFor(r), parseId(r.path("id"), "id"), *r.queryValue("method"), amount);
        const auto settings = billing.settings(actorFor(r));
        Obj o = new Poco::JSON::Object;
        o->set("method", q.method);
        o->set("amount", q.amountMinor);
        o->set("amount_text", domain::formatMoney(q.amountMinor, settings.currency));
        o->set("invoice_number", q.invoiceNumber);
        if (!q.payload.empty()) o->set("payload", q.payload);
        if (!q.svg.empty()) o->set("svg", q.svg);
        if (!q.image.empty()) o->set("image", q.image);
        return ApiResponse::ok(o);
    };
    routes.push_back(std::move(qr));

    Route import = billingRoute("POST", "/api/v1/billing/statements", Operation::ImportPaymentStatement,
                                "Import a bKash/Nagad/bank (UPI) merchant statement (CSV text) and reconcile it: "
                                "all or nothing; a bad file's error names its line and column");
    import.requestBody = object({
        required("provider", enumeration(providers)),
        required("csv", withLength(string("the exported file's text"), 1, 5'000'000)),
        optional("columns", object({optional("reference", withLength(string("the transaction ID column's header"), 1, 100)),
                                    optional("amount", withLength(string(), 1, 100)),
                                    optional("date", withLength(string(), 1, 100))},
                                   "header names for a layout the hub does not know")),
    });
    import.successStatus = 201;
    import.responseBody = object({required("import_id", string()), required("lines", integer()),
                                  required("matched", arrayOf(statementLineSchema())),
                                  required("mismatched", arrayOf(statementLineSchema(), "amount differs")),
                                  required("not_recorded", arrayOf(statementLineSchema(), "in the statement only")),
                                  required("recorded_not_in_statement", arrayOf(paymentSchema(), "in the hub only"))});
    import.handler = [&billing](ApiRequest& r) {
        billing::StatementImport in;
        in.provider = r.body->getValue<std::string>("provider");
        in.csv = r.body->getValue<std::string>("csv");
        if (auto c = r.body->getObject("columns")) {
            in.columns.reference = optionalField<std::string>(c, "reference");
            in.columns.amount = optionalField<std::string>(c, "amount");
            in.columns.date = optionalField<std::string>(c, "date");
        }
        const auto res = billing.importStatement(actorFor(r), in);
        Obj o = new Poco::JSON::Object;
        o->set("import_id", idString(res.importId));
        o->set("lines", res.lines);
        o->set("matched", arrayJson(res.matched, statementLineJson));
        o->set("mismatched", arrayJson(res.mismatched, statementLineJson));
        o->set("not_recorded", arrayJson(res.notRecorded, statementLineJson));
        o->set("recorded_not_in_statement", arrayJson(res.recordedNotInStatement, paymentJson));
        return ApiResponse::created(o);
    };
    routes.push_back(std::move(import));

    Route unmatched = billingRoute("GET", "/api/v1/billing/unmatched", Operation::ListUnmatchedPayments,
                                   "Transfers no statement has confirmed (or with a different amount), and statement "
                                   "lines no recorded payment explains");
    unmatched.responseBody = object({required("payments", arrayOf(paymentSchema())),
                                     required("statement_lines", arrayOf(statementLineSchema()))});
    unmatched.handler = [&billing](ApiRequest& r) {
        const auto u = billing.unmatched(actorFor(r));
        Obj o = new Poco::JSON::Object;
        o->set("payments", arrayJson(u.payments, paymentJson));
        o->set("statement_lines", arrayJson(u.statementLines, statementLineJson));
        return ApiResponse::ok(o);
    };
    routes.push_back(std::move(unmatched));

    Route match = billingRoute("POST", "/api/v1/billing/payments/{id}/match", Operation::MatchPayment,
                               "Mark a transfer as reconciled by hand, with a note (optionally against a statement line)");
    match.requestBody = object({required("note", withLength(string(), 1, 300)), optional("statement_line_id", string())});
    match.responseBody = paymentSchema();
    match.errorStatuses = {404};
    match.handler = [&billing](ApiRequest& r) {
        std::optional<long long> line;
        if (auto l = optionalField<std::string>(r.body, "statement_line_id")) line = parseId(*l, "statement_line_id");
        return ApiResponse::ok(paymentJson(
            billing.matchPayment(actorFor(r), parseId(r.path("id"), "id"), r.body->getValue<std::string>("note"), line)));
    };
    routes.push_back(std::move(match));

    Route cash = billingRoute("GET", "/api/v1/billing/cash", Operation::GetCashClose,
                              "A cashier's drawer for a day: float, cash in, refunds, payouts, expected, counted, "
                              "difference, and the day's totals per method");
    cash.queryParameters = {{"day", string("YYYY-MM-DD; default today"), false},
                            {"cashier_id", string("default the caller; admins see anyone's"), false}};
    cash.responseBody = cashCloseSchema();
    cash.handler = [&billing](ApiRequest& r) {
        return ApiResponse::ok(cashCloseJson(billing.cashClose(actorFor(r), r.queryValue("day"), queryId(r, "cashier_id"))));
    };
    routes.push_back(std::move(cash));

    Route close = billingRoute("POST", "/api/v1/billing/cash", Operation::CloseCashDrawer,
                               "The drawer's actions: set the opening float, record a payout (with a reason), close "
                               "with the counted cash (the day locks), or reopen (admins, with a reason)");
    close.requestBody = object({required("action", enumeration({"float", "payout", "close", "reopen"})),
                                optional("day", string("YYYY-MM-DD; default today")),
                                optional("cashier_id", string("default the caller; admins act on anyone's")),
                                optional("amount", minor("the float, the payout, or the counted cash")),
                                optional("reason", withLength(string("payout and reopen"), 0, 300))});
    close.responseBody = cashCloseSchema();
    close.errorStatuses = {409};
    close.handler = [&billing](ApiRequest& r) {
        billing::CashAction a;
        a.action = r.body->getValue<std::string>("action");
        a.day = optionalField<std::string>(r.body, "day");
        if (auto c = optionalField<std::string>(r.body, "cashier_id")) a.cashierId = parseId(*c, "cashier_id");
        a.amountMinor = optionalField<long long>(r.body, "amount");
        a.reason = optionalField<std::string>(r.body, "reason").value_or("");
        return ApiResponse::ok(cashCloseJson(billing.cashAction(actorFor(r), a)));
    };
    routes.push_back(std::move(close));

    Route revenue = billingRoute("GET", "/api/v1/billing/revenue", Operation::GetRevenueReport,
                                 "Money in less refunds per day (the dashboard's 30-day chart), per doctor and per "
                                 "method, over clinic days");
    revenue.queryParameters = {{"from", string("YYYY-MM-DD; default 29 days before to"), false},
                               {"to", string("YYYY-MM-DD; default today"), false}};
    revenue.responseBody = object({
        required("from", day()), required("to", day()), required("total", integer()),
        required("days", arrayOf(object({required("day", day()), required("net", integer())}))),
        required("doctors", arrayOf(object({optional("doctor_id", string()), required("doctor_name", string()),
                                            required("net", integer())}))),
        required("methods", methodTotalsSchema()),
    });
    revenue.handler = [&billing](ApiRequest& r) {
        const auto rep = billing.revenue(actorFor(r), r.queryValue("from"), r.queryValue("to"));
        Obj o = new Poco::JSON::Object;
        o->set("from", rep.from);
        o->set("to", rep.to);
        o->set("total", rep.totalMinor);
        o->set("days", arrayJson(rep.days, [](const store::DayTotal& d) {
            Obj x = new Poco::JSON::Object;
            x->set("day", d.clinicDay);
            x->set("net", d.netMinor);
            return x;
        }));
        o->set("doctors", arrayJson(rep.doctors, [](const store::DoctorTotal& d) {
            Obj x = new Poco::JSON::Object;
            if (d.doctorId) x->set("doctor_id", idString(*d.doctorId));
            x->set("doctor_name", d.doctorName);
            x->set("net", d.netMinor);
            return x;
        }));
        o->set("methods", methodTotalsJson(rep.methods));
        return ApiResponse::ok(o);
    };
    routes.push_back(std::move(revenue));
    return routes;
}

}  // namespace hub::api
