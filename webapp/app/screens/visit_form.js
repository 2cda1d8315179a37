// The visit being written: vitals, complaints, diagnoses (ICD-10 look-up),
// notes, investigations, the prescription, advice and the follow-up date.
// Save keeps it a draft on the hub; Finalize makes it read-only, printable
// (the hub's A4/A5 prescription) and changeable only by an amendment with a
// reason. When the session ends under it, what was typed is kept in the one
// local draft (draft.js) and is back after the same doctor signs in again.
import { html, useState, useEffect, useRef } from '../html.js';
import { get, post, patch, query } from '../api.js';
import { t } from '../i18n.js';
import { Field, TextArea, FormError, Notice, Section, useAction } from '../ui.js';
import { keepDraft, draftFor, dropDraft } from '../draft.js';
import { onSessionEnd } from '../session.js';
import { Autocomplete } from './autocomplete.js';
import { VitalsFields, vitalsToForm, vitalsFromForm, vitalsLine } from './vitals_fields.js';
import { PrescriptionBuilder, itemToForm, itemFromForm, isEmptyItem, emptyItem, newKey } from './prescription.js';
import { PatientSummary } from './patient_summary.js';

const emptyDiagnosis = () => ({ key: newKey(), text: '', icd10: '' });

export function formFromVisit(v) {
  return {
    vitals: vitalsToForm(v.vitals), complaints: v.complaints, notes: v.notes, investigations: v.investigations,
    advice: v.advice, follow_up_date: v.follow_up_date || '',
    diagnoses: v.diagnoses.length ? v.diagnoses.map((d) => ({ key: newKey(), text: d.text, icd10: d.icd10 || '' })) : [emptyDiagnosis()],
    prescription: v.prescription.length ? v.prescription.map(itemToForm) : [emptyItem()],
  };
}

// The API's body, and a function that turns an error about the n-th item
// sent back into one about the row the doctor sees (empty rows are not sent).
export function bodyFromForm(form) {
  const rows = { diagnoses: [], prescription: [] };
  const diagnoses = [];
  form.diagnoses.forEach((d, i) => {
    if (!d.text.trim() && !d.icd10.trim()) return;
    rows.diagnoses.push(i);
    diagnoses.push(d.icd10.trim() ? { text: d.text.trim(), icd10: d.icd10.trim().toUpperCase() } : { text: d.text.trim() });
  });
  const prescription = [];
  form.prescription.forEach((item, i) => {
    if (isEmptyItem(item)) return;
    rows.prescription.push(i);
    prescription.push(itemFromForm(item));
  });
  const body = {
    vitals: vitalsFromForm(form.vitals), complaints: form.complaints, diagnoses, notes: form.notes,
    investigations: form.investigations, advice: form.advice, follow_up_date: form.follow_up_date || null, prescription,
  };
  const remap = (e) => {
    if (e && e.field) {
      e.field = e.field.replace(/^(diagnoses|prescription)\[(\d+)\]/,
        (m, list, n) => `${list}[${rows[list][Number(n)] ?? n}]`);
    }
    return e;
  };
  return { body, remap };
}

function searchCodes(q) {
  return get(`/api/v1/diagnosis-codes${query({ q, limit: 8 })}`)
    .then((r) => r.codes.map((c) => ({ primary: c.code, secondary: c.title, code: c })));
}

function Diagnoses({ list, onChange, error, prefix }) {
  const set = (i, next) => onChange(list.map((d, j) => (j === i ? next : d)));
  return html`<div class="diagnoses">
    <h3>${t('diagnoses')}</h3>
    ${list.map((d, i) => html`<fieldset class="dx-item" key=${d.key}>
      <legend>${t('diagnosisNumber', { n: i + 1 })}</legend>
      <div class="dx-grid">
        <${Autocomplete} id=${`${prefix}-dx${i}-code`} label=${t('icdSearch')} name=${`diagnoses[${i}].icd10`}
          value=${d.icd10} error=${error} hint=${t('icdHint')} search=${searchCodes}
          onInput=${(v) => set(i, { ...d, icd10: v })}
          onPick=${({ code }) => set(i, { ...d, icd10: code.code, text: d.text.trim() ? d.text : code.title })} />
        <${Field} id=${`${prefix}-dx${i}-text`} label=${t('diagnosisText')} name=${`diagnoses[${i}].text`} value=${d.text}
          error=${error} autocomplete="off" onInput=${(v) => set(i, { ...d, text: v })} />
      </div>
      ${list.length > 1 && html`<button type="button" class="small" onClick=${() => onChange(list.filter((_, j) => j !== i))}>
        ${t('removeDiagnosis', { n: i + 1 })}</button>`}
    </fieldset>`)}
    <button type="button" onClick=${() => onChange([...list, emptyDiagnosis()])}>${t('addDiagnosis')}</button>
  </div>`;
}

