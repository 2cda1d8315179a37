#include "hub/slip/slip_service.h"

#include "hub/core/error.h"
#include "hub/core/log.h"
#include "hub/service/audited.h"
#include "hub/slip/escpos.h"
#include "hub/slip/slip_html.h"
#include "hub/store/tracking_repository.h"

namespace hub::slip {
namespace {

// "2026-11-24T09:15:00+06:00" -> "24-11-2026 09:15", as the clinic writes dates.
std::string localDateTime(TimePoint t, int utcOffsetMinutes) {
    const std::string s = formatRfc3339(t, utcOffsetMinutes);
    return s.substr(8, 2) + "-" + s.substr(5, 2) + "-" + s.substr(0, 4) + " " + s.substr(11, 5);
}

}  // namespace

SlipService::SlipService(store::Database& db, Random& random, audit::AuditLog& audit, opd::QueueService& queue,
                         std::function<HubNames()> hub, PrinterSettings printer)
    : db_(db), random_(random), audit_(audit), queue_(queue), hub_(std::move(hub)), settings_(std::move(printer)) {
    if (!settings_.address.empty()) printer_ = std::make_unique<NetworkPrinter>(settings_.address);
}

NetworkPrinter& SlipService::printer() {
    if (!printer_)
        throw Error(ErrorCode::Conflict,
                    "no receipt printer is configured: set [printer] address in the hub's configuration file",
                    "printer.address");
    return *printer_;
}

SlipService::Prepared SlipService::prepare(const auth::ActorContext& actor, domain::Operation op, long long tokenId,
                                           const RequestOrigin& origin, const char* auditAction) {
    service::requirePermission(actor, op);
    const opd::TokenStanding s = queue_.standing(tokenId);
    const domain::Token& t = s.token.row.token;
    if (t.clinicDay != s.today.date)
        throw Error(ErrorCode::Conflict, "token " + t.label + " is from " + t.clinicDay +
                                             ": its tracking link has expired; check the patient in again today",
                    "id");

    Prepared p;
    p.patientId = t.patientId;
    std::string code;
    db_.write([&](store::Connection& tx) {
        store::TrackingRepository tracking(tx);
        auto existing = tracking.codeOf(tokenId);
        if (existing) {
            code = *existing;
        } else {
            code = newTrackingCode(random_);
            tracking.issue(tokenId, code);
        }
        p.slip.language = domain::pageLanguage(tracking.languageOf(tokenId));
        if (auditAction) {
            audit::AuditEvent e =
                service::auditEventFor(actor, auditAction, "token", std::to_string(tokenId), audit::Outcome::Success);
            e.patientId = t.patientId;
            e.detail = t.label;
            audit_.append(tx, e);
        }
    });

    const bool bn = p.slip.language == domain::Language::Bangla;
    TokenSlip& slip = p.slip;
    slip.clinicName = bn && !s.clinic.nameBn.empty() ? s.clinic.nameBn : s.clinic.name;
    slip.label = t.label;
    slip.doctorName = bn && !s.doctor.nameBn.empty() ? s.doctor.nameBn : s.doctor.nameEn;
    slip.room = s.doctor.room;
    slip.checkedIn = localDateTime(s.token.row.checkedInAt, s.token.utcOffsetMinutes);
    if (s.token.position) slip.ahead = *s.token.position - 1;
    const TrackingLinks links = trackingLinks(hub_(), origin, code);
    slip.trackingUrl = links.primary;
    slip.alternateUrl = links.alternate;
    return p;
}

TokenSlip SlipService::slip(const auth::ActorContext& actor, long long tokenId, const RequestOrigin& origin) {
    return prepare(actor, domain::Operation::GetTokenSlip, tokenId, origin, "token.slip").slip;
}

std::string SlipService::slipHtml(const auth::ActorContext& actor, long long tokenId, PaperWidth paper,
                                  const RequestOrigin& origin) {
    return renderSlipHtml(slip(actor, tokenId, origin), paper);
}

void SlipService::auditPrint(const auth::ActorContext& actor, long long tokenId, long long patientId,
                             audit::Outcome outcome, std::string detail) {
    audit::AuditEvent e = service::auditEventFor(actor, "token.slip_print", "token", std::to_string(tokenId), outcome);
    e.patientId = patientId;
    e.detail = std::move(detail);
    db_.write([&](store::Connection& tx) { audit_.append(tx, e); });
}

PrintReceipt SlipService::print(const auth::ActorContext& actor, long long tokenId, std::optional<PaperWidth> paper,
                                const RequestOrigin& origin) {
    service::requirePermission(actor, domain::Operation::PrintTokenSlip);
    NetworkPrinter& to = printer();
    const Prepared p = prepare(actor, domain::Operation::PrintTokenSlip, tokenId, origin, nullptr);
    const PaperWidth width = paper.value_or(settings_.paper);
    const Raster raster = renderer_.render(p.slip, width);
    if (raster.unknownGlyphs > 0)
        log::warning("slip", std::to_string(raster.unknownGlyphs) +
                                 " characters had no font on the slip: install fonts-noto-core");
    const std::string job = escpos::printJob(raster.image);
    const std::string where = p.slip.label + " to " + to.address();
    try {
        to.send(job);
    } catch (const Error& e) {
        auditPrint(actor, tokenId, p.patientId, audit::Outcome::Failure, where + ": " + e.what());
        throw;
    }
    auditPrint(actor, tokenId, p.patientId, audit::Outcome::Success, where);
    return {to.address(), width, job.size(), p.slip.trackingUrl};
}

}  // namespace hub::slip
