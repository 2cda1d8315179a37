// One patient's rights (issue 20), for the desk and the clinicians: their
// record to take away (JSON, FHIR, a printable summary), their consents
// (given and withdrawn, how, which text), who looked at the record, and a
// deletion (anonymisation) request. Opened from reception's selected patient
// (openPatientRights) or from the menu, where it first asks which patient.
// Each part is offered only when the user's role may call its operation; the
// hub checks every call again.
import { html, useState, useEffect } from '../html.js';
import { get, post, query } from '../api.js';
import { t, latinDigits } from '../i18n.js';
import { Field, TextArea, Select, Section, Notice, FormError, useAction } from '../ui.js';

export const PURPOSES = ['sms_reminders', 'whatsapp_reminders', 'prescription_sharing', 'research'];
const METHODS = ['verbal', 'signed_form', 'patient_choice'];
const CHANNELS = ['in_person', 'phone', 'letter', 'email'];

// The patient the screen shows: in memory only, like the rest of the app (no
// patient in the page's address).
let chosen = null;

export function openPatientRights(patient) {
  chosen = { id: patient.id, name: patient.name, mrn: patient.mrn, phone: patient.phone };
  location.hash = '#patientRights';
}

const when = (iso) => (iso ? new Date(iso).toLocaleString() : '');
export const stateLabel = (state) => t(`rightsState_${state}`);
// The hub says what happened in English; the screen's language where it has the words.
function whatOf(entry) {
  const key = `rightsAction_${entry.action.replaceAll('.', '_')}`;
  const said = t(key);
  return said === key ? entry.what : said;
}

export function PatientRights({ user }) {
  const [patient, setPatient] = useState(chosen);
  const can = (op) => user.permissions.includes(op);
  const pick = (p) => { chosen = p; setPatient(p); };
  if (!patient) return html`<${PickPatient} onPick=${pick} />`;
  return html`<div class="rights">
    <${Section} title=${t('rightsFor', { name: patient.name })}
      actions=${html`<button type="button" class="link" onClick=${() => pick(null)}>${t('rightsOther')}</button>`}>
      <p class="patient-line">${patient.mrn}${patient.phone ? ` · ${patient.phone}` : ''}</p>
    </${Section}>
    ${(can('exportPatient') || can('getPatientSummaryPrint')) && html`<${ExportPanel} patient=${patient} can=${can} />`}
    ${can('listConsents') && html`<${ConsentPanel} patient=${patient} can=${can} />`}
    ${can('getPatientAccessLog') && html`<${AccessLogPanel} patient=${patient} />`}
    ${can('listDataRequests') && html`<${RequestPanel} patient=${patient} can=${can} />`}
  </div>`;
}

function PickPatient({ onPick }) {
  const [q, setQ] = useState('');
  const [results, setResults] = useState(null);
  const { error, run } = useAction();
  const find = (e) => {
    e.preventDefault();
    run(async () => setResults((await get(`/api/v1/patients${query({ q: latinDigits(q.trim()), limit: 10 })}`)).patients));
  };
  return html`<${Section} title=${t('rightsPick')}>
    <form class="inline" onSubmit=${find}>
      <${Field} label=${t('search')} name="q" type="search" value=${q} onInput=${setQ} error=${error} hint=${t('searchHint')} />
      <button type="submit">${t('search')}</button>
    </form>
    <${FormError} error=${error} fields=${['q']} />
    ${results && results.length === 0 && html`<p class="empty" role="status">${t('noMatch')}</p>`}
    ${results && results.length > 0 && html`<ul class="matches" aria-label=${t('results')}>
      ${results.map((p) => html`<li><button type="button" class="link" onClick=${() => onPick(p)}>
        <strong>${p.name}</strong> ${p.mrn} ${p.phone}</button></li>`)}
    </ul>`}
  </${Section}>`;
}

function ExportPanel({ patient, can }) {
  const base = `/api/v1/patients/${patient.id}`;
  return html`<${Section} title=${t('rightsExportTitle')}>
    <p class="hint">${t('rightsExportHint')}</p>
    <div class="actions">
      ${can('exportPatient') && html`
        <a class="button" href=${`${base}/export?format=json`} download=${`patient-${patient.id}.json`}>${t('rightsExportJson')}</a>
        <a class="button" href=${`${base}/export?format=fhir`} download=${`patient-${patient.id}.fhir.json`}>${t('rightsExportFhir')}</a>`}
      ${can('getPatientSummaryPrint') && html`
        <a class="button" href=${`${base}/summary-print`} target="_blank" rel="noopener">${t('rightsSummaryPrint')}</a>`}
    </div>
  </${Section}>`;
}

