// Vitals as the nurse and the doctor type them: one labelled field per
// reading, Bangla digits accepted, and the API's error ("vitals.pulse", or
// "pulse" for a body that is the vitals themselves) beside the field it names.
import { html } from '../html.js';
import { t, latinDigits } from '../i18n.js';
import { Field } from '../ui.js';

// [API name, label key, whole number?]
export const VITALS = [
  ['bp_systolic', 'bpSystolic', true], ['bp_diastolic', 'bpDiastolic', true], ['pulse', 'pulse', true],
  ['temperature_f', 'temperature', false], ['weight_kg', 'weight', false], ['height_cm', 'height', false],
  ['spo2', 'spo2', true], ['blood_glucose_mmol_l', 'glucose', false],
];

export const emptyVitals = () => Object.fromEntries(VITALS.map(([k]) => [k, '']));

// The API's vitals object as the text the fields show.
export function vitalsToForm(v) {
  const out = emptyVitals();
  for (const [k] of VITALS) if (v && v[k] !== undefined && v[k] !== null) out[k] = String(v[k]);
  return out;
}

// The fields as the API wants them: numbers, empty ones left out; null when
// nothing was typed. Throws { field: 'vitals.<name>', message } for a field
// that is not a number, so the form shows it where the API's own would be.
export function vitalsFromForm(form) {
  const out = {};
  for (const [k, , whole] of VITALS) {
    const text = latinDigits(form[k] ?? '').trim().replace(',', '.');
    if (!text) continue;
    if (!(whole ? /^\d+$/ : /^\d+(\.\d+)?$/).test(text)) {
      throw { field: `vitals.${k}`, message: t(whole ? 'wholeNumber' : 'aNumber') };
    }
    out[k] = Number(text);
  }
  return Object.keys(out).length ? out : null;
}

// "BP 120/80 · Pulse 84 · …" in the user's language.
export function vitalsLine(v) {
  if (!v) return '';
  const parts = [];
  if (v.bp_systolic !== undefined) parts.push(`${t('bp')} ${v.bp_systolic}/${v.bp_diastolic ?? '—'}`);
  for (const [k, label] of VITALS.slice(2)) if (v[k] !== undefined && v[k] !== null) parts.push(`${t(label)}: ${v[k]}`);
  return parts.join(' · ');
}

// An error naming "pulse" (recordVitals' body is the vitals) reads as "vitals.pulse".
function asVitalsError(error) {
  if (error && error.field && VITALS.some(([k]) => k === error.field)) return { ...error, field: `vitals.${error.field}` };
  return error;
}

export function VitalsFields({ value, onChange, error, idPrefix }) {
  const e = asVitalsError(error);
  return html`<div class="vitals-grid">
    ${VITALS.map(([k, label, whole]) => html`<${Field} key=${k} id=${`${idPrefix}-${k}`} label=${t(label)}
      name=${`vitals.${k}`} value=${value[k]} error=${e} inputmode=${whole ? 'numeric' : 'decimal'} autocomplete="off"
      onInput=${(v) => onChange({ ...value, [k]: v })} />`)}
  </div>`;
}

export const vitalsFieldNames = VITALS.map(([k]) => `vitals.${k}`);
