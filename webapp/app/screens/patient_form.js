// Registering a patient and editing one: the same labelled fields, the API's
// errors beside them, and the duplicate warning's candidates to pick from.
import { html, useState } from '../html.js';
import { post, patch } from '../api.js';
import { t, latinDigits } from '../i18n.js';
import { Field, Select, Check, FormError, useAction } from '../ui.js';

const FIELDS = ['name', 'phone', 'sex', 'age_years', 'date_of_birth', 'address', 'guardian', 'blood_group',
  'preferred_language'];
const BLOOD = ['', 'A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-'];

export function PatientForm({ patient, prefill = {}, onSaved, onPick, onCancel }) {
  const [p, setP] = useState(() => patient ? {
    name: patient.name, phone: patient.phone, sex: patient.sex, age_years: patient.age_years ?? '',
    address: patient.address, guardian: patient.guardian, blood_group: patient.blood_group,
    preferred_language: patient.preferred_language, consent_sms: patient.consent_sms,
  } : { name: '', phone: '', sex: 'female', age_years: '', address: '', guardian: '', blood_group: '',
    preferred_language: 'bn', consent_sms: false, ...prefill });
  const [candidates, setCandidates] = useState(null);
  const { busy, error, setError, run } = useAction();
  const set = (k) => (v) => setP({ ...p, [k]: v });

  const body = (differentPerson) => {
    const b = { ...p };
    // A Bangla keyboard types ২৮: read as 28 (a number input would refuse those digits).
    if (b.age_years === '' || b.age_years === null) delete b.age_years; else b.age_years = Number(latinDigits(b.age_years));
    if (patient) {  // only what changed
      for (const k of Object.keys(b)) if (b[k] === patient[k]) delete b[k];
    }
    if (differentPerson) b.different_person = true;
    return b;
  };
  const save = (differentPerson = false) => run(async () => {
    try {
      const saved = patient ? await patch(`/api/v1/patients/${patient.id}`, body(differentPerson))
        : await post('/api/v1/patients', body(differentPerson));
      setCandidates(null);
      onSaved(saved);
    } catch (e) {
      if (e.status === 409 && e.body && e.body.candidates) {
        setCandidates(e.body.candidates);
        return;
      }
      throw e;
    }
  });
  const submit = (e) => { e.preventDefault(); save(false); };

  return html`<form class="patient-form" onSubmit=${submit} novalidate>
    <div class="grid">
      <${Field} label=${t('name')} name="name" value=${p.name} onInput=${set('name')} error=${error} required autocomplete="off" />
      <${Field} label=${t('phone')} name="phone" type="tel" inputmode="tel" value=${p.phone} onInput=${set('phone')} error=${error} required autocomplete="off" />
      <${Select} label=${t('sex')} name="sex" value=${p.sex} onChange=${set('sex')} error=${error}
        options=${[['female', t('female')], ['male', t('male')], ['other', t('other')]]} />
      <${Field} label=${t('age')} name="age_years" inputmode="numeric" pattern="[0-9০-৯]*" value=${p.age_years} onInput=${set('age_years')} error=${error} />
      <${Field} label=${t('address')} name="address" value=${p.address} onInput=${set('address')} error=${error} autocomplete="off" />
      <${Field} label=${t('guardian')} name="guardian" value=${p.guardian} onInput=${set('guardian')} error=${error} autocomplete="off" />
      <${Select} label=${t('bloodGroup')} name="blood_group" value=${p.blood_group} onChange=${set('blood_group')} error=${error}
        options=${BLOOD.map((b) => [b, b || t('unknown')])} />
      <${Select} label=${t('preferredLanguage')} name="preferred_language" value=${p.preferred_language} onChange=${set('preferred_language')} error=${error}
        options=${[['bn', 'বাংলা'], ['en', 'English']]} />
    </div>
    <${Check} label=${t('consentSms')} name="consent_sms" checked=${p.consent_sms} onChange=${set('consent_sms')} />
    <${FormError} error=${candidates ? null : error} fields=${FIELDS} />
    ${candidates && html`<div class="duplicates" role="alert">
      <p>${t('possibleDuplicate')}</p>
      <ul>${candidates.map((c) => html`<li>
        <span>${c.name} · ${c.mrn} · ${c.phone}${c.age_years !== null ? ` · ${c.age_years}` : ''}</span>
        <button type="button" onClick=${() => onPick(c)}>${t('pickThis')}</button></li>`)}</ul>
      <button type="button" onClick=${() => { setError(null); save(true); }}>${t('differentPerson')}</button>
    </div>`}
    <div class="actions">
      <button type="submit" class="primary" disabled=${busy}>${patient ? t('save') : t('register')}</button>
      ${onCancel && html`<button type="button" onClick=${onCancel}>${t('cancel')}</button>`}
    </div>
  </form>`;
}
