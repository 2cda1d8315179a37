#pragma once
// Billing and payments (issue 21): settings, fees, invoices, payments and
// refunds, receipts, the payment QR, statement reconciliation, the cash close
// and the revenue report. Amounts in JSON are integers in minor units
// (poisha/paise).
#include "hub/api/route.h"
#include "hub/billing/billing_service.h"
#include "hub/billing/receipt_printer.h"

#include <vector>

namespace hub::api {

std::vector<Route> billingRoutes(billing::BillingService& billing, billing::ReceiptPrinter& receipts);

}  // namespace hub::api
