#include "hub/billing/receipt_printer.h"

#include "hub/service/audited.h"

namespace hub::billing {

std::string ReceiptPrinter::escPos(const auth::ActorContext& actor, long long invoiceId, ReceiptPaper paper) {
    return receiptEscPos(slips_.renderer(), billing_.receiptData(actor, invoiceId), paper);
}

ReceiptPrintResult ReceiptPrinter::print(const auth::ActorContext& actor, long long invoiceId,
                                         std::optional<ReceiptPaper> paper) {
    return service::audited(
        db_, audit_, actor, {domain::Operation::PrintReceipt, "billing.receipt_send", "invoice", std::to_string(invoiceId)},
        [&](service::Attempt& attempt) {
            slip::NetworkPrinter& printer = slips_.printer();  // before any work: no printer, nothing to render
            const BillingService::ReceiptData data = billing_.receiptData(actor, invoiceId);
            attempt.patientId = data.invoice.patientId;
            ReceiptPrintResult out;
            out.paper = paper.value_or(slips_.printerSettings().paper == slip::PaperWidth::Mm58 ? ReceiptPaper::Mm58
                                                                                               : ReceiptPaper::Mm80);
            if (out.paper == ReceiptPaper::A5) out.paper = ReceiptPaper::Mm80;
            const std::string job = receiptEscPos(slips_.renderer(), data, out.paper);
            printer.send(job);  // an Unavailable error is audited as a failure by audited()
            out.printer = printer.address();
            out.bytes = job.size();
            out.invoiceNumber = data.invoice.number;
            out.language = data.language;
            db_.write([&](store::Connection& tx) {
                service::appendSuccess(audit_, tx, actor, attempt, data.invoice.number + " to " + out.printer);
            });
            return out;
        });
}

}  // namespace hub::billing
