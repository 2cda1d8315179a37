// Small pieces every screen uses: a labelled field that shows the API's error
// for that field beside it, a form-level message, buttons, a section.
import { html, useState } from './html.js';
import { t } from './i18n.js';

let nextId = 0;
export const uid = (prefix) => `${prefix}-${++nextId}`;

// The API's message for `name` (error.field is "name", "doctor.token_prefix" or "prescription[2].dose").
export function errorFor(error, name) {
  if (!error || !error.field) return '';
  const f = error.field;
  return f === name || f.startsWith(`${name}.`) || f.startsWith(`${name}[`) ? error.message : '';
}

// An error no field shows: the form's own message.
export function FormError({ error, fields = [] }) {
  if (!error) return null;
  if (fields.some((f) => errorFor(error, f))) return null;
  return html`<p class="form-error" role="alert">${t('error', { message: error.message })}</p>`;
}

export function Field({ label, name, error, value, onInput, type = 'text', id, hint, ...rest }) {
  const [fallback] = useState(() => uid(name || 'f'));
  const inputId = id || fallback;
  const message = errorFor(error, name);
  const describedBy = [hint ? `${inputId}-hint` : '', message ? `${inputId}-error` : ''].filter(Boolean).join(' ');
  return html`<div class=${`field${message ? ' has-error' : ''}`}>
    <label for=${inputId}>${label}</label>
    <input id=${inputId} name=${name} type=${type} value=${value ?? ''} aria-invalid=${message ? 'true' : undefined}
      aria-describedby=${describedBy || undefined} onInput=${(e) => onInput && onInput(e.currentTarget.value)} ...${rest} />
    ${hint && html`<small id=${`${inputId}-hint`} class="hint">${hint}</small>`}
    ${message && html`<small id=${`${inputId}-error`} class="field-error" role="alert">${message}</small>`}
  </div>`;
}

export function TextArea({ label, name, error, value, onInput, rows = 3, ...rest }) {
  const [inputId] = useState(() => uid(name || 't'));
  const message = errorFor(error, name);
  return html`<div class=${`field${message ? ' has-error' : ''}`}>
    <label for=${inputId}>${label}</label>
    <textarea id=${inputId} name=${name} rows=${rows} aria-invalid=${message ? 'true' : undefined}
      aria-describedby=${message ? `${inputId}-error` : undefined}
      value=${value ?? ''} onInput=${(e) => onInput(e.currentTarget.value)} ...${rest}></textarea>
    ${message && html`<small id=${`${inputId}-error`} class="field-error" role="alert">${message}</small>`}
  </div>`;
}

// options: [[value, label], ...]
export function Select({ label, name, error, value, onChange, options, ...rest }) {
  const [inputId] = useState(() => uid(name || 's'));
  const message = errorFor(error, name);
  return html`<div class=${`field${message ? ' has-error' : ''}`}>
    <label for=${inputId}>${label}</label>
    <select id=${inputId} name=${name} value=${value} aria-invalid=${message ? 'true' : undefined}
      aria-describedby=${message ? `${inputId}-error` : undefined}
      onChange=${(e) => onChange(e.currentTarget.value)} ...${rest}>
      ${options.map(([v, l]) => html`<option value=${v} selected=${v === value}>${l}</option>`)}
    </select>
    ${message && html`<small id=${`${inputId}-error`} class="field-error" role="alert">${message}</small>`}
  </div>`;
}

export function Check({ label, name, checked, onChange }) {
  const [inputId] = useState(() => uid(name || 'c'));
  return html`<div class="check">
    <input id=${inputId} type="checkbox" name=${name} checked=${checked} onChange=${(e) => onChange(e.currentTarget.checked)} />
    <label for=${inputId}>${label}</label>
  </div>`;
}

export function Section({ title, children, actions, id }) {
  const [headingId] = useState(() => uid('h'));
  return html`<section class="panel" aria-labelledby=${headingId} id=${id}>
    <header class="panel-head"><h2 id=${headingId}>${title}</h2>${actions}</header>
    ${children}
  </section>`;
}

export function Notice({ text, kind = 'info' }) {
  if (!text) return null;
  return html`<p class=${`notice ${kind}`} role="status">${text}</p>`;
}

// Runs an API call for a form: tracks busy and the error to show.
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const run = async (fn) => {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}

export const roleLabel = (role) => t(`${role}_role`);
