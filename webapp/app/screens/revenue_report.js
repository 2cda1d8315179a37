// The revenue report (getRevenueReport, admins): what came in less refunds
// over a clinic day or a range of days, per method (count, taken, refunds,
// net) and per doctor, with a total row under each table, so the owner who
// counts the drawer at night reads one figure per line. Opens on today; the
// range's days are a chart and a table. RevenueChart is the dashboard's 30
// days of the same figures.
import { html, useState, useEffect } from '../html.js';
import { get, query } from '../api.js';
import { t } from '../i18n.js';
import { Field, Section, FormError, useAction } from '../ui.js';
import { formatMoney } from '../money.js';
import { BarChart } from './bar_chart.js';

// Clinic days are "YYYY-MM-DD" names, not instants: counted in UTC so the
// device's own timezone never shifts them.
export function addDays(day, n) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}
const firstOfMonth = (day) => `${day.slice(0, 8)}01`;

// The clinic's currency (admins hold getBillingSettings); BDT until it is known.
function useCurrency() {
  const [currency, setCurrency] = useState('BDT');
  useEffect(() => { get('/api/v1/billing/settings').then((s) => setCurrency(s.currency)).catch(() => {}); }, []);
  return currency;
}

const wholeMoney = (minor, currency) => formatMoney(minor, currency).replace(/\.00$/, '');

function DaysChart({ id, days, currency, total }) {
  return html`<${BarChart} id=${id} items=${days.map((d) => ({ date: d.day, value: d.net }))}
    title=${t('revenueChartTotal', { amount: formatMoney(total, currency), days: days.length })}
    barTitle=${(d) => `${d.date}: ${formatMoney(d.value, currency)}`} axisLabel=${(v) => wholeMoney(v, currency)} />`;
}

function DaysTable({ days, currency }) {
  return html`<details><summary>${t('asTable')}</summary>
    <div class="table-wrap"><table class="per-day">
      <thead><tr><th scope="col">${t('date')}</th><th scope="col" class="num">${t('net')}</th></tr></thead>
      <tbody>${days.map((d) => html`<tr key=${d.day}><td>${d.day}</td><td class="num">${formatMoney(d.net, currency)}</td></tr>`)}</tbody>
    </table></div>
  </details>`;
}

// The dashboard's panel: money in less refunds per day over the last 30 clinic days.
export function RevenueChart() {
  const currency = useCurrency();
  const [report, setReport] = useState(null);
  const { error, run } = useAction();
  useEffect(() => { run(async () => setReport(await get('/api/v1/billing/revenue'))); }, []);
  return html`<${Section} title=${t('revenuePerDay')} id="revenue-per-day">
    <${FormError} error=${error} />
    ${report ? html`<${DaysChart} id="revenue-chart-title" days=${report.days} currency=${currency} total=${report.total} />
      <${DaysTable} days=${report.days} currency=${currency} />` : !error && html`<p>${t('loading')}</p>`}
  </${Section}>`;
}

function MethodTable({ methods, currency }) {
  const money = (m) => formatMoney(m, currency);
  const sum = (k) => methods.reduce((s, m) => s + m[k], 0);
  return html`<div class="table-wrap"><table class="revenue-table" id="revenue-methods">
    <caption>${t('byMethod')}</caption>
    <thead><tr><th scope="col">${t('paymentMethod')}</th><th scope="col" class="num">${t('count')}</th>
      <th scope="col" class="num">${t('taken')}</th><th scope="col" class="num">${t('refunds')}</th>
      <th scope="col" class="num">${t('net')}</th></tr></thead>
    <tbody>${methods.map((m) => html`<tr key=${m.method} data-method=${m.method}>
      <th scope="row">${t(`method_${m.method}`)}</th><td class="num">${m.count}</td><td class="num">${money(m.payments)}</td>
      <td class="num">${money(m.refunds)}</td><td class="num net">${money(m.payments - m.refunds)}</td></tr>`)}</tbody>
    <tfoot><tr><th scope="row">${t('total')}</th><td class="num">${sum('count')}</td><td class="num">${money(sum('payments'))}</td>
      <td class="num">${money(sum('refunds'))}</td><td class="num net">${money(sum('payments') - sum('refunds'))}</td></tr></tfoot>
  </table></div>`;
}

