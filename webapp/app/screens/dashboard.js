// The owner's overview (getDashboard): today's counts per doctor (waiting,
// in consultation, seen, average wait) kept current from the staff stream,
// and patients per day over the last 30 clinic days as a bar chart drawn here
// in SVG (no chart library: thirty bars do not need one). The chart has a
// text equivalent: each bar's title, and the table under it.
import { html, useState, useEffect } from '../html.js';
import { get } from '../api.js';
import { t } from '../i18n.js';
import { Section, FormError, useAction } from '../ui.js';
import { onLive } from '../live.js';

// The bars stretch to the width of the screen (the SVG is not kept to its
// aspect ratio); the axis labels are HTML beside and under it, so text is
// never stretched with them.
const W = 300;
const H = 100;

function niceMax(n) {
  if (n <= 5) return 5;
  const step = 10 ** Math.floor(Math.log10(n));
  return Math.ceil(n / step) * step;
}

export function PerDayChart({ days }) {
  const max = niceMax(Math.max(0, ...days.map((d) => d.patients)));
  const slot = W / Math.max(days.length, 1);
  const bar = slot * 0.7;
  const y = (v) => H - (v / max) * H;
  const total = days.reduce((s, d) => s + d.patients, 0);
  return html`<figure class="chart">
    <div class="chart-body">
      <div class="y-axis" aria-hidden="true">${[max, max / 2, 0].map((v) => html`<span>${v}</span>`)}</div>
      <svg viewBox=${`0 0 ${W} ${H}`} role="img" aria-labelledby="per-day-title" preserveAspectRatio="none">
        <title id="per-day-title">${t('perDayTotal', { n: total, days: days.length })}</title>
        ${[0, H / 2, H].map((v) => html`<line class="gridline" x1="0" x2=${W} y1=${v} y2=${v} vector-effect="non-scaling-stroke" />`)}
        ${days.map((d, i) => html`<rect class="bar" x=${i * slot + (slot - bar) / 2} y=${y(d.patients)}
            width=${bar} height=${H - y(d.patients)}>
            <title>${t('dayCount', { date: d.date, n: d.patients })}</title></rect>`)}
      </svg>
    </div>
    ${days.length > 0 && html`<div class="x-axis" aria-hidden="true"><span>${days[0].date}</span><span>${days[days.length - 1].date}</span></div>`}
  </figure>`;
}

export function Dashboard() {
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
  </div>`;
}
