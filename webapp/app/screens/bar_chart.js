// One bar per day, drawn here in SVG (no chart library: thirty bars do not
// need one): the dashboard's patients per day and the revenue per day. The
// bars stretch to the width of the screen (the SVG is not kept to its aspect
// ratio); the axis labels are HTML beside and under it, so text is never
// stretched with them. The chart has a text equivalent: its title, each bar's
// title, and the table the screen puts under it.
import { html } from '../html.js';

const W = 300;
const H = 100;

// 1, 2, 5 → 5; 37 → 40; 123456 → 200000: a round top for the axis.
export function niceMax(n) {
  if (n <= 5) return 5;
  const step = 10 ** Math.floor(Math.log10(n));
  return Math.ceil(n / step) * step;
}

// items: [{ date, value }]; title: the whole chart's text; barTitle(item) and
// axisLabel(value): the text of one bar and of an axis mark. id names the
// title so two charts on one page do not share it.
export function BarChart({ id, items, title, barTitle, axisLabel = String }) {
  const max = niceMax(Math.max(0, ...items.map((d) => d.value)));
  const slot = W / Math.max(items.length, 1);
  const bar = slot * 0.7;
  // A negative day (refunds beyond takings) draws no bar; its title still says it.
  const y = (v) => H - (Math.max(v, 0) / max) * H;
  return html`<figure class="chart">
    <div class="chart-body">
      <div class="y-axis" aria-hidden="true">${[max, max / 2, 0].map((v) => html`<span>${axisLabel(v)}</span>`)}</div>
      <svg viewBox=${`0 0 ${W} ${H}`} role="img" aria-labelledby=${id} preserveAspectRatio="none">
        <title id=${id}>${title}</title>
        ${[0, H / 2, H].map((v) => html`<line class="gridline" x1="0" x2=${W} y1=${v} y2=${v} vector-effect="non-scaling-stroke" />`)}
        ${items.map((d, i) => html`<rect class="bar" x=${i * slot + (slot - bar) / 2} y=${y(d.value)}
            width=${bar} height=${H - y(d.value)}>
            <title>${barTitle(d)}</title></rect>`)}
      </svg>
    </div>
    ${items.length > 0 && html`<div class="x-axis" aria-hidden="true"><span>${items[0].date}</span><span>${items[items.length - 1].date}</span></div>`}
  </figure>`;
}