function DoctorTable({ doctors, currency }) {
  const total = doctors.reduce((s, d) => s + d.net, 0);
  return html`<div class="table-wrap"><table class="revenue-table" id="revenue-doctors">
    <caption>${t('byDoctor')}</caption>
    <thead><tr><th scope="col">${t('checkInTo')}</th><th scope="col" class="num">${t('net')}</th></tr></thead>
    <tbody>${doctors.map((d) => html`<tr key=${d.doctor_id || 'none'} data-doctor=${d.doctor_id || ''}>
      <th scope="row">${d.doctor_name || t('noDoctorLine')}</th><td class="num net">${formatMoney(d.net, currency)}</td></tr>`)}</tbody>
    <tfoot><tr><th scope="row">${t('total')}</th><td class="num net">${formatMoney(total, currency)}</td></tr></tfoot>
  </table></div>`;
}

export function RevenueReport() {
  const currency = useCurrency();
  const [today, setToday] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [report, setReport] = useState(null);
  const { busy, error, run } = useAction();
  const load = (f, u) => run(async () => {
    const r = await get(`/api/v1/billing/revenue${query({ from: f, to: u })}`);
    setReport(r);
    setFrom(r.from);
    setTo(r.to);
  });
  // The hub knows the clinic's today (its timezone, not the device's): the
  // default report ends on it; then today alone is shown.
  useEffect(() => {
    run(async () => {
      const last30 = await get('/api/v1/billing/revenue');
      setToday(last30.to);
      await load(last30.to, last30.to);
    });
  }, []);
  const submit = (e) => { e.preventDefault(); load(from.trim(), to.trim()); };
  const quick = today ? [
    ['today', today, today], ['yesterday', addDays(today, -1), addDays(today, -1)],
    ['last7Days', addDays(today, -6), today], ['thisMonth', firstOfMonth(today), today],
    ['last30Days', addDays(today, -29), today],
  ] : [];
  const r = report;
  const title = !r ? t('revenue') : r.from === r.to ? t('revenueOfDay', { day: r.from }) : t('revenueOfRange', { from: r.from, to: r.to });
  const empty = r && r.methods.length === 0 && r.doctors.length === 0;
  return html`<div class="revenue">
    <${Section} title=${title} id="revenue-report"
        actions=${r && html`<button type="button" onClick=${() => print()}>${t('print')}</button>`}>
      <form class="revenue-range filters" onSubmit=${submit} aria-label=${t('revenueDays')} novalidate>
        <${Field} label=${t('from')} name="from" type="date" value=${from} onInput=${setFrom} error=${error} />
        <${Field} label=${t('to')} name="to" type="date" value=${to} onInput=${setTo} error=${error} />
        <button type="submit" class="primary" disabled=${busy}>${t('show')}</button>
      </form>
      ${quick.length > 0 && html`<div class="quick-days" role="group" aria-label=${t('quickDays')}>
        ${quick.map(([key, f, u]) => html`<button type="button" class="small" aria-pressed=${r && r.from === f && r.to === u ? 'true' : 'false'}
          onClick=${() => load(f, u)}>${t(key)}</button>`)}
      </div>`}
      <${FormError} error=${error} fields=${['from', 'to']} />
      ${!r ? !error && html`<p>${t('loading')}</p>` : html`
        <p class="revenue-total"><span>${t('netTakings')}</span> <strong id="revenue-total">${formatMoney(r.total, currency)}</strong></p>
        ${empty ? html`<p class="empty" role="status">${t('noRevenue')}</p>` : html`<div class="revenue-tables">
          <${MethodTable} methods=${r.methods} currency=${currency} />
          <${DoctorTable} doctors=${r.doctors} currency=${currency} />
        </div>`}
        ${r.days.length > 1 && html`<${DaysChart} id="revenue-range-title" days=${r.days} currency=${currency} total=${r.total} />
          <${DaysTable} days=${r.days} currency=${currency} />`}`}
    </${Section}>
  </div>`;
}
