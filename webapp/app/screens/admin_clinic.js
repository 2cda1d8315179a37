// Admin: the clinic's profile and the letterhead printed on prescriptions
// (getClinic, updateClinic). Only what changed is sent; the API's error for a
// field shows beside it.
import { html, useState, useEffect } from '../html.js';
import { get, patch } from '../api.js';
import { t } from '../i18n.js';
import { Field, Select, Section, FormError, Notice, useAction } from '../ui.js';

const FIELDS = ['name', 'name_bn', 'address', 'phone', 'email', 'registration_number', 'letterhead_tagline',
  'letterhead_footer', 'timezone', 'country', 'token_numbering'];

export function ClinicProfile() {
  const [clinic, setClinic] = useState(null);
  const [form, setForm] = useState({});
  const [done, setDone] = useState(false);
  const { busy, error, run } = useAction();
  const load = useAction();

  useEffect(() => { load.run(async () => { const c = await get('/api/v1/clinic'); setClinic(c); setForm(c); }); }, []);
  if (!clinic) return html`<${Section} title=${t('clinic')}><${FormError} error=${load.error} /><p>${t('loading')}</p></${Section}>`;

  const set = (k) => (v) => { setDone(false); setForm({ ...form, [k]: v }); };
  const save = (e) => {
    e.preventDefault();
    const changed = {};
    for (const k of FIELDS) if (form[k] !== clinic[k]) changed[k] = form[k];
    run(async () => {
      const saved = await patch('/api/v1/clinic', changed);
      setClinic(saved);
      setForm(saved);
      setDone(true);
    });
  };
  const field = (name, label, extra = {}) => html`<${Field} label=${label} name=${name} value=${form[name]}
    onInput=${set(name)} error=${error} autocomplete="off" ...${extra} />`;

  return html`<${Section} title=${t('clinic')}>
    <form class="admin-form" onSubmit=${save} novalidate>
      <div class="grid">
        ${field('name', t('clinicName'), { required: true })}
        ${field('name_bn', t('clinicNameBn'), { lang: 'bn' })}
        ${field('address', t('address'))}
        ${field('phone', t('phone'), { type: 'tel' })}
        ${field('email', t('email'), { type: 'email' })}
        ${field('registration_number', t('registrationNo'))}
        ${field('letterhead_tagline', t('tagline'))}
        ${field('letterhead_footer', t('footer'))}
        ${field('timezone', t('timezone'))}
        <${Select} label=${t('country')} name="country" value=${form.country} onChange=${set('country')} error=${error}
          options=${[['BD', t('bangladesh')], ['IN', t('india')]]} />
        <${Select} label=${t('tokenNumbering')} name="token_numbering" value=${form.token_numbering}
          onChange=${set('token_numbering')} error=${error}
          options=${[['per_doctor', t('perDoctor')], ['shared', t('sharedNumbers')]]} />
      </div>
      <${FormError} error=${error} fields=${FIELDS} />
      <button type="submit" class="primary" disabled=${busy}>${t('save')}</button>
      ${done && html`<${Notice} text=${t('clinicSaved')} />`}
    </form>
  </${Section}>`;
}
