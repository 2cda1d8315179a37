// What may change on an open invoice besides a payment: a service the doctor
// ordered (from the fee schedule), a discount with its reason (above the
// clinic's cap only an admin; the hub decides and names the field), a refund
// of a payment with a reason (admins), and voiding an unpaid invoice (admins).
// Each form is offered only with its operation in the role's permissions.
import { html, useState, useEffect } from '../html.js';
import { get, post } from '../api.js';
import { t } from '../i18n.js';
import { Field, Select, FormError, useAction } from '../ui.js';
import { formatMoney, parseMoney } from '../money.js';

function useSubmit(onDone) {
  const action = useAction();
  const submit = (check, call) => (e) => {
    e.preventDefault();
    const problem = check();
    if (problem) { action.setError(problem); return; }
    action.run(async () => onDone(await call()));
  };
  return { ...action, submit };
}

function AddService({ invoice, onChange }) {
  const [fees, setFees] = useState([]);
  const [fee, setFee] = useState('');
  const { busy, error, submit } = useSubmit(onChange);
  useEffect(() => {
    get('/api/v1/billing/fees').then((all) => {
      const services = all.filter((f) => f.kind === 'service' && f.active);
      setFees(services);
      if (services.length) setFee(services[0].id);
    }).catch(() => {});
  }, []);
  if (!fees.length) return null;
  return html`<form class="invoice-action" aria-label=${t('addService')}
      onSubmit=${submit(() => null, () => post(`/api/v1/billing/invoices/${invoice.id}/lines`, { fee_item_id: fee }))}>
    <${Select} label=${t('service')} name="fee_item_id" value=${fee} onChange=${setFee} error=${error}
      options=${fees.map((f) => [f.id, `${f.name_en} · ${formatMoney(f.price, invoice.currency)}`])} />
    <button type="submit" disabled=${busy}>${t('addService')}</button>
    <${FormError} error=${error} fields=${['fee_item_id']} />
  </form>`;
}

function Discount({ invoice, onChange }) {
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const { busy, error, submit } = useSubmit((r) => { setAmount(''); setReason(''); onChange(r); });
  return html`<form class="invoice-action" aria-label=${t('giveDiscount')}
      onSubmit=${submit(() => (parseMoney(amount) ? null : { field: 'discount', message: t('notAnAmount') }),
        () => post(`/api/v1/billing/invoices/${invoice.id}/lines`, { discount: parseMoney(amount), reason: reason.trim() }))}>
    <${Field} label=${t('discountAmount')} name="discount" value=${amount} onInput=${setAmount} error=${error} inputmode="decimal" autocomplete="off" />
    <${Field} label=${t('reason')} name="reason" value=${reason} onInput=${setReason} error=${error} autocomplete="off" />
    <button type="submit" disabled=${busy}>${t('giveDiscount')}</button>
    <${FormError} error=${error} fields=${['discount', 'reason']} />
  </form>`;
}

function Refund({ invoice, onChange }) {
  const paid = invoice.payments.filter((p) => p.kind === 'payment');
  const [payment, setPayment] = useState(paid.length ? paid[0].id : '');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const { busy, error, submit } = useSubmit((r) => {
    setAmount(''); setReason('');
    onChange(r.invoices.find((i) => i.id === invoice.id) || r.invoices[0]);
  });
  if (!paid.length) return null;
  const share = (p) => (p.allocations.find((a) => a.invoice_id === invoice.id) || p).amount;
  return html`<form class="invoice-action" aria-label=${t('refundPayment')}
      onSubmit=${submit(() => (parseMoney(amount) ? null : { field: 'amount', message: t('notAnAmount') }),
        () => post(`/api/v1/billing/payments/${payment || paid[0].id}/refund`,
          { amount: parseMoney(amount), reason: reason.trim(), invoice_id: invoice.id }))}>
    <${Select} label=${t('payment')} name="payment" value=${payment} onChange=${setPayment}
      options=${paid.map((p) => [p.id, `${t(`method_${p.method}`)} ${p.reference} · ${formatMoney(share(p), invoice.currency)}`])} />
    <${Field} label=${t('refundAmount')} name="amount" value=${amount} onInput=${setAmount} error=${error} inputmode="decimal" autocomplete="off" />
    <${Field} label=${t('reason')} name="reason" value=${reason} onInput=${setReason} error=${error} autocomplete="off" />
    <button type="submit" disabled=${busy}>${t('refundPayment')}</button>
    <${FormError} error=${error} fields=${['amount', 'reason']} />
  </form>`;
}

function Void({ invoice, onChange }) {
  const [reason, setReason] = useState('');
  const { busy, error, submit } = useSubmit(onChange);
  return html`<form class="invoice-action" aria-label=${t('voidInvoice')}
      onSubmit=${submit(() => null, () => post(`/api/v1/billing/invoices/${invoice.id}/void`, { reason: reason.trim() }))}>
    <${Field} label=${t('voidReason')} name="reason" value=${reason} onInput=${setReason} error=${error} autocomplete="off" />
    <button type="submit" disabled=${busy}>${t('voidInvoice')}</button>
    <${FormError} error=${error} fields=${['reason']} />
  </form>`;
}

// invoice.currency is the clinic's (the caller passes it in).
export function InvoiceActions({ invoice, currency, can, onChange }) {
  if (invoice.status === 'void') return null;
  const inv = { ...invoice, currency };
  const hasPayments = invoice.payments.some((p) => p.kind === 'payment');
  return html`<details class="invoice-actions">
    <summary>${t('changeInvoice')}</summary>
    ${can('addInvoiceLine') && html`<${AddService} invoice=${inv} onChange=${onChange} />`}
    ${can('addInvoiceLine') && invoice.balance > 0 && html`<${Discount} invoice=${inv} onChange=${onChange} />`}
    ${can('refundPayment') && html`<${Refund} key=${invoice.id} invoice=${inv} onChange=${onChange} />`}
    ${can('voidInvoice') && !hasPayments && html`<${Void} invoice=${inv} onChange=${onChange} />`}
  </details>`;
}
