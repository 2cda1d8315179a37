#include "hub/billing/billing_service.h"

#include "hub/auth/staff_service.h"
#include "hub/core/error.h"
#include "hub/domain/clinic_day.h"
#include "hub/opd/clinic_service.h"
#include "hub/qr/qr_code.h"
#include "hub/service/audited.h"
#include "hub/service/clinic_today.h"
#include "hub/slip/token_slip.h"
#include "hub/store/clinic_repository.h"
#include "hub/store/doctor_repository.h"
#include "hub/store/patient_repository.h"
#include "hub/store/staff_repository.h"
#include "hub/store/token_repository.h"

#include <algorithm>
#include <map>
#include <set>

namespace hub::billing {
namespace {

using domain::Operation;

// The saved settings, or the defaults for the clinic's country until an admin saves some.
BillingSettings settingsIn(store::Connection& tx) {
    BillingSettings s;
    if (auto row = store::BillingRepository(tx).settings()) {
        s.currency = domain::parseCurrency(row->currency).value_or(domain::Currency::BDT);
        s.fiscalYearStartMonth = row->fiscalYearStartMonth;
        s.upiVpa = row->upiVpa;
        s.bkashQrImage = row->bkashQrImage;
        s.nagadQrImage = row->nagadQrImage;
        s.receptionDiscountCapPercent = row->receptionDiscountCapPercent;
        s.receptionTakesPayments = row->receptionTakesPayments;
        return s;
    }
    const auto clinic = store::ClinicRepository(tx).get();
    const std::string country = clinic ? clinic->profile.country : "BD";
    s.currency = domain::defaultCurrency(country);
    s.fiscalYearStartMonth = domain::defaultFiscalYearStartMonth(country);
    return s;
}

store::InvoiceRow requireInvoice(store::BillingRepository& repo, long long id, const std::string& field = "id") {
    auto found = repo.invoice(id);
    // An unknown id in the path is 404; one a body names is 422 naming its field.
    if (!found && field == "id") throw Error(ErrorCode::NotFound, "no invoice with id " + std::to_string(id), field);
    if (!found) throw unknownReference(field, field + ": no invoice with id " + std::to_string(id));
    return std::move(*found);
}

std::string money(long long minor) { return domain::formatAmount(minor); }

void requireAmount(long long minor, const std::string& field, bool allowZero = false) {
    if (minor < (allowZero ? 0 : 1) || minor > domain::maxAmountMinor)
        throw invalidInput(field, std::string("must be ") + (allowZero ? "0" : "1") +
                                      " to 10000000000 minor units (poisha/paise)");
}

std::string requireReason(const std::string& reason, const std::string& field = "reason") {
    std::string r = reason;
    r.erase(0, r.find_first_not_of(" \t"));
    if (r.empty()) throw invalidInput(field, "give a reason");
    return r;
}

std::string staffName(store::Connection& tx, long long id) {
    auto s = store::StaffRepository(tx).findById(id);
    return s ? s->member.displayName : "";
}

// Whether the caller may take money at all: cashiers and admins always, the
// front desk when the clinic allows it.
void requireMayTakePayments(const auth::ActorContext& actor, const BillingSettings& s) {
    if (actor.role == domain::Role::Receptionist && !s.receptionTakesPayments)
        throw Error(ErrorCode::Forbidden, "this clinic takes payments at the cash counter, not at reception");
}

// The drawer a cash movement counts in: today's, or the next open one once
// today's is closed (a payment after the close belongs to tomorrow's drawer).
std::string drawerDayFor(store::BillingRepository& repo, long long cashierId, const std::string& today) {
    std::string d = today;
    for (int i = 0; i < 31; ++i) {
        auto drawer = repo.drawer(cashierId, d);
        if (!drawer || !drawer->closed) return d;
        d = domain::addDays(d, 1);
    }
    return d;
}

// The line a LineInput describes, checked; discounts are checked against the
// invoice by the caller.
store::InvoiceLine makeLine(store::BillingRepository& repo, const LineInput& in, long long chargesMinor,
                            const std::string& prefix, long long by, TimePoint at) {
    store::InvoiceLine l;
    l.addedBy = by;
    l.addedAt = at;
    if (in.quantity < 1 || in.quantity > 1000) throw invalidInput(prefix + "quantity", "must be 1 to 1000");
    l.quantity = in.quantity;
    const bool isDiscount = in.discountMinor || in.discountPercent;
    if (isDiscount) {
        if (in.feeItemId || in.unitPriceMinor)
            throw invalidInput(prefix + "discount", "a discount line has no fee item or price");
        l.kind = "discount";
        l.quantity = 1;
        l.reason = requireReason(in.reason, prefix + "reason");
        if (in.discountPercent) {
            if (*in.discountPercent < 1 || *in.discountPercent > 100)
                throw invalidInput(prefix + "discount_percent", "must be 1 to 100");
            // Integer division: the discount rounds down to the poisha, in the patient's disfavour by under one.
            l.unitPriceMinor = chargesMinor * *in.discountPercent / 100;
            if (l.unitPriceMinor <= 0) throw invalidInput(prefix + "discount_percent", "the invoice has no charges");
        } else {
            requireAmount(*in.discountMinor, prefix + "discount");
            l.unitPriceMinor = *in.discountMinor;
        }
        l.amountMinor = -l.unitPriceMinor;
        l.descriptionEn = in.descriptionEn.value_or("Discount");
        l.descriptionBn = in.descriptionBn.value_or("ছাড়");
        return l;
    }
    if (in.feeItemId) {
        auto item = repo.feeItem(*in.feeItemId);
        if (!item)
            throw unknownReference(prefix + "fee_item_id",
                                   prefix + "fee_item_id: no fee item with id " + std::to_string(*in.feeItemId));
        if (!item->active) throw Error(ErrorCode::Conflict, item->nameEn + " is no longer offered", prefix + "fee_item_id");
        l.feeItemId = item->id;
        l.descriptionEn = in.descriptionEn.value_or(item->nameEn);
        l.descriptionBn = in.descriptionBn.value_or(item->nameBn);
        l.unitPriceMinor = in.unitPriceMinor.value_or(item->priceMinor);
    } else {
        if (!in.descriptionEn || in.descriptionEn->empty())
            throw invalidInput(prefix + "description", "name the charge, or give a fee_item_id");
        if (!in.unitPriceMinor) throw invalidInput(prefix + "unit_price", "a charge without a fee item needs its price");
        l.descriptionEn = *in.descriptionEn;
        l.descriptionBn = in.descriptionBn.value_or("");
        l.unitPriceMinor = *in.unitPriceMinor;
    }
    requireAmount(l.unitPriceMinor, prefix + "unit_price", true);
    l.amountMinor = l.unitPriceMinor * l.quantity;
    return l;
}

// Discounts on an invoice: never more than its charges, nor below what is
// already paid, and within the receptionist's cap unless an admin gives them.
void checkDiscounts(const auth::ActorContext& actor, const BillingSettings& s, long long chargesMinor,
                    long long discountMinor, long long paidMinor, const std::string& field) {
    if (discountMinor > chargesMinor) throw invalidInput(field, "a discount cannot be more than the charges");
    if (chargesMinor - discountMinor < paidMinor)
        throw Error(ErrorCode::Conflict, "the invoice would total less than is already paid: refund first", field);
    if (!domain::mayDiscountBeyondCap(actor.role) &&
        !domain::discountWithinCap(discountMinor, chargesMinor, s.receptionDiscountCapPercent))
        throw Error(ErrorCode::Forbidden, "discounts above " + std::to_string(s.receptionDiscountCapPercent) +
                                              "% of the charges need an admin",
                    field);
}

std::string urlEncode(std::string_view s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '@') out += static_cast<char>(c);
        else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

bool validVpa(std::string_view v) {
    const auto at = v.find('@');
    if (at == std::string_view::npos || at == 0 || at + 1 >= v.size() || v.size() > 100) return false;
    for (char c : v)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' || c == '@')) return false;
    return v.find('@', at + 1) == std::string_view::npos;
}

bool validDay(const std::string& day) { return day.size() == 10 && domain::daysBetween(day, day) == 0 &&
                                               domain::addDays(day, 0) == day && day[4] == '-' && day[7] == '-'; }

}  // namespace

std::string upiPayload(std::string_view vpa, std::string_view payeeName, long long amountMinor,
                       std::string_view invoiceNumber) {
    const long long cents = amountMinor % 100;
    return "upi://pay?pa=" + urlEncode(vpa) + "&pn=" + urlEncode(payeeName) + "&am=" +
           std::to_string(amountMinor / 100) + "." + (cents < 10 ? "0" : "") + std::to_string(cents) +
           "&cu=INR&tn=" + urlEncode(invoiceNumber) + "&tr=" + urlEncode(invoiceNumber);
}

long long outstandingBalance(store::Connection& tx, long long patientId) {
    return store::BillingRepository(tx).outstandingBalance(patientId);
}

BillingSettings BillingService::settings(const auth::ActorContext& actor) {
    service::requirePermission(actor, Operation::GetBillingSettings);
    return db_.read([](store::Connection& c) { return settingsIn(c); });
}

BillingSettings BillingService::updateSettings(const auth::ActorContext& actor, const SettingsChange& in) {
    return service::audited(db_, audit_, actor,
                            {Operation::UpdateBillingSettings, "billing.settings_update", "billing_settings", "1"},
                            [&](service::Attempt& attempt) {
        return db_.write([&](store::Connection& tx) {
            BillingSettings s = settingsIn(tx);
            if (in.currency) {
                auto c = domain::parseCurrency(*in.currency);
                if (!c) throw invalidInput("currency", "must be BDT or INR");
                s.currency = *c;
            }
            if (in.fiscalYearStartMonth) {
                if (*in.fiscalYearStartMonth < 1 || *in.fiscalYearStartMonth > 12)
                    throw invalidInput("fiscal_year_start_month", "must be 1 (January) to 12 (December)");
                s.fiscalYearStartMonth = *in.fiscalYearStartMonth;
            }
            if (in.upiVpa) {
                if (!in.upiVpa->empty() && !validVpa(*in.upiVpa))
                    throw invalidInput("upi_vpa", "a UPI address looks like clinic@okbank");
                s.upiVpa = *in.upiVpa;
            }
            // Empty removes the image; anything else must be one the payment screens can show.
            const auto qrImage = [](const std::optional<std::string>& image, const char* field) {
                if (image && !image->empty() && !domain::isQrImageBase64(*image))
                    throw invalidInput(field, "a PNG or JPEG image, base64-encoded");
            };
            qrImage(in.bkashQrImage, "bkash_qr_image");
            qrImage(in.nagadQrImage, "nagad_qr_image");
            if (in.bkashQrImage) s.bkashQrImage = *in.bkashQrImage;
            if (in.nagadQrImage) s.nagadQrImage = *in.nagadQrImage;
            if (in.receptionDiscountCapPercent) {
                if (*in.receptionDiscountCapPercent < 0 || *in.receptionDiscountCapPercent > 100)
                    throw invalidInput("reception_discount_cap_percent", "must be 0 to 100");
                s.receptionDiscountCapPercent = *in.receptionDiscountCapPercent;
            }
            if (in.receptionTakesPayments) s.receptionTakesPayments = *in.receptionTakesPayments;
            store::BillingSettingsRow row;
            row.currency = std::string(domain::currencyName(s.currency));
            row.fiscalYearStartMonth = s.fiscalYearStartMonth;
            row.upiVpa = s.upiVpa;
            row.bkashQrImage = s.bkashQrImage;
            row.nagadQrImage = s.nagadQrImage;
            row.receptionDiscountCapPercent = s.receptionDiscountCapPercent;
            row.receptionTakesPayments = s.receptionTakesPayments;
            store::BillingRepository(tx).saveSettings(row, clock_.now());
            service::appendSuccess(audit_, tx, actor, attempt,
                                   row.currency + ", fiscal year from month " +
                                       std::to_string(row.fiscalYearStartMonth) + ", reception cap " +
                                       std::to_string(row.receptionDiscountCapPercent) + "%");
            return s;
        });
    });
}

std::vector<store::FeeItem> BillingService::feeItems(const auth::ActorContext& actor) {
    service::requirePermission(actor, Operation::ListFeeItems);
    return db_.read([](store::Connection& c) { return store::BillingRepository(c).feeItems(); });
}

namespace {
void applyFee(store::FeeItem& f, const FeeItemChange& in) {
    if (in.nameEn) f.nameEn = *in.nameEn;
    if (in.nameBn) f.nameBn = *in.nameBn;
    if (in.priceMinor) f.priceMinor = *in.priceMinor;
    if (in.followUpPriceMinor) f.followUpPriceMinor = *in.followUpPriceMinor;
    if (in.followUpDays) f.followUpDays = *in.followUpDays;
    if (in.active) f.active = *in.active;
    if (f.nameEn.empty()) throw invalidInput("name_en", "name the fee");
    requireAmount(f.priceMinor, "price", true);
    if (f.followUpPriceMinor) requireAmount(*f.followUpPriceMinor, "follow_up_price", true);
    if (f.followUpDays < 0 || f.followUpDays > 365) throw invalidInput("follow_up_days", "must be 0 to 365");
    if (f.followUpDays > 0 && !f.followUpPriceMinor)
        throw invalidInput("follow_up_price", "a follow-up window needs the follow-up fee");
    if (f.kind != "consultation" && (f.followUpDays > 0 || f.followUpPriceMinor))
        throw invalidInput("follow_up_days", "only a doctor's consultation has a follow-up fee");
}
}  // namespace

store::FeeItem BillingService::createFeeItem(const auth::ActorContext& actor, const FeeItemChange& in) {
    return service::audited(db_, audit_, actor, {Operation::CreateFeeItem, "billing.fee_create", "fee_item", ""},
                            [&] {
        return db_.write([&](store::Connection& tx) {
            store::BillingRepository repo(tx);
            store::FeeItem f;
            f.kind = in.kind.value_or("service");
            if (f.kind != "consultation" && f.kind != "service")
                throw invalidInput("kind", "must be consultation or service");
            if (f.kind == "consultation") {
                if (!in.doctorId) throw invalidInput("doctor_id", "a consultation fee is a doctor's");
                if (!store::DoctorRepository(tx).find(*in.doctorId))
                    throw unknownReference("doctor_id", "doctor_id: no doctor with id " + std::to_string(*in.doctorId));
                f.doctorId = in.doctorId;
            } else if (in.doctorId) {
                throw invalidInput("doctor_id", "only a consultation fee names a doctor");
            }
            if (!in.priceMinor) throw invalidInput("price", "give the price in minor units (poisha/paise)");
            applyFee(f, in);
            f.id = repo.insertFeeItem(f, clock_.now());
            service::appendSuccess(audit_, tx, actor,
                                   {std::nullopt, "billing.fee_create", "fee_item", std::to_string(f.id), std::nullopt},
                                   f.nameEn + " " + money(f.priceMinor));
            return f;
        });
    });
}

store::FeeItem BillingService::updateFeeItem(const auth::ActorContext& actor, long long id, const FeeItemChange& in) {
    return service::audited(db_, audit_, actor,
                            {Operation::UpdateFeeItem, "billing.fee_update", "fee_item", std::to_string(id)},
                            [&](service::Attempt& attempt) {
        return db_.write([&](store::Connection& tx) {
            store::BillingRepository repo(tx);
            auto f = repo.feeItem(id);
            if (!f) throw Error(ErrorCode::NotFound, "no fee item with id " + std::to_string(id), "id");
            if (in.kind && *in.kind != f->kind) throw invalidInput("kind", "a fee item's kind does not change");
            if (in.doctorId && in.doctorId != f->doctorId) throw invalidInput("doctor_id", "a fee's doctor does not change");
            const long long before = f->priceMinor;
            applyFee(*f, in);
            repo.updateFeeItem(*f, clock_.now());
            service::appendSuccess(audit_, tx, actor, attempt,
                                   f->nameEn + " " + money(before) + " -> " + money(f->priceMinor));
            return *f;
        });
    });
}

store::InvoiceRow BillingService::createInvoice(const auth::ActorContext& actor, const NewInvoiceInput& in) {
    return service::audited(db_, audit_, actor, {Operation::CreateInvoice, "billing.invoice_create", "invoice", ""},
                            [&](service::Attempt& attempt) {
        return db_.writePatientData([&](store::Connection& tx) {
            const TimePoint now = clock_.now();
            const service::ClinicToday today = service::clinicToday(tx, now);
            const BillingSettings s = settingsIn(tx);
            if (!store::TokenRepository(tx).findPatient(in.patientId))
                throw unknownReference("patient_id", "patient_id: no patient with id " + std::to_string(in.patientId));
            attempt.patientId = in.patientId;
            if (in.doctorId && !store::DoctorRepository(tx).find(*in.doctorId))
                throw unknownReference("doctor_id", "doctor_id: no doctor with id " + std::to_string(*in.doctorId));
            store::BillingRepository repo(tx);
            store::NewInvoice ni;
            ni.fiscalYear = domain::fiscalYearOf(today.day.date, s.fiscalYearStartMonth);
            ni.sequence = repo.nextInvoiceSequence(ni.fiscalYear);
            ni.number = domain::invoiceNumber(ni.fiscalYear, ni.sequence);
            ni.patientId = in.patientId;
            ni.doctorId = in.doctorId;
            ni.clinicDay = today.day.date;
            ni.createdBy = actor.staffId;
            ni.createdAt = now;
            const long long id = repo.insertInvoice(ni);
            long long charges = 0, discounts = 0;
            for (std::size_t i = 0; i < in.lines.size(); ++i) {
                const std::string prefix = "lines[" + std::to_string(i) + "].";
                auto line = makeLine(repo, in.lines[i], charges, prefix, actor.staffId, now);
                if (line.kind == "charge") charges += line.amountMinor;
                else {
                    discounts -= line.amountMinor;
                    checkDiscounts(actor, s, charges, discounts, 0, prefix + "discount");
                }
                repo.insertLine(id, line);
            }
            auto row = requireInvoice(repo, id);
            service::appendSuccess(audit_, tx, actor,
                                   {std::nullopt, "billing.invoice_create", "invoice", std::to_string(id),
                                    in.patientId},
                                   row.number + " total " + money(row.totalMinor()));
            return row;
        });
    });
}

store::InvoiceRow BillingService::invoice(const auth::ActorContext& actor, long long id) {
    return service::audited(db_, audit_, actor,
                            {Operation::GetInvoice, "billing.invoice_read", "invoice", std::to_string(id)},
                            [&](service::Attempt& attempt) {
        return db_.write([&](store::Connection& tx) {
            store::BillingRepository repo(tx);
            auto row = requireInvoice(repo, id);
            attempt.patientId = row.patientId;
            service::appendSuccess(audit_, tx, actor, attempt, row.number);
            return row;
        });
    });
}

InvoiceList BillingService::invoices(const auth::ActorContext& actor, const InvoiceQuery& query) {
    return service::audited(db_, audit_, actor, {Operation::ListInvoices, "billing.invoice_list", "invoice", ""},
                            [&](service::Attempt& attempt) {
        if (query.clinicDay && !validDay(*query.clinicDay)) throw invalidInput("day", "a day is YYYY-MM-DD");
        return db_.write([&](store::Connection& tx) {
            store::BillingRepository repo(tx);
            store::InvoiceFilter f;
            f.patientId = query.patientId;
            f.tokenId = query.tokenId;
            f.clinicDay = query.clinicDay;
            f.unpaidOnly = query.unpaidOnly;
            InvoiceList out;
            out.invoices = repo.invoices(f);
            if (query.patientId) {
                attempt.patientId = query.patientId;
                out.patientBalanceMinor = repo.outstandingBalance(*query.patientId);
            }
            std::string ids;
            for (const auto& i : out.invoices) ids += (ids.empty() ? "" : ",") + std::to_string(i.id);
            service::appendSuccess(audit_, tx, actor, attempt, "invoices " + ids);
            return out;
        });
    });
}

store::InvoiceRow BillingService::addLine(const auth::ActorContext& actor, long long invoiceId, const LineInput& in) {
    return service::audited(db_, audit_, actor,
                            {Operation::AddInvoiceLine, "billing.invoice_line_add", "invoice",
                             std::to_string(invoiceId)},
                            [&](service::Attempt& attempt) {
        return db_.writePatientData([&](store::Connection& tx) {
            const TimePoint now = clock_.now();
            const BillingSettings s = settingsIn(tx);
            store::BillingRepository repo(tx);
            auto row = requireInvoice(repo, invoiceId);
            attempt.patientId = row.patientId;
            if (row.voided) throw Error(ErrorCode::Conflict, row.number + " is void", "id");
            auto line = makeLine(repo, in, row.chargesMinor, "", actor.staffId, now);
            if (line.kind == "discount")
                checkDiscounts(actor, s, row.chargesMinor, row.discountMinor - line.amountMinor, row.paidMinor,
                               in.discountPercent ? "discount_percent" : "discount");
            repo.insertLine(invoiceId, line);
            auto after = requireInvoice(repo, invoiceId);
            service::appendSuccess(audit_, tx, actor, attempt,
                                   row.number + " " + line.kind + " " + money(line.amountMinor) +
                                   (line.reason.empty() ? "" : " (" + line.reason + ")"));
            return after;
        });
    });
}

store::InvoiceRow BillingService::voidInvoice(const auth::ActorContext& actor, long long invoiceId,
                                              const std::string& reason) {
    return service::audited(db_, audit_, actor,
                            {Operation::VoidInvoice, "billing.invoice_void", "invoice", std::to_string(invoiceId)},
                            [&](service::Attempt& attempt) {
        const std::string why = requireReason(reason);
        return db_.write([&](store::Connection& tx) {
            store::BillingRepository repo(tx);
            auto row = requireInvoice(repo, invoiceId);
            attempt.patientId = row.patientId;
            if (row.voided) throw Error(ErrorCode::Conflict, row.number + " is already void", "id");
            if (row.paidMinor > 0)
                throw Error(ErrorCode::Conflict, row.number + " has payments: refund them before voiding it", "id");
            repo.voidInvoice(invoiceId, why, actor.staffId, clock_.now());
            service::appendSuccess(audit_, tx, actor,
                                   {std::nullopt, "billing.invoice_void", "invoice", std::to_string(invoiceId),
                                    row.patientId}, row.number + ": " + why);
            return requireInvoice(repo, invoiceId);
        });
    });
}

PaymentResult BillingService::addPayment(const auth::ActorContext& actor, const PaymentInput& in) {
    return service::audited(db_, audit_, actor, {Operation::AddPayment, "billing.payment_add", "payment", ""},
                            [&](service::Attempt& attempt) {
        const auto method = domain::parsePaymentMethod(in.method);
        if (!method) throw invalidInput("method", "must be one of cash, bkash, nagad, upi, card");
        const auto ref = domain::checkReference(*method, in.reference);
        if (ref.problem) throw invalidInput(ref.problem->field, ref.problem->message);
        requireAmount(in.amountMinor, "amount");
        if (in.allocations.empty()) throw invalidInput("allocations", "name the invoice(s) the payment is for");
        long long sum = 0;
        std::set<long long> seen;
        for (std::size_t i = 0; i < in.allocations.size(); ++i) {
            requireAmount(in.allocations[i].second, "allocations[" + std::to_string(i) + "].amount");
            if (!seen.insert(in.allocations[i].first).second)
                throw invalidInput("allocations[" + std::to_string(i) + "].invoice_id", "an invoice is named twice");
            sum += in.allocations[i].second;
        }
        if (sum != in.amountMinor)
            throw invalidInput("allocations", "the allocations add up to " + money(sum) + ", the payment is " +
                                                  money(in.amountMinor));
        return db_.writePatientData([&](store::Connection& tx) {
            const TimePoint now = clock_.now();
            const service::ClinicToday today = service::clinicToday(tx, now);
            const BillingSettings s = settingsIn(tx);
            requireMayTakePayments(actor, s);
            if (*method == domain::PaymentMethod::Upi && s.currency != domain::Currency::INR)
                throw invalidInput("method", "UPI is for clinics billing in INR");
            if ((*method == domain::PaymentMethod::Bkash || *method == domain::PaymentMethod::Nagad) &&
                s.currency != domain::Currency::BDT)
                throw invalidInput("method", "bKash and Nagad are for clinics billing in BDT");
            store::BillingRepository repo(tx);
            std::vector<store::InvoiceRow> invoices;
            for (std::size_t i = 0; i < in.allocations.size(); ++i) {
                const std::string field = "allocations[" + std::to_string(i) + "].";
                auto row = requireInvoice(repo, in.allocations[i].first, field + "invoice_id");
                if (row.voided) throw Error(ErrorCode::Conflict, row.number + " is void", field + "invoice_id");
                if (in.allocations[i].second > row.balanceMinor())
                    throw invalidInput(field + "amount", row.number + " has " + money(row.balanceMinor()) +
                                                             " left to pay, not " + money(in.allocations[i].second));
                invoices.push_back(std::move(row));
            }
            attempt.patientId = invoices.front().patientId;
            if (ref.problem) throw invalidInput("reference", ref.problem->message);
            if (domain::isTransfer(*method)) {
                if (auto earlier = repo.transferPayment(domain::paymentMethodName(*method), ref.value))
                    throw Error(ErrorCode::Conflict,
                                "transaction ID " + ref.value + " was already recorded (payment " +
                                    std::to_string(earlier->id) + ")",
                                "reference");
            }
            store::PaymentRow p;
            p.kind = "payment";
            p.method = std::string(domain::paymentMethodName(*method));
            p.reference = ref.value;
            p.amountMinor = in.amountMinor;
            p.patientId = invoices.front().patientId;
            p.receivedBy = actor.staffId;
            p.receivedAt = now;
            p.clinicDay = today.day.date;
            p.drawerDay = drawerDayFor(repo, actor.staffId, today.day.date);
            p.id = repo.insertPayment(p);
            std::string detail = p.method + " " + money(p.amountMinor) + (p.reference.empty() ? "" : " " + p.reference);
            for (const auto& [invoiceId, amount] : in.allocations) repo.allocate(p.id, invoiceId, amount);
            PaymentResult out;
            out.payment = *repo.payment(p.id);
            for (const auto& inv : invoices) {
                out.invoices.push_back(requireInvoice(repo, inv.id));
                detail += ", " + inv.number + " " + money(out.invoices.back().balanceMinor()) + " due";
            }
            // One event per patient the money touches, so each patient's trail shows it.
            std::set<long long> patients;
            for (const auto& inv : invoices) patients.insert(inv.patientId);
            for (long long pid : patients)
                service::appendSuccess(audit_, tx, actor,
                                       {std::nullopt, "billing.payment_add", "payment", std::to_string(p.id), pid},
                                       detail);
            return out;
        });
    });
}

PaymentResult BillingService::refund(const auth::ActorContext& actor, long long paymentId, const RefundInput& in) {
    return service::audited(db_, audit_, actor,
                            {Operation::RefundPayment, "billing.refund", "payment", std::to_string(paymentId)},
                            [&](service::Attempt& attempt) {
        const std::string why = requireReason(in.reason);
        requireAmount(in.amountMinor, "amount");
        return db_.writePatientData([&](store::Connection& tx) {
            const TimePoint now = clock_.now();
            const service::ClinicToday today = service::clinicToday(tx, now);
            store::BillingRepository repo(tx);
            auto original = repo.payment(paymentId);
            if (!original || original->kind != "payment")
                throw Error(ErrorCode::NotFound, "no payment with id " + std::to_string(paymentId), "id");
            attempt.patientId = original->patientId;
            const store::Allocation* from = nullptr;
            if (in.invoiceId) {
                for (const auto& a : original->allocations)
                    if (a.invoiceId == *in.invoiceId) from = &a;
                if (!from) throw invalidInput("invoice_id", "the payment did not pay that invoice");
            } else if (original->allocations.size() == 1) {
                from = &original->allocations.front();
            } else {
                throw invalidInput("invoice_id", "the payment paid several invoices: name the one to refund");
            }
            const long long refundable = from->amountMinor - repo.refundedFrom(paymentId, from->invoiceId);
            if (in.amountMinor > refundable)
                throw invalidInput("amount", "at most " + money(refundable) + " of this payment can be refunded");
            store::PaymentRow r;
            r.kind = "refund";
            r.method = original->method;
            r.reference = original->reference;
            r.amountMinor = in.amountMinor;
            r.refundOf = paymentId;
            r.reason = why;
            r.patientId = original->patientId;
            r.receivedBy = actor.staffId;
            r.receivedAt = now;
            r.clinicDay = today.day.date;
            // A cash refund comes out of the drawer of whoever hands it back.
            r.drawerDay = drawerDayFor(repo, actor.staffId, today.day.date);
            r.id = repo.insertPayment(r);
            repo.allocate(r.id, from->invoiceId, in.amountMinor);
            PaymentResult out;
            out.payment = *repo.payment(r.id);
            out.invoices.push_back(requireInvoice(repo, from->invoiceId));
            service::appendSuccess(audit_, tx, actor,
                                   {std::nullopt, "billing.refund", "payment", std::to_string(r.id),
                                    original->patientId},
                                   r.method + " " + money(r.amountMinor) + " of payment " +
                                       std::to_string(paymentId) + " on " + out.invoices.front().number + ": " + why);
            return out;
        });
    });
}

PaymentQr BillingService::paymentQr(const auth::ActorContext& actor, long long invoiceId, const std::string& method,
                                    std::optional<long long> amountMinor) {
    service::requirePermission(actor, Operation::GetPaymentQr);
    auto m = domain::parsePaymentMethod(method);
    if (!m || !domain::isTransfer(*m)) throw invalidInput("method", "must be upi, bkash or nagad");
    if (amountMinor) requireAmount(*amountMinor, "amount");
    return db_.read([&](store::Connection& tx) {
        const BillingSettings s = settingsIn(tx);
        store::BillingRepository repo(tx);
        auto row = requireInvoice(repo, invoiceId);
        if (row.voided) throw Error(ErrorCode::Conflict, row.number + " is void", "id");
        PaymentQr qr;
        qr.method = method;
        qr.invoiceNumber = row.number;
        qr.amountMinor = amountMinor.value_or(row.balanceMinor());
        if (qr.amountMinor <= 0) throw Error(ErrorCode::Conflict, row.number + " is paid", "id");
        if (*m == domain::PaymentMethod::Upi) {
            if (s.upiVpa.empty()) throw Error(ErrorCode::Conflict, "the clinic's UPI address is not set", "upi_vpa");
            const auto clinic = store::ClinicRepository(tx).get();
            qr.payload = upiPayload(s.upiVpa, clinic ? clinic->profile.name : "", qr.amountMinor, row.number);
            qr.svg = qr::QrCode::encode(qr.payload).svg("UPI payment " + row.number);
        } else {
            qr.image = *m == domain::PaymentMethod::Bkash ? s.bkashQrImage : s.nagadQrImage;
            if (qr.image.empty())
                throw Error(ErrorCode::Conflict, "the clinic has not uploaded its " + method + " merchant QR",
                            method + "_qr_image");
        }
        return qr;
    });
}

ImportResult BillingService::importStatement(const auth::ActorContext& actor, const StatementImport& in) {
    return service::audited(db_, audit_, actor,
                            {Operation::ImportPaymentStatement, "billing.statement_import", "statement", ""},
                            [&] {
        const auto method = domain::parsePaymentMethod(in.provider);
        if (!method || !domain::isTransfer(*method)) throw invalidInput("provider", "must be bkash, nagad or upi");
        // Parsed whole before anything is written: a bad file imports nothing.
        const auto entries = parseStatement(in.csv, *method, in.columns);
        return db_.write([&](store::Connection& tx) {
            const TimePoint now = clock_.now();
            store::BillingRepository repo(tx);
            ImportResult out;
            out.lines = static_cast<int>(entries.size());
            out.importId = repo.insertStatementImport(in.provider, actor.staffId, now, out.lines);
            std::optional<std::string> from, to;
            std::set<long long> seenPayments;
            for (const auto& e : entries) {
                store::StatementLineRow line;
                line.importId = out.importId;
                line.lineNumber = e.lineNumber;
                line.provider = in.provider;
                line.reference = e.reference;
                line.amountMinor = e.amountMinor;
                line.occurred = e.occurred;
                if (e.clinicDay) {
                    if (!from || *e.clinicDay < *from) from = e.clinicDay;
                    if (!to || *e.clinicDay > *to) to = e.clinicDay;
                }
                auto recorded = repo.transferPayment(in.provider, e.reference);
                if (!recorded) {
                    line.result = "not_recorded";
                } else {
                    line.paymentId = recorded->id;
                    seenPayments.insert(recorded->id);
                    if (recorded->amountMinor == e.amountMinor) {
                        line.result = "matched";
                        repo.setReconciliation(recorded->id, "matched", "");
                    } else {
                        line.result = "mismatch";
                        line.note = "recorded " + money(recorded->amountMinor) + ", statement " + money(e.amountMinor);
                        repo.setReconciliation(recorded->id, "mismatch", line.note);
                    }
                }
                line.id = repo.insertStatementLine(line);
                (line.result == "matched" ? out.matched : line.result == "mismatch" ? out.mismatched : out.notRecorded)
                    .push_back(line);
            }
            for (auto& p : repo.unreconciled(in.provider, from, to))
                if (!seenPayments.count(p.id) && p.reconciliation == "unchecked")
                    out.recordedNotInStatement.push_back(std::move(p));
            service::appendSuccess(audit_, tx, actor,
                                   {std::nullopt, "billing.statement_import", "statement",
                                    std::to_string(out.importId), std::nullopt},
                                   in.provider + ": " + std::to_string(out.lines) + " lines, " +
                                   std::to_string(out.matched.size()) + " matched, " +
                                   std::to_string(out.mismatched.size()) + " mismatched, " +
                                   std::to_string(out.notRecorded.size()) + " not recorded, " +
                                   std::to_string(out.recordedNotInStatement.size()) + " recorded but not in it");
            return out;
        });
    });
}

Unmatched BillingService::unmatched(const auth::ActorContext& actor) {
    service::requirePermission(actor, Operation::ListUnmatchedPayments);
    return db_.read([](store::Connection& tx) {
        store::BillingRepository repo(tx);
        return Unmatched{repo.unreconciled(std::nullopt, std::nullopt, std::nullopt), repo.openStatementLines()};
    });
}

store::PaymentRow BillingService::matchPayment(const auth::ActorContext& actor, long long paymentId,
                                               const std::string& note, std::optional<long long> statementLineId) {
    return service::audited(db_, audit_, actor,
                            {Operation::MatchPayment, "billing.payment_match", "payment", std::to_string(paymentId)},
                            [&](service::Attempt& attempt) {
        const std::string why = requireReason(note, "note");
        return db_.write([&](store::Connection& tx) {
            store::BillingRepository repo(tx);
            auto p = repo.payment(paymentId);
            if (!p || p->kind != "payment" || !domain::isTransfer(*domain::parsePaymentMethod(p->method)))
                throw Error(ErrorCode::NotFound, "no transfer payment with id " + std::to_string(paymentId), "id");
            attempt.patientId = p->patientId;
            if (statementLineId) {
                auto line = repo.statementLine(*statementLineId);
                if (!line)
                    throw unknownReference("statement_line_id", "statement_line_id: no statement line with id " +
                                                                    std::to_string(*statementLineId));
                if (line->provider != p->method)
                    throw invalidInput("statement_line_id", "the line is from a " + line->provider + " statement");
                repo.resolveStatementLine(*statementLineId, paymentId, why);
            }
            repo.setReconciliation(paymentId, "manual", why);
            service::appendSuccess(audit_, tx, actor, attempt, why);
            return *repo.payment(paymentId);
        });
    });
}

namespace {

CashClose cashCloseIn(store::Connection& tx, long long cashierId, const std::string& day, int offset) {
    store::BillingRepository repo(tx);
    CashClose c;
    c.cashierId = cashierId;
    c.cashierName = staffName(tx, cashierId);
    c.day = day;
    c.utcOffsetMinutes = offset;
    c.methods = repo.drawerTotals(cashierId, day);
    for (const auto& m : c.methods)
        if (m.method == "cash") {
            c.cashInMinor = m.paymentsMinor;
            c.cashRefundsMinor = m.refundsMinor;
        }
    c.payouts = repo.payouts(cashierId, day);
    for (const auto& p : c.payouts) c.payoutsMinor += p.amountMinor;
    auto drawer = repo.drawer(cashierId, day);
    if (drawer) {
        c.openingFloatMinor = drawer->openingFloatMinor;
        c.closed = drawer->closed;
        c.closedAt = drawer->closedAt;
        c.reopenReason = drawer->reopenReason;
        c.countedMinor = drawer->countedMinor;
    }
    c.expectedMinor = c.openingFloatMinor + c.cashInMinor - c.cashRefundsMinor - c.payoutsMinor;
    if (c.countedMinor) c.differenceMinor = *c.countedMinor - c.expectedMinor;
    return c;
}

// The drawer a request is about: the caller's own, or (admins) anyone's.
long long drawerOwner(const auth::ActorContext& actor, std::optional<long long> cashierId) {
    if (!cashierId || *cashierId == actor.staffId) return actor.staffId;
    if (actor.role != domain::Role::Admin)
        throw Error(ErrorCode::Forbidden, "only an admin sees or changes another cashier's drawer", "cashier_id");
    return *cashierId;
}

}  // namespace

CashClose BillingService::cashClose(const auth::ActorContext& actor, std::optional<std::string> day,
                                    std::optional<long long> cashierId) {
    service::requirePermission(actor, Operation::GetCashClose);
    if (day && !validDay(*day)) throw invalidInput("day", "a day is YYYY-MM-DD");
    const long long owner = drawerOwner(actor, cashierId);
    return db_.read([&](store::Connection& tx) {
        const service::ClinicToday today = service::clinicToday(tx, clock_.now());
        return cashCloseIn(tx, owner, day.value_or(today.day.date), today.day.utcOffsetMinutes);
    });
}

CashClose BillingService::cashAction(const auth::ActorContext& actor, const CashAction& a) {
    return service::audited(db_, audit_, actor,
                            {Operation::CloseCashDrawer, "billing.cash_" + a.action, "cash_drawer",
                             std::to_string(a.cashierId.value_or(actor.staffId))}, [&] {
        if (a.day && !validDay(*a.day)) throw invalidInput("day", "a day is YYYY-MM-DD");
        const long long owner = drawerOwner(actor, a.cashierId);
        return db_.write([&](store::Connection& tx) {
            const TimePoint now = clock_.now();
            const service::ClinicToday today = service::clinicToday(tx, now);
            const std::string day = a.day.value_or(today.day.date);
            store::BillingRepository repo(tx);
            requireMayTakePayments(actor, settingsIn(tx));
            const auto drawer = repo.drawer(owner, day);
            const bool closed = drawer && drawer->closed;
            std::string detail = day;
            if (a.action == "reopen") {
                if (actor.role != domain::Role::Admin)
                    throw Error(ErrorCode::Forbidden, "only an admin reopens a closed drawer");
                const std::string why = requireReason(a.reason);
                if (!closed) throw Error(ErrorCode::Conflict, "the drawer of " + day + " is not closed", "action");
                repo.reopenDrawer(owner, day, why, actor.staffId, now);
                detail += " reopened: " + why;
            } else {
                if (closed)
                    throw Error(ErrorCode::Conflict, "the drawer of " + day + " is closed; an admin can reopen it",
                                "action");
                if (!a.amountMinor) throw invalidInput("amount", "give the amount in minor units (poisha/paise)");
                if (a.action == "float") {
                    requireAmount(*a.amountMinor, "amount", true);
                    repo.setOpeningFloat(owner, day, *a.amountMinor);
                    detail += " opening float " + money(*a.amountMinor);
                } else if (a.action == "payout") {
                    requireAmount(*a.amountMinor, "amount");
                    const std::string why = requireReason(a.reason);
                    repo.insertPayout(owner, day, *a.amountMinor, why, actor.staffId, now);
                    detail += " payout " + money(*a.amountMinor) + ": " + why;
                } else if (a.action == "close") {
                    requireAmount(*a.amountMinor, "amount", true);
                    const CashClose before = cashCloseIn(tx, owner, day, today.day.utcOffsetMinutes);
                    repo.closeDrawer(owner, day, *a.amountMinor, before.expectedMinor, actor.staffId, now);
                    detail += " closed: expected " + money(before.expectedMinor) + ", counted " +
                              money(*a.amountMinor) + ", difference " + money(*a.amountMinor - before.expectedMinor);
                } else {
                    throw invalidInput("action", "must be float, payout, close or reopen");
                }
            }
            service::appendSuccess(audit_, tx, actor,
                                   {std::nullopt, "billing.cash_" + a.action, "cash_drawer", std::to_string(owner),
                                    std::nullopt}, detail);
            return cashCloseIn(tx, owner, day, today.day.utcOffsetMinutes);
        });
    });
}

RevenueReport BillingService::revenue(const auth::ActorContext& actor, std::optional<std::string> from,
                                      std::optional<std::string> to) {
    service::requirePermission(actor, Operation::GetRevenueReport);
    if (from && !validDay(*from)) throw invalidInput("from", "a day is YYYY-MM-DD");
    if (to && !validDay(*to)) throw invalidInput("to", "a day is YYYY-MM-DD");
    return db_.read([&](store::Connection& tx) {
        const service::ClinicToday today = service::clinicToday(tx, clock_.now());
        RevenueReport r;
        r.to = to.value_or(today.day.date);
        r.from = from.value_or(domain::addDays(r.to, -29));
        const long long span = domain::daysBetween(r.from, r.to);
        if (span < 0) throw invalidInput("from", "from is after to");
        if (span > 366) throw invalidInput("from", "a report covers at most 367 days");
        store::BillingRepository repo(tx);
        std::map<std::string, long long> byDay;
        for (const auto& d : repo.dayTotals(r.from, r.to)) byDay[d.clinicDay] = d.netMinor;
        for (long long i = 0; i <= span; ++i) {
            const std::string d = domain::addDays(r.from, static_cast<int>(i));
            r.days.push_back({d, byDay.count(d) ? byDay[d] : 0});
            r.totalMinor += r.days.back().netMinor;
        }
        r.doctors = repo.doctorTotals(r.from, r.to);
        r.methods = repo.methodTotals(r.from, r.to);
        return r;
    });
}

BillingService::ReceiptData BillingService::receiptData(const auth::ActorContext& actor, long long invoiceId) {
    return service::audited(db_, audit_, actor,
                            {Operation::GetReceiptPrint, "billing.receipt_print", "invoice", std::to_string(invoiceId)},
                            [&](service::Attempt& attempt) {
        return db_.write([&](store::Connection& tx) {
            store::BillingRepository repo(tx);
            ReceiptData d;
            d.invoice = requireInvoice(repo, invoiceId);
            attempt.patientId = d.invoice.patientId;
            d.settings = settingsIn(tx);
            d.cashierName = staffName(tx, actor.staffId);
            d.clinic = service::clinicToday(tx, clock_.now()).profile;
            if (auto patient = store::PatientRepository(tx).findById(d.invoice.patientId))
                d.language = domain::pageLanguage(patient->preferredLanguage);
            if (d.settings.currency == domain::Currency::INR && !d.settings.upiVpa.empty() &&
                d.invoice.balanceMinor() > 0 && !d.invoice.voided)
                d.upiPayload = upiPayload(d.settings.upiVpa, d.clinic.name, d.invoice.balanceMinor(), d.invoice.number);
            service::appendSuccess(audit_, tx, actor, attempt, d.invoice.number);
            return d;
        });
    });
}

opd::CheckInBilling BillingService::tokenIssued(store::Connection& tx, const auth::ActorContext& actor,
                                                const domain::Token& token, const domain::ClinicDay& day,
                                                TimePoint now) {
    store::BillingRepository repo(tx);
    const BillingSettings s = settingsIn(tx);
    opd::CheckInBilling out;
    out.currency = std::string(domain::currencyName(s.currency));
    const auto fee = repo.consultationFee(token.doctorId);
    // A transferred patient's consultation was billed where they checked in; a
    // doctor without a fee (0) sees patients free.
    if (fee && fee->active && fee->priceMinor > 0 && !token.transferredFrom) {
        const auto last = repo.lastVisitDay(token.patientId, token.doctorId, day.date);
        const bool followUp = fee->followUpPriceMinor &&
                              domain::isFollowUp(last ? std::optional<std::string_view>(*last) : std::nullopt,
                                                 day.date, fee->followUpDays);
        store::NewInvoice ni;
        ni.fiscalYear = domain::fiscalYearOf(day.date, s.fiscalYearStartMonth);
        ni.sequence = repo.nextInvoiceSequence(ni.fiscalYear);
        ni.number = domain::invoiceNumber(ni.fiscalYear, ni.sequence);
        ni.patientId = token.patientId;
        ni.doctorId = token.doctorId;
        ni.tokenId = token.id;
        ni.clinicDay = day.date;
        ni.createdBy = actor.staffId;
        ni.createdAt = now;
        const long long id = repo.insertInvoice(ni);
        const auto doctor = store::DoctorRepository(tx).find(token.doctorId);
        store::InvoiceLine l;
        l.feeItemId = fee->id;
        l.descriptionEn = std::string(followUp ? "Follow-up consultation" : "Consultation") +
                          (doctor ? " - " + doctor->nameEn : "");
        l.descriptionBn = std::string(followUp ? "ফলো-আপ পরামর্শ" : "পরামর্শ") +
                          (doctor && !doctor->nameBn.empty() ? " - " + doctor->nameBn : "");
        l.unitPriceMinor = followUp ? *fee->followUpPriceMinor : fee->priceMinor;
        l.amountMinor = l.unitPriceMinor;
        l.addedBy = actor.staffId;
        l.addedAt = now;
        repo.insertLine(id, l);
        out.invoiceId = id;
        out.invoiceNumber = ni.number;
        out.invoiceTotalMinor = l.amountMinor;
        service::appendSuccess(audit_, tx, actor,
                               {std::nullopt, "billing.invoice_create", "invoice", std::to_string(id), token.patientId},
                               ni.number + " at check-in " + token.label + (followUp ? " (follow-up) " : " ") +
                               money(l.amountMinor));
    }
    out.balanceMinor = repo.outstandingBalance(token.patientId);
    return out;
}

}  // namespace hub::billing
