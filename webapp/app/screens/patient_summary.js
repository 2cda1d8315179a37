// What the doctor sees before writing: age, sex, allergies, chronic tags and
// the latest vitals (getPatient, getPatientHistory), and one timeline of the
// earlier visits with the changes to allergies and conditions
// (getPatientClinicalHistory), newest first.
import { html, useState, useEffect } from '../html.js';
import { get } from '../api.js';
import { t, language } from '../i18n.js';
import { Section, FormError } from '../ui.js';
import { vitalsLine } from './vitals_fields.js';

const when = (iso) => new Date(iso).toLocaleString(language() === 'bn' ? 'bn-BD' : 'en-GB',
  { dateStyle: 'medium', timeStyle: 'short' });

function timeline(history, changes, currentVisitId) {
  const items = history.visits.filter((v) => v.id !== currentVisitId).map((v) => ({
    at: v.finalized_at || v.created_at, kind: 'visit', visit: v,
  }));
  for (const c of changes) items.push({ at: c.changed_at, kind: 'change', change: c });
  return items.sort((a, b) => (a.at < b.at ? 1 : -1));
}

function VisitEntry({ visit }) {
  const dx = visit.diagnoses.map((d) => (d.icd10 ? `${d.text} (${d.icd10})` : d.text)).join('; ');
  const rx = visit.prescription.map((p) => `${p.drug} ${p.strength} ${p.dose}`.trim()).join(', ');
  return html`<div>
    <strong>${visit.doctor_name}</strong>${visit.status === 'draft' ? html` <span class="tag">${t('draftStatus')}</span>` : ''}
    ${visit.amendments.length > 0 ? html` <span class="tag">${t('amendedTimes', { n: visit.amendments.length })}</span>` : ''}
    ${visit.complaints && html`<div>${t('complaints')}: ${visit.complaints}</div>`}
    ${dx && html`<div>${t('diagnoses')}: ${dx}</div>`}
    ${rx && html`<div>${t('prescription')}: ${rx}</div>`}
    ${visit.vitals && vitalsLine(visit.vitals) && html`<div>${t('vitals')}: ${vitalsLine(visit.vitals)}</div>`}
  </div>`;
}

function ChangeEntry({ change }) {
  const label = change.field === 'allergies' ? t('allergies') : t('chronic');
  const show = (text) => (text ? text.split('\n').join(', ') : t('none'));
  return html`<div>
    <strong>${t('changedBy', { what: label, name: change.changed_by.username })}</strong>
    <div>${show(change.old)} → ${show(change.new)}</div>
  </div>`;
}

export function PatientSummary({ patientId, currentVisitId }) {
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    let alive = true;
    setData(null);
    Promise.all([
      get(`/api/v1/patients/${patientId}`),
      get(`/api/v1/patients/${patientId}/history`),
      get(`/api/v1/patients/${patientId}/clinical-history`),
    ]).then(([patient, history, clinical]) => alive && setData({ patient, history, clinical }))
      .catch((e) => alive && setError(e));
    return () => { alive = false; };
  }, [patientId, currentVisitId]);

  if (!data) {
    return html`<${Section} title=${t('summary')}>${error ? html`<${FormError} error=${error} />` : html`<p>${t('loading')}</p>`}</${Section}>`;
  }
  const { patient, history, clinical } = data;
  const bn = language() === 'bn';
  const conditions = history.chronic_conditions.map((c) => (bn ? c.label_bn || c.label_en : c.label_en));
  const latest = history.latest_vitals;
  const entries = timeline(history, clinical.changes, currentVisitId);
  return html`<${Section} title=${t('summary')} id="summary">
    <p class="patient-line"><strong>${patient.name}</strong>${` · ${patient.mrn} · `}${patient.age_years !== null
      && patient.age_years !== undefined ? t('sexAge', { sex: t(patient.sex), age: patient.age_years }) : t(patient.sex)}${
      patient.blood_group ? ` · ${patient.blood_group}` : ''}</p>
    <dl class="summary">
      <div><dt>${t('allergies')}</dt><dd class=${patient.allergies ? 'alert' : ''}>${patient.allergies || t('none')}</dd></div>
      <div><dt>${t('chronic')}</dt><dd>${conditions.length ? conditions.map((c) => html`<span class="chip">${c}</span> `) : t('none')}</dd></div>
      <div><dt>${t('latestVitals')}</dt><dd>${latest ? html`${vitalsLine(latest)} <small>(${when(latest.recorded_at)})</small>` : t('none')}</dd></div>
    </dl>
    <h3>${t('history')}</h3>
    ${entries.length === 0 ? html`<p class="empty">${t('noHistory')}</p>` : html`<ol class="timeline">
      ${entries.map((e) => html`<li><time datetime=${e.at}>${when(e.at)}</time>
        ${e.kind === 'visit' ? html`<${VisitEntry} visit=${e.visit} />` : html`<${ChangeEntry} change=${e.change} />`}</li>`)}
    </ol>`}
  </${Section}>`;
}
