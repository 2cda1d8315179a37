#pragma once
// Token slips: the print page for 58/80 mm paper and direct printing to a
// network ESC/POS printer. The first slip of a token issues its tracking
// code; later slips print the same link. Slips show no patient name; making
// one is audited (with the patient's id) like every other touch of a token.
#include "hub/audit/audit_log.h"
#include "hub/auth/actor.h"
#include "hub/opd/queue_service.h"
#include "hub/slip/network_printer.h"
#include "hub/slip/slip_raster.h"
#include "hub/slip/token_slip.h"
#include "hub/slip/tracking_link.h"
#include "hub/store/database.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace hub::slip {

struct PrinterSettings {
    std::string address;  // "192.168.1.50:9100"; empty when no printer is configured
    PaperWidth paper = PaperWidth::Mm80;
};

struct PrintReceipt {
    std::string printer;  // the address the job went to
    PaperWidth paper = PaperWidth::Mm80;
    std::size_t bytes = 0;
    std::string trackingUrl;
};

class SlipService {
public:
    // `hub` is asked on every slip: Avahi may rename the box during the day.
    // Tracking codes come from random.
    SlipService(store::Database& db, Random& random, audit::AuditLog& audit, opd::QueueService& queue,
                std::function<HubNames()> hub, PrinterSettings printer);

    // The slip's contents. NotFound naming "id"; Conflict naming "id" for a
    // token of an earlier day (its link has expired).
    TokenSlip slip(const auth::ActorContext& actor, long long tokenId, const RequestOrigin& origin);
    std::string slipHtml(const auth::ActorContext& actor, long long tokenId, PaperWidth paper,
                         const RequestOrigin& origin);
    // Renders the slip as a raster and sends it to the configured printer
    // (paper defaults to the configured width). Conflict naming
    // "printer.address" when no printer is configured; Unavailable naming it
    // when the printer cannot be reached (within about 3 s).
    PrintReceipt print(const auth::ActorContext& actor, long long tokenId, std::optional<PaperWidth> paper,
                       const RequestOrigin& origin);

    const PrinterSettings& printerSettings() const { return settings_; }
    // The clinic's one network printer, for every job the hub prints (token
    // slips, receipts): one object, so its lock keeps one job at a time on the
    // printer. Conflict naming "printer.address" when none is configured.
    NetworkPrinter& printer();
    // The renderer the slips use, shared so Pango's fonts are loaded once.
    SlipRenderer& renderer() { return renderer_; }

private:
    struct Prepared {
        TokenSlip slip;
        long long patientId = 0;
    };
    Prepared prepare(const auth::ActorContext& actor, domain::Operation op, long long tokenId,
                     const RequestOrigin& origin, const char* auditAction);
    void auditPrint(const auth::ActorContext& actor, long long tokenId, long long patientId, audit::Outcome outcome,
                    std::string detail);

    store::Database& db_;
    Random& random_;
    audit::AuditLog& audit_;
    opd::QueueService& queue_;
    std::function<HubNames()> hub_;
    PrinterSettings settings_;
    std::unique_ptr<NetworkPrinter> printer_;  // null when none is configured
    SlipRenderer renderer_;
};

}  // namespace hub::slip
