// Every doctor's queue today, live: refetched when the staff stream says that
// doctor's queue changed (or after a reconnect). The desk transfers, cancels,
// re-orders by priority and reprints slips from here.
import { html, useState, useEffect } from '../html.js';
import { get, post, query } from '../api.js';
import { t } from '../i18n.js';
import { Section, FormError, useAction } from '../ui.js';
import { onLive } from '../live.js';

const PRIORITIES = ['normal', 'emergency', 'elderly', 'pregnant', 'disabled'];

export function useQueue(doctorId) {
  const [queue, setQueue] = useState(null);
  useEffect(() => {
    if (!doctorId) return undefined;
    let alive = true;
    let timer = null;
    const load = () => get(`/api/v1/queue${query({ doctor_id: doctorId })}`).then((q) => alive && setQueue(q)).catch(() => {});
    load();
    const off = onLive((kind, data) => {
      if (kind === 'refresh' || kind === 'day' || (kind === 'queue' && data.doctor_id === doctorId)) {
        clearTimeout(timer);
        timer = setTimeout(load, 50);
      }
    });
    return () => { alive = false; off(); clearTimeout(timer); };
  }, [doctorId]);
  return [queue, setQueue];
}

function TokenRow({ token, doctors, user }) {
  const can = (op) => user.permissions.includes(op);
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState('');
  const { busy, error, run } = useAction();
  const others = doctors.filter((d) => d.id !== token.doctor_id);
  return html`<li class=${`token ${token.priority !== 'normal' ? 'prio' : ''}`}>
    <span class="label">${token.label}</span>
    <span class="name">${token.patient.name}</span>
    ${token.priority !== 'normal' && html`<span class="tag">${t(token.priority)}</span>`}
    ${token.estimated_wait_minutes !== undefined && html`<span class="wait">${t('waitMinutes', { n: token.estimated_wait_minutes })}</span>`}
    <button type="button" class="small" aria-expanded=${open ? 'true' : 'false'} onClick=${() => setOpen(!open)}
      aria-label=${`${t('edit')} ${token.label}`}>⋯</button>
    ${open && html`<div class="token-actions">
      ${can('transferToken') && others.length > 0 && html`<form class="inline" onSubmit=${(e) => { e.preventDefault(); run(() => post(`/api/v1/tokens/${token.id}/transfer`, { doctor_id: target || others[0].id })); }}>
        <label for=${`to-${token.id}`}>${t('transferTo')}</label>
        <select id=${`to-${token.id}`} value=${target || others[0].id} onChange=${(e) => setTarget(e.currentTarget.value)}>
          ${others.map((d) => html`<option value=${d.id}>${d.name_en}</option>`)}
        </select>
        <button type="submit" disabled=${busy}>${t('transfer')}</button>
      </form>`}
      ${can('setTokenPriority') && html`<form class="inline" onSubmit=${(e) => e.preventDefault()}>
        <label for=${`prio-${token.id}`}>${t('priorityChange')}</label>
        <select id=${`prio-${token.id}`} value=${token.priority}
          onChange=${(e) => run(() => post(`/api/v1/tokens/${token.id}/priority`, { priority: e.currentTarget.value }))}>
          ${PRIORITIES.map((p) => html`<option value=${p}>${t(p)}</option>`)}
        </select>
      </form>`}
      ${can('cancelToken') && html`<button type="button" onClick=${() => run(() => post(`/api/v1/tokens/${token.id}/cancel`))} disabled=${busy}>${t('cancel')}</button>`}
      ${can('getTokenSlip') && html`<a class="button" href=${`/api/v1/tokens/${token.id}/slip`} target="_blank" rel="noopener">${t('reprint')}</a>`}
      <${FormError} error=${error} />
    </div>`}
  </li>`;
}

function DoctorQueue({ doctor, doctors, user }) {
  const [queue] = useQueue(doctor.id);
  return html`<article class="queue" aria-label=${doctor.name_en}>
    <h3>${doctor.name_en}${doctor.room ? html` <small>${doctor.room}</small>` : ''}</h3>
    ${!queue ? html`<p>${t('loading')}</p>` : html`
      <p class="serving"><span>${t('nowServing')}:</span> ${queue.now_serving.map((tk) => html`<strong class="label">${tk.label}</strong> `)}${queue.now_serving.length === 0 ? '—' : ''}</p>
      <h4>${t('waiting')} (${queue.waiting.length})</h4>
      ${queue.waiting.length === 0 ? html`<p class="empty">${t('noTokens')}</p>`
        : html`<ol class="tokens">${queue.waiting.map((tk) => html`<${TokenRow} key=${tk.id} token=${tk} doctors=${doctors} user=${user} />`)}</ol>`}`}
  </article>`;
}

export function QueueBoard({ user, doctors }) {
  return html`<${Section} title=${t('queues')}>
    <div class="queues">${doctors.map((d) => html`<${DoctorQueue} key=${d.id} doctor=${d} doctors=${doctors} user=${user} />`)}</div>
  </${Section}>`;
}
