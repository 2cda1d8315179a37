// The billing desk (issue 21): the day's and the open invoices, one invoice
// with its lines, payments and balance, taking a payment (cash, bKash, Nagad,
// UPI or card with the reference each needs; the UPI QR or the merchant QR to
// scan), and the receipt (the browser's print view, or the clinic's receipt
// printer). Only what the signed-in role may do is offered: the hub's
// permission table (whoami) and, for the front desk, the clinic's setting.
import { html, useState, useEffect } from '../html.js';
import { get, post, query } from '../api.js';
import { t } from '../i18n.js';
import { Field, Select, Notice, Section, FormError, useAction } from '../ui.js';
import { formatMoney, parseMoney, moneyInput } from '../money.js';
import { takePendingInvoice } from './billing_link.js';
import { InvoiceActions } from './invoice_actions.js';

const METHODS = { BDT: ['cash', 'bkash', 'nagad', 'card'], INR: ['cash', 'upi', 'card'] };
// The reference each method records, and its field's label key.
const REFERENCE = { bkash: 'trxId', nagad: 'trxId', upi: 'utr', card: 'cardLast4' };

function PaymentQr({ invoice, method, amount }) {
  const [qr, setQr] = useState(null);
  const { error, run } = useAction();
  useEffect(() => {
    setQr(null);
    run(async () => setQr(await get(`/api/v1/billing/invoices/${invoice.id}/qr${query({ method, amount })}`)));
  }, [invoice.id, method, amount]);
  if (error) return html`<p class="hint" role="status">${t('qrUnavailable', { message: error.message })}</p>`;
  if (!qr) return null;
  const src = qr.svg ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr.svg)}` : `data:image/png;base64,${qr.image}`;
  return html`<figure class="payment-qr">
    <img src=${src} alt=${t('payQrAlt', { method: t(`method_${method}`), amount: qr.amount_text })} width="200" height="200" />
    <figcaption>${t('payQrCaption', { amount: qr.amount_text, number: qr.invoice_number })}</figcaption>
  </figure>`;
}

function PaymentForm({ invoice, currency, onPaid }) {
  const methods = METHODS[currency] || METHODS.BDT;
  const [method, setMethod] = useState('cash');
  const [amount, setAmount] = useState(moneyInput(invoice.balance));
  const [reference, setReference] = useState('');
  const [showQr, setShowQr] = useState(false);
  const { busy, error, setError, run } = useAction();
  useEffect(() => { setAmount(moneyInput(invoice.balance)); }, [invoice.id, invoice.balance]);

  const submit = (e) => {
    e.preventDefault();
    const minor = parseMoney(amount);
    if (!minor) { setError({ field: 'amount', message: t('notAnAmount') }); return; }
    run(async () => {
      const body = { method, amount: minor, invoice_id: invoice.id };
      if (REFERENCE[method]) body.reference = reference.trim();
      const r = await post('/api/v1/billing/payments', body);
      setReference('');
      setShowQr(false);
      onPaid(r.invoices.find((i) => i.id === invoice.id) || r.invoices[0], r.payment);
    });
  };
  const qrMethod = ['upi', 'bkash', 'nagad'].includes(method);
  return html`<form class="payment-form" onSubmit=${submit} aria-label=${t('takePayment')}>
    <${Select} label=${t('paymentMethod')} name="method" value=${method} error=${error}
      onChange=${(m) => { setMethod(m); setShowQr(false); }} options=${methods.map((m) => [m, t(`method_${m}`)])} />
    <${Field} label=${t('amountToPay', { currency })} name="amount" value=${amount} onInput=${setAmount} error=${error}
      inputmode="decimal" autocomplete="off" />
    ${REFERENCE[method] && html`<${Field} label=${t(REFERENCE[method])} name="reference" value=${reference}
      onInput=${setReference} error=${error} autocomplete="off" hint=${t(`${REFERENCE[method]}Hint`)} />`}
    ${qrMethod && html`<button type="button" onClick=${() => setShowQr(!showQr)}>${t(showQr ? 'hideQr' : 'showQr')}</button>`}
    ${qrMethod && showQr && html`<${PaymentQr} invoice=${invoice} method=${method} amount=${parseMoney(amount) || undefined} />`}
    <button type="submit" class="primary" disabled=${busy}>${t('recordPayment')}</button>
    <${FormError} error=${error} fields=${['method', 'amount', 'reference']} />
  </form>`;
}

function Receipt({ invoice, can }) {
  const [paper, setPaper] = useState('a5');
  const [notice, setNotice] = useState('');
  const { busy, error, run } = useAction();
  const print = () => run(async () => {
    const r = await post(`/api/v1/billing/invoices/${invoice.id}/receipt/print`, paper === 'a5' ? {} : { paper });
    setNotice(t('receiptSent', { printer: r.printer }));
  });
  return html`<div class="receipt-actions">
    <${Select} label=${t('receiptPaper')} name="paper" value=${paper} onChange=${setPaper}
      options=${[['a5', 'A5'], ['80', '80 mm'], ['58', '58 mm']]} />
    ${can('getReceiptPrint') && html`<a class="button" href=${`/api/v1/billing/invoices/${invoice.id}/receipt${query({ paper })}`}
      target="_blank" rel="noopener">${t('openReceipt')}</a>`}
    ${can('printReceipt') && html`<button type="button" onClick=${print} disabled=${busy}>${t('receiptOnPrinter')}</button>`}
    <${FormError} error=${error} />
    <${Notice} text=${notice} />
  </div>`;
}

export function InvoiceView({ invoice, currency, user, settings, onChange }) {
  const can = (op) => user.permissions.includes(op);
  // The front desk takes money only where the clinic allows it (a setting the hub checks too).
  const takesPayments = can('addPayment') &&
    (user.role !== 'receptionist' || !settings || settings.reception_takes_payments);
  const money = (m) => formatMoney(m, currency);
  return html`<${Section} title=${t('invoiceTitle', { number: invoice.number })} id="invoice">
    <p class="patient-line"><strong>${invoice.patient.name}</strong> · ${invoice.patient.mrn}
      ${invoice.doctor_name ? ` · ${invoice.doctor_name}` : ''} · ${invoice.clinic_day} · <span class=${`status ${invoice.status}`}>${t(`invoice_${invoice.status}`)}</span></p>
    ${invoice.void_reason && html`<p class="notice warn">${t('voided', { reason: invoice.void_reason })}</p>`}
    <table class="invoice-lines">
      <thead><tr><th scope="col">${t('item')}</th><th scope="col" class="amount">${t('amountHeading')}</th></tr></thead>
      <tbody>
        ${invoice.lines.map((l) => html`<tr><td>${l.description_en}${l.quantity > 1 ? ` × ${l.quantity}` : ''}${l.reason ? ` (${l.reason})` : ''}</td>
          <td class="amount">${money(l.amount)}</td></tr>`)}
      </tbody>
      <tfoot><tr><th scope="row">${t('total')}</th><td class="amount">${money(invoice.total)}</td></tr></tfoot>
    </table>
    <h3>${t('payments')}</h3>
    ${invoice.payments.length === 0 ? html`<p class="empty">${t('noPayments')}</p>` : html`<ul class="payments">
      ${invoice.payments.map((p) => {
        const share = (p.allocations.find((a) => a.invoice_id === invoice.id) || p).amount;
        return html`<li class=${`payment ${p.kind}`}>${p.kind === 'refund' ? `${t('refund')}: ` : ''}${t(`method_${p.method}`)}
          ${p.reference ? ` ${p.reference}` : ''} · ${money(p.kind === 'refund' ? -share : share)} · ${p.received_by_name}</li>`;
      })}</ul>`}
    <dl class="totals">
      <dt>${t('paid')}</dt><dd class="paid">${money(invoice.paid)}</dd>
      <dt>${t('balanceDue')}</dt><dd class="balance">${money(invoice.balance)}</dd>
    </dl>
    ${takesPayments && invoice.balance > 0 && invoice.status !== 'void' && html`<${PaymentForm} invoice=${invoice}
      currency=${currency} onPaid=${onChange} />`}
    <${InvoiceActions} invoice=${invoice} currency=${currency} can=${can} onChange=${(i) => onChange(i)} />
    <${Receipt} invoice=${invoice} can=${can} />
  </${Section}>`;
}

export function Billing({ user }) {
  const can = (op) => user.permissions.includes(op);
  const [settings, setSettings] = useState(null);
  const [day, setDay] = useState('');
  const [invoices, setInvoices] = useState(null);
  const [unpaidOnly, setUnpaidOnly] = useState(false);  // every day's open invoices: dues from earlier visits
  const [open, setOpen] = useState(null);
  const [notice, setNotice] = useState('');
  const { error, run } = useAction();
  const currency = (settings && settings.currency) || 'BDT';

  const load = (which) => run(async () => setOpen(await get(`/api/v1/billing/invoices/${which}`)));
  const refreshList = (d, unpaid = unpaidOnly) => run(async () => {
    const r = await get(`/api/v1/billing/invoices${query(d && !unpaid ? { day: d } : { unpaid: 'true' })}`);
    setInvoices(r.invoices);
  });
  const showUnpaid = (on) => { setUnpaidOnly(on); refreshList(day, on); };

  useEffect(() => {
    if (can('getBillingSettings')) get('/api/v1/billing/settings').then(setSettings).catch(() => {});
    // Today's clinic day as the hub counts it (the cash drawer's day).
    const today = can('getCashClose') ? get('/api/v1/billing/cash').then((c) => c.day).catch(() => '') : Promise.resolve('');
    today.then((d) => { setDay(d); refreshList(d); });
    const pending = takePendingInvoice();
    if (pending) load(pending);
    const onOpen = () => { const id = takePendingInvoice(); if (id) load(id); };
    addEventListener('clinic-hub:open-invoice', onOpen);
    return () => removeEventListener('clinic-hub:open-invoice', onOpen);
  }, []);

  const changed = (invoice, payment) => {
    setOpen(invoice);
    if (payment) setNotice(t('paymentRecorded', { amount: formatMoney(payment.amount, currency) }));
    refreshList(day);
  };

  return html`<div class="billing">
    <${Section} title=${day && !unpaidOnly ? t('invoicesOfDay', { day }) : t('openInvoices')} id="invoices"
      actions=${day && html`<button type="button" class="link" onClick=${() => showUnpaid(!unpaidOnly)}>
        ${unpaidOnly ? t('invoicesOfDay', { day }) : t('openInvoices')}</button>`}>
      <${FormError} error=${error} />
      ${invoices && invoices.length === 0 && html`<p class="empty">${t('noInvoices')}</p>`}
      ${invoices && invoices.length > 0 && html`<ul class="invoice-list">
        ${invoices.map((i) => html`<li><button type="button" class="link" aria-current=${open && open.id === i.id ? 'true' : undefined}
            onClick=${() => { setNotice(''); load(i.id); }}>
          ${i.number} · ${i.patient.name} · ${formatMoney(i.total, currency)} · ${t(`invoice_${i.status}`)}</button></li>`)}
      </ul>`}
    </${Section}>
    <${Notice} text=${notice} />
    ${open && html`<${InvoiceView} invoice=${open} currency=${currency} user=${user} settings=${settings} onChange=${changed} />`}
  </div>`;
}
