// Opening a patient's invoice from another screen (reception after a
// check-in): the id waits here while the hash moves to #billing, so no
// screen's address format changes; an open billing screen hears the event.
let pending = null;

export function openInvoice(invoiceId) {
  pending = String(invoiceId);
  dispatchEvent(new CustomEvent('clinic-hub:open-invoice'));
  if (location.hash !== '#billing') location.hash = '#billing';
}

// The invoice another screen asked for, once.
export function takePendingInvoice() {
  const id = pending;
  pending = null;
  return id;
}
