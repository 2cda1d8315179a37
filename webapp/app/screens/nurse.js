// The nurse's screen: every doctor's waiting list today, live, with vitals
// entry per token (recordVitals). The doctor finds them in the patient's
// summary and, when taken before the consultation, in the visit form.
import { html, useState, useEffect } from '../html.js';
import { get, post } from '../api.js';
import { t } from '../i18n.js';
import { Section, FormError, Notice, Select, useAction } from '../ui.js';
import { useLiveQueue } from './live_queue.js';
import { VitalsFields, emptyVitals, vitalsFromForm, vitalsFieldNames } from './vitals_fields.js';

function VitalsForm({ token, onSaved, onCancel }) {
  const [vitals, setVitals] = useState(emptyVitals);
  const { busy, error, setError, run } = useAction();
  useEffect(() => { const el = document.getElementById(`n${token.id}-bp_systolic`); if (el) el.focus(); }, []);
  const submit = (e) => {
    e.preventDefault();
    let body;
    try { body = vitalsFromForm(vitals); } catch (problem) { setError(problem); return; }
    if (!body) { setError({ field: '', message: t('noVitalsTyped') }); return; }
    run(async () => onSaved(await post(`/api/v1/tokens/${token.id}/vitals`, body)));
  };
  return html`<form class="vitals-form" novalidate onSubmit=${submit} aria-label=${t('vitalsFor', { label: token.label })}>
    <${VitalsFields} idPrefix=${`n${token.id}`} value=${vitals} onChange=${setVitals} error=${error} />
    <${FormError} error=${error} fields=${[...vitalsFieldNames, ...vitalsFieldNames.map((f) => f.slice(7))]} />
    <button type="submit" class="primary" disabled=${busy}>${t('recordVitals')}</button>
    <button type="button" onClick=${onCancel}>${t('cancel')}</button>
  </form>`;
}

function TokenVitals({ token, recorded, onRecorded }) {
  const [open, setOpen] = useState(false);
  return html`<li class=${`token ${token.priority !== 'normal' ? 'prio' : ''}`}>
    <span class="label">${token.label}</span>
    <span class="name">${token.patient.name}</span>
    ${token.priority !== 'normal' && html`<span class="tag">${t(token.priority)}</span>`}
    ${token.state !== 'waiting' && html`<span class="state">${t(`state_${token.state}`)}</span>`}
    ${recorded && html`<span class="done">✓ ${t('vitalsRecordedAt', { when: new Date(recorded).toLocaleTimeString() })}</span>`}
    <button type="button" aria-expanded=${open ? 'true' : 'false'} onClick=${() => setOpen(!open)}
      aria-label=${`${t('recordVitals')} ${token.label}`}>${t('recordVitals')}</button>
    ${open && html`<${VitalsForm} token=${token} onCancel=${() => setOpen(false)}
      onSaved=${(saved) => { setOpen(false); onRecorded(token, saved); }} />`}
  </li>`;
}

function DoctorWaiting({ doctor, recorded, onRecorded }) {
  const [queue] = useLiveQueue(doctor.id);
  const tokens = queue ? [...queue.now_serving.filter((tk) => tk.state === 'called'), ...queue.waiting] : [];
  return html`<article class="queue" aria-label=${doctor.name_en}>
    <h3>${doctor.name_en}${doctor.room ? html` <small>${doctor.room}</small>` : ''}</h3>
    ${!queue ? html`<p>${t('loading')}</p>` : tokens.length === 0 ? html`<p class="empty">${t('noTokens')}</p>`
      : html`<ol class="tokens">${tokens.map((tk) => html`<${TokenVitals} key=${tk.id} token=${tk}
          recorded=${recorded[tk.id]} onRecorded=${onRecorded} />`)}</ol>`}
  </article>`;
}

export function Nurse() {
  const [doctors, setDoctors] = useState(null);
  const [recorded, setRecorded] = useState({});  // token id → when, for this sitting
  const [notice, setNotice] = useState('');
  const [only, setOnly] = useState('');  // one doctor's patients, on a phone with many doctors
  const { error, run } = useAction();
  useEffect(() => { run(async () => setDoctors((await get('/api/v1/doctors')).doctors.filter((d) => d.active !== false))); }, []);
  const onRecorded = (token, saved) => {
    setRecorded((r) => ({ ...r, [token.id]: saved.recorded_at }));
    setNotice(t('vitalsSaved', { label: token.label }));
  };
  return html`<${Section} title=${t('waitingForVitals')}>
    <${Notice} text=${notice} />
    <${FormError} error=${error} />
    ${doctors && doctors.length > 1 && html`<div class="nurse-filter"><${Select} label=${t('showDoctor')} name="doctor" value=${only}
      onChange=${setOnly} options=${[['', t('allDoctors')], ...doctors.map((d) => [d.id, d.name_en])]} /></div>`}
    ${doctors && html`<div class="queues">${doctors.filter((d) => !only || d.id === only).map((d) => html`<${DoctorWaiting} key=${d.id} doctor=${d}
      recorded=${recorded} onRecorded=${onRecorded} />`)}</div>`}
  </${Section}>`;
}
