// The admin's side of patients' rights (issue 20): every deletion
// (anonymisation) request with its steps, reviewed (approve or reject, always
// with a reason) and executed; and the clinic's retention policy. Only an
// admin is offered this screen (reviewDataRequest); the hub refuses the rest.
import { html, useState, useEffect } from '../html.js';
import { get, post, patch, query } from '../api.js';
import { t } from '../i18n.js';
import { Field, Select, Check, Section, Notice, FormError, useAction } from '../ui.js';
import { RequestSummary, stateLabel } from './patient_rights.js';

const STATES = ['requested', 'eligibility_checked', 'approved', 'rejected', 'executed'];

export function DataRequests({ user }) {
  const can = (op) => user.permissions.includes(op);
  return html`<div class="rights">
    <${RequestList} can=${can} />
    ${can('getRetentionPolicy') && html`<${RetentionForm} can=${can} />`}
    ${can('exportClinic') && html`<${Section} title=${t('rightsClinicExportTitle')}>
      <p class="hint">${t('rightsClinicExportHint')}</p>
      <div class="actions">
        <a class="button" href="/api/v1/clinic/export?format=json" download="clinic-json.tar">${t('rightsClinicExportJson')}</a>
        <a class="button" href="/api/v1/clinic/export?format=fhir" download="clinic-fhir.tar">${t('rightsClinicExportFhir')}</a>
      </div>
    </${Section}>`}
  </div>`;
}

function RequestList({ can }) {
  const [state, setState] = useState('');
  const [requests, setRequests] = useState(null);
  const { error, run } = useAction();
  const load = () => run(async () => setRequests((await get(`/api/v1/data-requests${query({ state })}`)).requests));
  useEffect(() => { load(); }, [state]);
  return html`<${Section} title=${t('dataRequests')}>
    <form class="inline" onSubmit=${(e) => e.preventDefault()}>
      <${Select} label=${t('rightsStateFilter')} name="state" value=${state} onChange=${setState}
        options=${[['', t('rightsAllStates')], ...STATES.map((s) => [s, stateLabel(s)])]} />
    </form>
    <${FormError} error=${error} />
    ${requests && requests.length === 0 && html`<p class="empty">${t('rightsNoRequests')}</p>`}
    ${requests && requests.length > 0 && html`<ul class="rights-requests">
      ${requests.map((r) => html`<li key=${r.id}><${RequestRow} request=${r} can=${can} onChanged=${load} /></li>`)}
    </ul>`}
  </${Section}>`;
}

function RequestRow({ request, can, onChanged }) {
  const [r, setR] = useState(request);
  const [patient, setPatient] = useState(null);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState('');
  const { busy, error, run } = useAction();
  useEffect(() => setR(request), [request]);
  const base = `/api/v1/data-requests/${r.id}`;
  const review = (decision) => run(async () => {
    setR(await post(`${base}/review`, { decision, reason: reason.trim() }));
    setReason('');
    setNotice(t(decision === 'approve' ? 'rightsApproved' : 'rightsRejected'));
  });
  const execute = () => run(async () => {
    setR(await post(`${base}/execute`));
    setConfirming(false);
    setNotice(t('rightsExecuted'));
    onChanged();
  });
  const reviewable = r.state === 'requested' || r.state === 'eligibility_checked';
  return html`<article class="request" aria-label=${t('rightsRequestNo', { id: r.id })}>
    <${RequestSummary} request=${r} />
    <p class="hint">${t('rightsPatientNo', { id: r.patient_id })}
      ${patient ? html` · <strong>${patient.name}</strong> · ${patient.mrn}` : can('getPatient') && html` <button type="button"
        class="link" onClick=${() => run(async () => setPatient(await get(`/api/v1/patients/${r.patient_id}`)))}>${t('rightsShowPatient')}</button>`}
      ${r.note && html` · ${r.note}`}</p>
    ${reviewable && can('reviewDataRequest') && html`<form class="rights-form" onSubmit=${(e) => e.preventDefault()}>
      <${Field} label=${t('rightsReviewReason')} name="reason" value=${reason} onInput=${setReason} error=${error} maxLength="500" />
      <div class="actions">
        <button type="button" class="primary" disabled=${busy} onClick=${() => review('approve')}>${t('rightsApprove')}</button>
        <button type="button" disabled=${busy} onClick=${() => review('reject')}>${t('rightsReject')}</button>
      </div>
    </form>`}
    ${r.state === 'approved' && can('executeDataRequest') && html`<div class="actions">
      ${!confirming && html`<button type="button" class="primary" onClick=${() => setConfirming(true)}>${t('rightsExecute')}</button>`}
      ${confirming && html`<p class="notice warn" role="alert">${t('rightsExecuteWarning')}</p>
        <button type="button" class="danger" disabled=${busy} onClick=${execute}>${t('rightsExecuteConfirm')}</button>
        <button type="button" onClick=${() => setConfirming(false)}>${t('cancel')}</button>`}
    </div>`}
    <${FormError} error=${error} fields=${['reason']} />
    <${Notice} text=${notice} />
  </article>`;
}

function RetentionForm({ can }) {
  const [policy, setPolicy] = useState(null);
  const [form, setForm] = useState(null);
  const [notice, setNotice] = useState('');
  const { busy, error, run } = useAction();
  const adopt = (p) => {
    setPolicy(p);
    setForm({ minimum_keep_years: String(p.minimum_keep_years), auto: p.auto_anonymise_after_years ?? '', clear_notes: p.clear_notes });
  };
  useEffect(() => { run(async () => adopt(await get('/api/v1/retention-policy'))); }, []);
  const save = (e) => {
    e.preventDefault();
    run(async () => {
      adopt(await patch('/api/v1/retention-policy', {
        minimum_keep_years: Number(form.minimum_keep_years),
        auto_anonymise_after_years: form.auto === '' ? null : Number(form.auto),
        clear_notes: form.clear_notes,
      }));
      setNotice(t('rightsPolicySaved'));
    });
  };
  const set = (k) => (v) => setForm({ ...form, [k]: v });
  return html`<${Section} title=${t('rightsRetentionTitle')} id="retention">
    <${FormError} error=${error} fields=${['minimum_keep_years', 'auto_anonymise_after_years', 'clear_notes']} />
    ${form && html`<form class="rights-form narrow" onSubmit=${save}>
      <${Field} label=${t('rightsMinimumKeep')} name="minimum_keep_years" type="number" min="0" max="100"
        value=${form.minimum_keep_years} onInput=${set('minimum_keep_years')} error=${error} />
      <${Field} label=${t('rightsAutoAnonymise')} name="auto_anonymise_after_years" type="number" min="1" max="100"
        value=${form.auto} onInput=${set('auto')} error=${error} hint=${t('rightsAutoAnonymiseHint')} />
      <${Check} label=${t('rightsClearNotes')} name="clear_notes" checked=${form.clear_notes} onChange=${set('clear_notes')} />
      ${policy.updated_at && html`<p class="hint">${t('rightsPolicyUpdated', { when: new Date(policy.updated_at).toLocaleString() })}</p>`}
      ${can('updateRetentionPolicy') && html`<button type="submit" class="primary" disabled=${busy}>${t('save')}</button>`}
    </form>`}
    <${Notice} text=${notice} />
  </${Section}>`;
}
