// The front desk: find (search as you type) or register a patient, check them
// in to a doctor with a priority, hand over the slip, and watch every doctor's
// queue live. Keyboard first: "/" focuses the search, arrows move through the
// matches, Enter picks one and Enter again checks in to the doctor used last.
import { html, useState, useEffect, useRef } from '../html.js';
import { get, post, query } from '../api.js';
import { t, latinDigits } from '../i18n.js';
import { Select, Notice, Section, FormError, useAction } from '../ui.js';
import { PatientForm } from './patient_form.js';
import { QueueBoard } from './queues.js';
import { openInvoice } from './billing_link.js';
import { formatMoney } from '../money.js';
import { openPatientRights } from './patient_rights.js';

const PRIORITIES = ['normal', 'emergency', 'elderly', 'pregnant', 'disabled'];
let lastDoctor = '';  // in memory only: the doctor this desk checked in to last

// The API's minimum: 4 digits or 2 letters, counted as a reader counts them
// (grapheme clusters: "মৌ" is one letter, as the hub counts it).
const letters = typeof Intl !== 'undefined' && Intl.Segmenter ? new Intl.Segmenter() : null;
function searchable(q) {
  const digits = q.replace(/\D/g, '');
  const rest = q.replace(/[\d\s+()-]/g, '');
  return digits.length >= 4 || (letters ? [...letters.segment(rest)] : [...rest]).length >= 2;
}