function ConsentPanel({ patient, can }) {
  const [consents, setConsents] = useState(null);
  const [form, setForm] = useState({ purpose: PURPOSES[0], method: METHODS[0], text_version: '' });
  const [notice, setNotice] = useState('');
  const { busy, error, run } = useAction();
  const load = () => get(`/api/v1/patients/${patient.id}/consents`).then(setConsents);
  useEffect(() => { load().catch(() => {}); }, [patient.id]);
  const change = (give) => run(async () => {
    const path = `/api/v1/patients/${patient.id}/consents${give ? '' : '/withdrawals'}`;
    await post(path, { purpose: form.purpose, method: form.method, text_version: form.text_version.trim() });
    setNotice(t(give ? 'rightsConsentGiven' : 'rightsConsentWithdrawn'));
    await load();
  });
  const current = (purpose) => consents && consents.current.find((c) => c.purpose === purpose);
  const set = (k) => (v) => setForm({ ...form, [k]: v });
  const mayChange = can('recordConsent') || can('withdrawConsent');
  return html`<${Section} title=${t('rightsConsentsTitle')} id="consents">
    ${!consents && html`<p>${t('loading')}</p>`}
    ${consents && html`<table class="rights-table">
      <thead><tr><th scope="col">${t('rightsPurpose')}</th><th scope="col">${t('rightsConsentState')}</th>
        <th scope="col">${t('rightsMethod')}</th><th scope="col">${t('rightsTextVersion')}</th><th scope="col">${t('when')}</th></tr></thead>
      <tbody>${PURPOSES.map((p) => {
        const c = current(p);
        return html`<tr data-purpose=${p}><th scope="row">${t(`rightsPurpose_${p}`)}</th>
          <td class=${c ? `consent-${c.state}` : ''}>${c ? t(`rightsConsent_${c.state}`) : t('rightsNotRecorded')}</td>
          <td>${c ? t(`rightsMethod_${c.method}`) : ''}</td><td>${c ? c.text_version : ''}</td>
          <td>${c ? `${when(c.recorded_at)} · ${c.recorded_by_username}` : ''}</td></tr>`;
      })}</tbody>
    </table>
    <details><summary>${t('rightsHistory', { n: consents.history.length })}</summary>
      <ol class="rights-history">${consents.history.map((c) => html`<li>${historyLine(c)}</li>`)}</ol>
    </details>`}
    ${mayChange && html`<form class="rights-form" onSubmit=${(e) => e.preventDefault()}>
      <${Select} label=${t('rightsPurpose')} name="purpose" value=${form.purpose} onChange=${set('purpose')} error=${error}
        options=${PURPOSES.map((p) => [p, t(`rightsPurpose_${p}`)])} />
      <${Select} label=${t('rightsMethod')} name="method" value=${form.method} onChange=${set('method')} error=${error}
        options=${METHODS.map((m) => [m, t(`rightsMethod_${m}`)])} />
      <${Field} label=${t('rightsTextVersion')} name="text_version" value=${form.text_version} onInput=${set('text_version')}
        error=${error} maxLength="40" hint=${t('rightsTextVersionHint')} />
      <div class="actions">
        ${can('recordConsent') && html`<button type="button" class="primary" disabled=${busy} onClick=${() => change(true)}>${t('rightsGiveConsent')}</button>`}
        ${can('withdrawConsent') && html`<button type="button" disabled=${busy} onClick=${() => change(false)}>${t('rightsWithdrawConsent')}</button>`}
      </div>
      <${FormError} error=${error} fields=${['purpose', 'method', 'text_version']} />
    </form>`}
    <${Notice} text=${notice} />
  </${Section}>`;
}

// "12/3/2026, 10:02 · Research and statistics: Given (Signed form, research-v2) · reception"
function historyLine(c) {
  const how = [t(`rightsMethod_${c.method}`), c.text_version].filter(Boolean).join(', ');
  return `${when(c.recorded_at)} · ${t(`rightsPurpose_${c.purpose}`)}: ${t(`rightsConsent_${c.state}`)} (${how}) · ${c.recorded_by_username}`;
}