// The editable form (a draft, or the content of an amendment).
function VisitFields({ form, setForm, error, patientId, prefix }) {
  const set = (k) => (v) => setForm({ ...form, [k]: v });
  return html`<div class="visit-fields">
    <h3>${t('vitals')}</h3>
    <${VitalsFields} idPrefix=${`${prefix}-vitals`} value=${form.vitals} onChange=${set('vitals')} error=${error} />
    <${TextArea} label=${t('complaints')} name="complaints" value=${form.complaints} onInput=${set('complaints')} error=${error} rows="2" />
    <${Diagnoses} list=${form.diagnoses} onChange=${set('diagnoses')} error=${error} prefix=${prefix} />
    <${TextArea} label=${t('notes')} name="notes" value=${form.notes} onInput=${set('notes')} error=${error} rows="4" />
    <${TextArea} label=${t('investigations')} name="investigations" value=${form.investigations}
      onInput=${set('investigations')} error=${error} rows="2" />
    <${PrescriptionBuilder} items=${form.prescription} onChange=${set('prescription')} error=${error}
      patientId=${patientId} prefix=${prefix} />
    <${TextArea} label=${t('advice')} name="advice" value=${form.advice} onInput=${set('advice')} error=${error} rows="2" />
    <${Field} label=${t('followUp')} name="follow_up_date" type="date" value=${form.follow_up_date}
      onInput=${set('follow_up_date')} error=${error} />
  </div>`;
}

const FIELDS = ['vitals', 'complaints', 'diagnoses', 'notes', 'investigations', 'prescription', 'advice',
  'follow_up_date', 'reason'];

function timing(item) {
  return [item.dose, t(item.timing), item.duration === 'continue' ? t('unit_continue') : item.duration]
    .filter(Boolean).join(' · ');
}

// A finalized visit as it stands, with its amendments.
function VisitView({ visit }) {
  const row = (label, text) => (text ? html`<div><dt>${label}</dt><dd>${text}</dd></div>` : null);
  return html`<dl class="visit-view">
    ${row(t('vitals'), vitalsLine(visit.vitals))}
    ${row(t('complaints'), visit.complaints)}
    ${row(t('diagnoses'), visit.diagnoses.map((d) => (d.icd10 ? `${d.text} (${d.icd10})` : d.text)).join('; '))}
    ${row(t('notes'), visit.notes)}
    ${row(t('investigations'), visit.investigations)}
    ${visit.prescription.length > 0 && html`<div><dt>${t('prescription')}</dt><dd><ol class="rx-list">
      ${visit.prescription.map((p) => html`<li><strong>${p.drug}</strong> ${p.strength} ${p.form} — ${timing(p)}
        ${p.instructions ? ` — ${p.instructions}` : ''}</li>`)}</ol></dd></div>`}
    ${row(t('advice'), visit.advice)}
    ${row(t('followUp'), visit.follow_up_date)}
    ${visit.amendments.length > 0 && html`<div><dt>${t('amendments')}</dt><dd><ul>
      ${visit.amendments.map((a) => html`<li>${new Date(a.amended_at).toLocaleString()}: ${a.reason}</li>`)}</ul></dd></div>`}
  </dl>`;
}

