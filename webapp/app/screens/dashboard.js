// The owner's overview (getDashboard): today's counts per doctor (waiting,
// in consultation, seen, average wait) kept current from the staff stream,
// and patients per day over the last 30 clinic days as a bar chart
// (bar_chart.js); for whoever may see the clinic's revenue
// (getRevenueReport), the money taken per day over the same 30 days.
import { html, useState, useEffect } from '../html.js';
import { get } from '../api.js';
import { t } from '../i18n.js';
import { Section, FormError, useAction } from '../ui.js';
import { onLive } from '../live.js';
import { BarChart } from './bar_chart.js';
import { RevenueChart } from './revenue_report.js';

export function PerDayChart({ days }) {
  const total = days.reduce((s, d) => s + d.patients, 0);
  return html`<${BarChart} id="per-day-title" items=${days.map((d) => ({ date: d.date, value: d.patients }))}
    title=${t('perDayTotal', { n: total, days: days.length })}
    barTitle=${(d) => t('dayCount', { date: d.date, n: d.value })} />`;
}

export function Dashboard({ user }) {
  const [data, setData] = useState(null);
  const { error, run } = useAction();
  useEffect(() => {
    let timer = null;
    const load = () => run(async () => setData(await get('/api/v1/dashboard')));
    load();
    // Any queue change today changes the counts: refetch, at most every half second.
    const off = onLive(() => { clearTimeout(timer); timer = setTimeout(load, 500); });
    return () => { off(); clearTimeout(timer); };
  }, []);
  if (!data) return html`<${Section} title=${t('dashboard')}><${FormError} error=${error} /><p>${t('loading')}</p></${Section}>`;
  return html`<div class="dashboard">
    <${Section} title=${`${t('today')} · ${data.clinic_day}`}>
      <${FormError} error=${error} />
      ${data.doctors.length === 0 ? html`<p class="empty">${t('noDoctors')}</p>` : html`<div class="table-wrap"><table class="counts">
        <thead><tr><th scope="col">${t('checkInTo')}</th><th scope="col">${t('waiting')}</th>
          <th scope="col">${t('inConsultation')}</th><th scope="col">${t('seen')}</th><th scope="col">${t('averageWait')}</th></tr></thead>
        <tbody>${data.doctors.map((d) => html`<tr key=${d.doctor_id} data-doctor=${d.doctor_id}>
          <th scope="row">${d.name}</th><td class="num waiting">${d.waiting}</td><td class="num">${d.in_consultation}</td>
          <td class="num seen">${d.seen}</td><td class="num">${d.average_wait_minutes}</td></tr>`)}</tbody>
      </table></div>`}
    </${Section}>
    <${Section} title=${t('perDay')}>
      <${PerDayChart} days=${data.patients_per_day} />
      <details><summary>${t('asTable')}</summary>
        <div class="table-wrap"><table class="per-day">
          <thead><tr><th scope="col">${t('date')}</th><th scope="col">${t('patients')}</th></tr></thead>
          <tbody>${data.patients_per_day.map((d) => html`<tr key=${d.date}><td>${d.date}</td><td class="num">${d.patients}</td></tr>`)}</tbody>
        </table></div>
      </details>
    </${Section}>
    ${user.permissions.includes('getRevenueReport') && html`<${RevenueChart} />`}
  </div>`;
}
