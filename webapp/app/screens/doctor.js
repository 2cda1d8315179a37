// The doctor's screen: my queue today, live from the staff stream (call next,
// call again, skip, restore, start, complete), and the open visit beside it
// (patient summary, history, the visit form). Starting a consultation opens
// its visit; a visit kept as a local draft when the session ended is opened
// again after this doctor signs back in.
import { html, useState, useEffect, useRef } from '../html.js';
import { post } from '../api.js';
import { t } from '../i18n.js';
import { Section, FormError, useAction } from '../ui.js';
import { draftVisitOf } from '../draft.js';
import { useLiveQueue } from './live_queue.js';
import { VisitPanel } from './visit_form.js';

function focusLater(id) {
  setTimeout(() => { const el = document.getElementById(id); if (el) el.focus(); }, 50);
}

function ServingRow({ token, openVisitId, onOpen, run, busy }) {
  const act = (verb) => run(async () => {
    const moved = await post(`/api/v1/tokens/${token.id}/${verb}`);
    if (verb === 'start' && moved.visit_id) onOpen(moved.visit_id);
    if (verb === 'complete') onOpen(null, token.visit_id);
  });
  const button = (verb, label, primary = false) => html`<button type="button" id=${`${verb}-${token.id}`}
    class=${primary ? 'primary' : ''} disabled=${busy} aria-label=${`${label} ${token.label}`} onClick=${() => act(verb)}>${label}</button>`;
  return html`<li class="token serving">
    <span class="label">${token.label}</span>
    <span class="name">${token.patient.name}</span>
    <span class="state">${t(`state_${token.state}`)}</span>
    <div class="token-actions">
      ${token.state === 'called' && html`${button('start', t('start'), true)}${button('recall', t('recall'))}${button('skip', t('skip'))}`}
      ${token.state === 'in_consultation' && html`
        ${token.visit_id && token.visit_id !== openVisitId && html`<button type="button" class="primary"
          aria-label=${`${t('openVisit')} ${token.label}`} onClick=${() => onOpen(token.visit_id)}>${t('openVisit')}</button>`}
        ${button('complete', t('complete'))}`}
    </div>
  </li>`;
}

function MyQueue({ user, queue, openVisitId, onOpen }) {
  const { busy, error, run } = useAction();
  const callNext = () => run(async () => {
    const called = await post('/api/v1/queue/call-next', { doctor_id: user.id });
    focusLater(`start-${called.id}`);
  });
  const restore = (token) => run(() => post(`/api/v1/tokens/${token.id}/restore`));
  const skipped = queue ? queue.finished.filter((tk) => tk.state === 'skipped') : [];
  const actions = html`<button type="button" class="primary" id="call-next" onClick=${callNext}
    disabled=${busy || !queue || queue.waiting.length === 0}>${t('callNext')}</button>`;
  return html`<${Section} title=${t('myQueue')} actions=${actions} id="my-queue">
    <${FormError} error=${error} />
    ${!queue ? html`<p>${t('loading')}</p>` : html`
      <h3>${t('nowServing')}</h3>
      ${queue.now_serving.length === 0 ? html`<p class="empty">${t('nobodyCalled')}</p>` : html`<ul class="tokens">
        ${queue.now_serving.map((tk) => html`<${ServingRow} key=${tk.id} token=${tk} openVisitId=${openVisitId}
          onOpen=${onOpen} run=${run} busy=${busy} />`)}</ul>`}
      <h3>${t('waiting')} (${queue.waiting.length})</h3>
      ${queue.waiting.length === 0 ? html`<p class="empty">${t('noTokens')}</p>` : html`<ol class="tokens waiting-list">
        ${queue.waiting.map((tk) => html`<li key=${tk.id} class=${`token ${tk.priority !== 'normal' ? 'prio' : ''}`}>
          <span class="label">${tk.label}</span><span class="name">${tk.patient.name}</span>
          ${tk.priority !== 'normal' && html`<span class="tag">${t(tk.priority)}</span>`}
          ${tk.estimated_wait_minutes !== undefined && html`<span class="wait">${t('waitMinutes', { n: tk.estimated_wait_minutes })}</span>`}
        </li>`)}</ol>`}
      ${skipped.length > 0 && html`<h3>${t('skippedTokens')}</h3><ul class="tokens">
        ${skipped.map((tk) => html`<li key=${tk.id} class="token"><span class="label">${tk.label}</span>
          <span class="name">${tk.patient.name}</span>
          <button type="button" class="small" disabled=${busy} aria-label=${`${t('restore')} ${tk.label}`}
            onClick=${() => restore(tk)}>${t('restore')}</button></li>`)}</ul>`}`}
  </${Section}>`;
}

export function Doctor({ user }) {
  const [queue] = useLiveQueue(user.id);
  // A draft kept when the session ended reopens its visit first.
  const [openVisitId, setOpenVisitId] = useState(() => draftVisitOf(user.id));
  const openStatus = useRef(null);
  const autoOpened = useRef(Boolean(openVisitId));

  // After a reload, the consultation in progress is opened again.
  useEffect(() => {
    if (!queue || autoOpened.current) return;
    autoOpened.current = true;
    const inside = queue.now_serving.find((tk) => tk.state === 'in_consultation' && tk.visit_id);
    if (inside && !openVisitId) setOpenVisitId(inside.visit_id);
  }, [queue]);

  // onOpen(id) opens a visit; onOpen(null, id) says the token of visit id is
  // complete, which closes it when it is finalized (a draft stays to finish).
  const onOpen = (id, completedVisit) => {
    if (id) {
      setOpenVisitId(id);
    } else if (completedVisit && completedVisit === openVisitId && openStatus.current === 'finalized') {
      setOpenVisitId(null);
    }
  };

  return html`<div class="doctor">
    <${MyQueue} user=${user} queue=${queue} openVisitId=${openVisitId} onOpen=${onOpen} />
    ${openVisitId ? html`<${VisitPanel} key=${openVisitId} user=${user} visitId=${openVisitId}
        onLoaded=${(v) => { openStatus.current = v.status; }} onClose=${() => setOpenVisitId(null)} />`
      : html`<${Section} title=${t('visit')}><p class="empty">${t('noVisit')}</p></${Section}>`}
  </div>`;
}