// onLoaded(visit) tells the queue which visit is open and its state.
export function VisitPanel({ user, visitId, onClose, onLoaded }) {
  const [visit, setVisit] = useState(null);
  const [form, setForm] = useState(null);
  const [mode, setMode] = useState('edit');  // edit (draft) | view (finalized) | amend
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState('');
  const [restored, setRestored] = useState(false);
  const action = useAction();
  const { busy, setError, run } = action;
  // A 401 is the session's end: the sign-in form says so, the form need not.
  const error = action.error && action.error.status === 401 ? null : action.error;
  const latest = useRef({});
  latest.current = { form, mode, reason };
  const prefix = `v${visitId}`;

  useEffect(() => {
    let alive = true;
    setVisit(null);
    get(`/api/v1/visits/${visitId}`).then((v) => {
      if (!alive) return;
      const kept = draftFor(user.id, visitId);
      setVisit(v);
      onLoaded && onLoaded(v);
      if (kept && kept.form) {
        setForm(kept.form);
        setReason(kept.reason || '');
        setMode(v.status === 'draft' ? 'edit' : 'amend');
        setRestored(true);
      } else {
        setForm(formFromVisit(v));
        setMode(v.status === 'draft' ? 'edit' : 'view');
      }
      // Straight to writing: the first field of the form (or the print button of a finalized visit).
      setTimeout(() => {
        const first = document.getElementById(`${prefix}-vitals-bp_systolic`) || document.getElementById(`${prefix}-print-a4`);
        if (first) first.focus();
      }, 0);
    }).catch((e) => alive && setError(e));
    // The session ended: keep what is being typed for this doctor and visit.
    const off = onSessionEnd(() => {
      const { form: f, mode: m, reason: r } = latest.current;
      if (f && m !== 'view') keepDraft(user.id, visitId, { form: f, reason: r });
    });
    return () => { alive = false; off(); };
  }, [visitId]);

  const loaded = (v, message) => {
    setVisit(v);
    onLoaded && onLoaded(v);
    dropDraft();
    setRestored(false);
    setNotice(message);
  };

  // Client-side problems (a vital that is not a number) come back as { field, message }.
  const send = (fn) => run(async () => {
    let built;
    try { built = bodyFromForm(form); } catch (e) { setError(e); return; }
    try { await fn(built.body); } catch (e) { throw built.remap(e); }
  });

  const save = () => send(async (body) => loaded(await patch(`/api/v1/visits/${visitId}`, body), t('visitSaved')));
  const finalize = () => send(async (body) => {
    await patch(`/api/v1/visits/${visitId}`, body);
    const done = await post(`/api/v1/visits/${visitId}/finalize`);
    setMode('view');
    loaded(done, t('visitFinalized'));
    setTimeout(() => { const a = document.getElementById(`${prefix}-print-a4`); if (a) a.focus(); }, 0);
  });
  const amend = () => {
    if (!reason.trim()) { setError({ field: 'reason', message: t('reasonRequired') }); return; }
    send(async (body) => {
      const amended = await post(`/api/v1/visits/${visitId}/amendments`, { ...body, reason: reason.trim() });
      setMode('view');
      setReason('');
      setForm(formFromVisit(amended));
      loaded(amended, t('visitAmended'));
    });
  };

  if (!visit || !form) {
    return html`<${Section} title=${t('visit')}>${error ? html`<${FormError} error=${error} />` : html`<p>${t('loading')}</p>`}</${Section}>`;
  }
  const actions = html`<button type="button" class="small" onClick=${onClose}>${t('closeVisit')}</button>`;
  return html`<div class="visit">
    <${PatientSummary} patientId=${visit.patient_id} currentVisitId=${visit.id} />
    <${Section} title=${mode === 'amend' ? t('amendVisit') : t('visit')} actions=${actions} id="visit">
      <p class="visit-status">${visit.status === 'finalized' ? t('finalized') : t('draftStatus')}
        ${visit.vitals_recorded_at ? html` · ${t('vitalsRecordedAt', { when: new Date(visit.vitals_recorded_at).toLocaleTimeString() })}` : ''}</p>
      ${restored && html`<p class="notice warn" role="status">${t('draftRestored')}</p>`}
      ${mode === 'view' ? html`
        <${VisitView} visit=${visit} />
        <div class="actions">
          <a class="button primary" id=${`${prefix}-print-a4`} href=${`/api/v1/visits/${visit.id}/prescription?paper=a4`}
            target="_blank" rel="noopener">${t('printA4')}</a>
          <a class="button" href=${`/api/v1/visits/${visit.id}/prescription?paper=a5`} target="_blank" rel="noopener">${t('printA5')}</a>
          <button type="button" onClick=${() => { setForm(formFromVisit(visit)); setMode('amend'); setNotice(''); }}>${t('amend')}</button>
        </div>` : html`
        <form class="visit-form" novalidate onSubmit=${(e) => { e.preventDefault(); if (mode === 'amend') amend(); else save(); }}>
          <${VisitFields} form=${form} setForm=${setForm} error=${error} patientId=${visit.patient_id} prefix=${prefix} />
          ${mode === 'amend' && html`<${TextArea} label=${t('amendReason')} name="reason" value=${reason}
            onInput=${setReason} error=${error} rows="2" required />`}
          <${FormError} error=${error} fields=${FIELDS} />
          <div class="actions sticky-actions">
            ${mode === 'edit' ? html`
              <button type="submit" disabled=${busy}>${t('saveDraft')}</button>
              <button type="button" class="primary" disabled=${busy} onClick=${finalize}>${t('finalize')}</button>` : html`
              <button type="submit" class="primary" disabled=${busy}>${t('saveAmendment')}</button>
              <button type="button" disabled=${busy} onClick=${() => { setMode('view'); setError(null); setForm(formFromVisit(visit)); setReason(''); dropDraft(); setRestored(false); }}>${t('cancel')}</button>`}
          </div>
        </form>`}
      <${Notice} text=${notice} />
    </${Section}>
  </div>`;
}