export function Reception({ user }) {
  const can = (op) => user.permissions.includes(op);
  const [q, setQ] = useState('');
  const [results, setResults] = useState(null);
  const [active, setActive] = useState(0);
  const [picked, setPicked] = useState(null);
  const [registering, setRegistering] = useState(false);
  const [editing, setEditing] = useState(false);
  const [doctors, setDoctors] = useState([]);
  const [doctor, setDoctor] = useState(lastDoctor);
  const [priority, setPriority] = useState('normal');
  const [issued, setIssued] = useState(null);
  const [notice, setNotice] = useState('');
  const search = useRef(null);
  const checkInButton = useRef(null);
  const { busy, error, run } = useAction();
  const searchError = useAction();

  useEffect(() => {
    get('/api/v1/doctors').then((r) => {
      const active = r.doctors.filter((d) => d.active !== false);
      setDoctors(active);
      if (!lastDoctor && active.length) setDoctor(active[0].id);
    });
    // "/" is never part of a phone, name or record number: in the search box
    // too it means "a new search" (the text is selected to be typed over).
    const slash = (e) => {
      const inField = ['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement.tagName);
      if (e.key === '/' && search.current && (!inField || document.activeElement === search.current)) {
        e.preventDefault();
        search.current.focus();
        search.current.select();
      }
    };
    addEventListener('keydown', slash);
    if (search.current) search.current.focus();
    return () => removeEventListener('keydown', slash);
  }, []);

  // Search as you type: the latest query wins.
  useEffect(() => {
    const text = latinDigits(q.trim());
    if (!searchable(text)) { setResults(null); return undefined; }
    let stale = false;
    const timer = setTimeout(() => searchError.run(async () => {
      const r = await get(`/api/v1/patients${query({ q: text, limit: 10 })}`);
      if (!stale) { setResults(r.patients); setActive(0); }
    }), 120);
    return () => { stale = true; clearTimeout(timer); };
  }, [q]);

  const pick = (patient) => {
    setPicked(patient);
    setRegistering(false);
    setEditing(false);
    setIssued(null);
    setTimeout(() => checkInButton.current && checkInButton.current.focus(), 0);
  };

  const onSearchKey = (e) => {
    if (!results || !results.length) return;
    if (e.key === 'ArrowDown') { e.preventDefault(); setActive((active + 1) % results.length); }
    if (e.key === 'ArrowUp') { e.preventDefault(); setActive((active - 1 + results.length) % results.length); }
    if (e.key === 'Enter') { e.preventDefault(); pick(results[active]); }
  };

  const checkIn = () => run(async () => {
    const token = await post('/api/v1/tokens', { patient_id: picked.id, doctor_id: doctor, priority });
    lastDoctor = doctor;
    setIssued(token);
    setPriority('normal');
    setNotice(t('checkedIn', { label: token.label }));
  });

  const printSlip = () => run(async () => { await post(`/api/v1/tokens/${issued.id}/slip/print`); setNotice(t('slipSent')); });
  const looksLikePhone = /^[\d\s+()\u09e6-\u09ef-]+$/.test(q.trim());
  const doctorName = (id) => (doctors.find((d) => d.id === id) || {}).name_en || '';

  return html`<div class="reception">
    <${Section} title=${t('findPatient')}>
      <div class="search">
        <label for="patient-search">${t('search')}</label>
        <input id="patient-search" ref=${search} type="search" value=${q} autocomplete="off" role="combobox"
          aria-expanded=${results && results.length ? 'true' : 'false'} aria-autocomplete="list"
          aria-controls="matches" aria-describedby="search-hint"
          aria-activedescendant=${results && results.length ? `match-${active}` : undefined}
          onInput=${(e) => setQ(e.currentTarget.value)} onKeyDown=${onSearchKey} />
        <small id="search-hint" class="hint">${t('searchHint')}</small>
      </div>
      <${FormError} error=${searchError.error} />
      ${results && results.length > 0 && html`<ul id="matches" role="listbox" aria-label=${t('results')} class="matches">
        ${results.map((p, i) => html`<li id=${`match-${i}`} role="option" aria-selected=${i === active ? 'true' : 'false'}
            class=${i === active ? 'active' : ''} onClick=${() => pick(p)}>
          <strong>${p.name}</strong> <span>${p.mrn}</span> <span>${p.phone}</span>
          <span>${p.age_years !== null ? `${p.age_years} · ` : ''}${t(p.sex)}</span></li>`)}
      </ul>`}
      ${results && results.length === 0 && html`<p class="empty" role="status">${t('noMatch')}</p>`}
      ${can('createPatient') && !registering && html`<button type="button" onClick=${() => { setRegistering(true); setPicked(null); }}>${t('registerNew')}</button>`}
      ${registering && html`<${PatientForm} prefill=${looksLikePhone ? { phone: q.trim() } : { name: q.trim() }}
        onSaved=${pick} onPick=${pick} onCancel=${() => setRegistering(false)} />`}
    </${Section}>

    ${picked && html`<${Section} title=${t('picked')} id="picked">
      ${!editing && html`<p class="patient-line"><strong>${picked.name}</strong> · ${picked.mrn} · ${picked.phone}
        ${picked.age_years !== null && picked.age_years !== undefined ? ` · ${picked.age_years}` : ''}</p>`}
      ${editing && html`<${PatientForm} patient=${picked} onSaved=${(p) => { setPicked(p); setEditing(false); }} onCancel=${() => setEditing(false)} />`}
      ${can('checkIn') && !editing && html`<form class="check-in" onSubmit=${(e) => { e.preventDefault(); checkIn(); }}>
        <${Select} label=${t('checkInTo')} name="doctor_id" value=${doctor} onChange=${setDoctor} error=${error}
          options=${doctors.map((d) => [d.id, `${d.name_en}${d.room ? ` (${d.room})` : ''}`])} />
        <${Select} label=${t('priority')} name="priority" value=${priority} onChange=${setPriority} error=${error}
          options=${PRIORITIES.map((p) => [p, t(p)])} />
        <button type="submit" class="primary" ref=${checkInButton} disabled=${busy} aria-describedby="shortcut-hint">${t('checkIn')}</button>
        <small id="shortcut-hint" class="hint">${t('shortcutHint', { doctor: doctorName(doctor) })}</small>
        <${FormError} error=${error} fields=${['doctor_id', 'priority']} />
      </form>`}
      ${can('updatePatient') && !editing && html`<button type="button" onClick=${async () => { setPicked(await get(`/api/v1/patients/${picked.id}`)); setEditing(true); }}>${t('editPatient')}</button>`}
      ${can('listConsents') && !editing && html`<button type="button" onClick=${() => openPatientRights(picked)}>${t('rightsOpen')}</button>`}
      ${issued && html`<div class="issued" role="status">
        <p class="token-label">${issued.label}</p>
        <a class="button" href=${`/api/v1/tokens/${issued.id}/slip`} target="_blank" rel="noopener">${t('printSlip')}</a>
        <button type="button" onClick=${printSlip} disabled=${busy}>${t('printOnPrinter')}</button>
        ${issued.billing && issued.billing.invoice_id && can('getInvoice') && html`<button type="button" onClick=${() => openInvoice(issued.billing.invoice_id)}>
          ${t('openInvoiceBalance', { number: issued.billing.invoice_number, amount: formatMoney(issued.billing.balance_due, issued.billing.currency) })}</button>`}
      </div>`}
      <${Notice} text=${notice} />
    </${Section}>`}

    <${QueueBoard} user=${user} doctors=${doctors} />
  </div>`;
}