function AccessLogPanel({ patient }) {
  const [entries, setEntries] = useState([]);
  const [next, setNext] = useState(undefined);  // undefined: not loaded; null: no older entries
  const [printing, setPrinting] = useState(false);
  const { error, run } = useAction();
  const load = (before) => run(async () => {
    const r = await get(`/api/v1/patients/${patient.id}/access-log${query({ before_id: before, limit: 50 })}`);
    setEntries((old) => (before ? [...old, ...r.entries] : r.entries));
    setNext(r.next_before_id);
  });
  useEffect(() => { load(); }, [patient.id]);
  // Only this panel on paper: the patient takes the report home.
  useEffect(() => {
    if (!printing) return undefined;
    const done = () => setPrinting(false);
    addEventListener('afterprint', done);
    const timer = setTimeout(() => print(), 0);
    return () => { clearTimeout(timer); removeEventListener('afterprint', done); };
  }, [printing]);
  return html`<${Section} title=${t('rightsAccessTitle')} id="access-log"
      actions=${html`<button type="button" onClick=${() => setPrinting(true)}>${t('print')}</button>`}>
    <div class=${printing ? 'print-this' : ''}>
      <p class="hint">${t('rightsAccessHint', { name: patient.name, mrn: patient.mrn })}</p>
      <${FormError} error=${error} />
      ${next !== undefined && entries.length === 0 && html`<p class="empty">${t('rightsNoEntries')}</p>`}
      ${entries.length > 0 && html`<table class="rights-table">
        <thead><tr><th scope="col">${t('when')}</th><th scope="col">${t('rightsWho')}</th>
          <th scope="col">${t('rightsWhat')}</th><th scope="col">${t('outcome')}</th></tr></thead>
        <tbody>${entries.map((e) => html`<tr><td>${when(e.at)}</td><td>${e.who} (${t(`${e.role}_role`)})</td>
          <td>${whatOf(e)}</td><td>${t(`rightsOutcome_${e.outcome}`)}</td></tr>`)}</tbody>
      </table>`}
    </div>
    ${next && html`<button type="button" onClick=${() => load(next)}>${t('moreEvents')}</button>`}
  </${Section}>`;
}

function RequestPanel({ patient, can }) {
  const [requests, setRequests] = useState([]);
  const [channel, setChannel] = useState('in_person');
  const [note, setNote] = useState('');
  const [notice, setNotice] = useState('');
  const { busy, error, run } = useAction();
  const load = () => get(`/api/v1/data-requests${query({ patient_id: patient.id })}`).then((r) => setRequests(r.requests));
  useEffect(() => { load().catch(() => {}); }, [patient.id]);
  const create = (e) => {
    e.preventDefault();
    run(async () => {
      const r = await post('/api/v1/data-requests', { patient_id: patient.id, kind: 'anonymise', channel, note: note.trim() });
      setNote('');
      setNotice(t('rightsRequestTaken', { id: r.id, state: stateLabel(r.state) }));
      await load();
    });
  };
  return html`<${Section} title=${t('rightsDeletionTitle')} id="deletion">
    <p class="hint">${t('rightsDeletionHint')}</p>
    ${requests.length > 0 && html`<ul class="rights-requests">${requests.map((r) => html`<li>
      <${RequestSummary} request=${r} /></li>`)}</ul>`}
    ${can('createDataRequest') && html`<form class="rights-form" onSubmit=${create}>
      <${Select} label=${t('rightsChannel')} name="channel" value=${channel} onChange=${setChannel} error=${error}
        options=${CHANNELS.map((c) => [c, t(`rightsChannel_${c}`)])} />
      <${TextArea} label=${t('rightsNote')} name="note" value=${note} onInput=${setNote} error=${error} maxLength="500" />
      <button type="submit" class="primary" disabled=${busy}>${t('rightsCreateRequest')}</button>
      <${FormError} error=${error} fields=${['channel', 'note']} />
    </form>`}
    <${Notice} text=${notice} />
  </${Section}>`;
}

// A request's number, state and why it may not be executed yet.
export function RequestSummary({ request: r }) {
  return html`<span class="request-line" data-request=${r.id}>
    <strong>${t('rightsRequestNo', { id: r.id })}</strong> · <span class=${`state state-${r.state}`}>${stateLabel(r.state)}</span>${` · ${when(r.requested_at)}`}
    ${r.eligible === false && html`<span class="reasons"> · ${t('rightsNotEligible')}: ${r.eligibility_reasons.join('; ')}</span>`}
    ${r.review_reason && html`<span> · ${t('rightsReviewReason')}: ${r.review_reason}</span>`}
  </span>`;
}
