// The cashier's day (issue 21): the opening float, the cash the desk took,
// cash refunds and payouts, what the drawer should hold, the counted cash and
// the difference; closing locks the day, and only an admin reopens it (with a
// reason). The day's takings per method are shown beside it.
import { html, useState, useEffect } from '../html.js';
import { get, post, query } from '../api.js';
import { t } from '../i18n.js';
import { Field, Notice, Section, FormError, useAction } from '../ui.js';
import { formatMoney, parseMoney } from '../money.js';

function AmountAction({ label, button, needsReason, onSubmit, busy, error }) {
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const submit = (e) => {
    e.preventDefault();
    onSubmit(parseMoney(amount), reason.trim()).then((ok) => { if (ok) { setAmount(''); setReason(''); } });
  };
  return html`<form class="cash-action" onSubmit=${submit}>
    ${label && html`<${Field} label=${label} name="amount" value=${amount} onInput=${setAmount} error=${error} inputmode="decimal" autocomplete="off" />`}
    ${needsReason && html`<${Field} label=${t('reason')} name="reason" value=${reason} onInput=${setReason} error=${error} autocomplete="off" />`}
    <button type="submit" disabled=${busy}>${button}</button>
  </form>`;
}

export function CashClose({ user }) {
  const can = (op) => user.permissions.includes(op);
  const [drawer, setDrawer] = useState(null);
  const [currency, setCurrency] = useState('BDT');
  const [day, setDay] = useState('');
  const [notice, setNotice] = useState('');
  const [last, setLast] = useState('');  // the form whose error to show
  const { busy, error, setError, run } = useAction();
  const money = (m) => formatMoney(m, currency);

  const load = (d) => run(async () => setDrawer(await get(`/api/v1/billing/cash${query({ day: d })}`)));
  useEffect(() => {
    if (can('getBillingSettings')) get('/api/v1/billing/settings').then((s) => setCurrency(s.currency)).catch(() => {});
    load('');
  }, []);

  // Each action answers with the drawer as it now stands.
  const act = (action, amount, reason, done) => {
    setLast(action);
    if ((action === 'float' || action === 'payout' || action === 'close') && amount === null) {
      setError({ field: 'amount', message: t('notAnAmount') });
      return Promise.resolve(false);
    }
    return run(async () => {
      const body = { action, day: drawer.day };
      if (amount !== null && amount !== undefined) body.amount = amount;
      if (reason) body.reason = reason;
      setDrawer(await post('/api/v1/billing/cash', body));
      setNotice(done);
      return true;
    });
  };

  if (!drawer) return html`<div class="cash-close"><${FormError} error=${error} /><p>${t('loading')}</p></div>`;
  const d = drawer;
  return html`<div class="cash-close">
    <${Section} title=${t('cashCloseOf', { name: d.cashier_name, day: d.day })} id="drawer">
      <form class="day-pick" onSubmit=${(e) => { e.preventDefault(); load(day); }}>
        <${Field} label=${t('day')} name="day" type="date" value=${day || d.day} onInput=${setDay} />
        <button type="submit">${t('show')}</button>
      </form>
      <dl class="drawer-figures">
        <dt>${t('openingFloat')}</dt><dd>${money(d.opening_float)}</dd>
        <dt>${t('cashIn')}</dt><dd>${money(d.cash_in)}</dd>
        <dt>${t('cashRefunds')}</dt><dd>${money(-d.cash_refunds)}</dd>
        <dt>${t('payouts')}</dt><dd>${money(-d.payouts_total)}</dd>
        <dt>${t('expectedCash')}</dt><dd class="expected">${money(d.expected)}</dd>
        ${d.counted !== undefined && html`<dt>${t('countedCash')}</dt><dd class="counted">${money(d.counted)}</dd>`}
        ${d.difference !== undefined && html`<dt>${t('difference')}</dt>
          <dd class=${`difference ${d.difference < 0 ? 'short' : ''}`}>${money(d.difference)}${d.difference < 0 ? ` (${t('shortfall')})` : ''}</dd>`}
      </dl>
      ${d.payouts.length > 0 && html`<h3>${t('payouts')}</h3><ul class="payouts">
        ${d.payouts.map((p) => html`<li>${money(p.amount)} · ${p.reason}</li>`)}</ul>`}
      <h3>${t('byMethod')}</h3>
      ${d.methods.length === 0 ? html`<p class="empty">${t('noPayments')}</p>` : html`<table class="methods">
        <thead><tr><th scope="col">${t('paymentMethod')}</th><th scope="col">${t('count')}</th>
          <th scope="col" class="amount">${t('taken')}</th><th scope="col" class="amount">${t('refunds')}</th></tr></thead>
        <tbody>${d.methods.map((m) => html`<tr><td>${t(`method_${m.method}`)}</td><td>${m.count}</td>
          <td class="amount">${money(m.payments)}</td><td class="amount">${money(m.refunds)}</td></tr>`)}</tbody>
      </table>`}
      ${d.closed && html`<p class="notice info" role="status">${t('dayClosed')}</p>`}
      ${!d.closed && d.reopen_reason && html`<p class="notice warn">${t('reopenedBecause', { reason: d.reopen_reason })}</p>`}
      ${!d.closed && can('closeCashDrawer') && html`
        <${AmountAction} label=${t('openingFloat')} button=${t('setFloat')} busy=${busy} error=${last === 'float' && error}
          onSubmit=${(a) => act('float', a, '', t('floatSet'))} />
        <${AmountAction} label=${t('payoutAmount')} button=${t('recordPayout')} needsReason=${true} busy=${busy} error=${last === 'payout' && error}
          onSubmit=${(a, r) => act('payout', a, r, t('payoutRecorded'))} />
        <${AmountAction} label=${t('countedCash')} button=${t('closeDay')} busy=${busy} error=${last === 'close' && error}
          onSubmit=${(a) => act('close', a, '', '')} />`}
      ${d.closed && user.role === 'admin' && html`<${AmountAction} button=${t('reopenDay')} needsReason=${true}
          busy=${busy} error=${last === 'reopen' && error} onSubmit=${(a, r) => act('reopen', undefined, r, t('dayReopened'))} />`}
      <${FormError} error=${error} fields=${['amount', 'reason']} />
      <${Notice} text=${notice} />
    </${Section}>
  </div>`;
}
