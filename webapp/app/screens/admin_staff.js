// Admin: staff accounts and roles (listStaff, createStaff, updateStaff:
// disable, enable, reset a password; unlockAccount), and the doctors' rooms,
// token prefixes, fees and hours (updateStaff's "doctor"). Each row's own
// form shows its own errors.
import { html, useState, useEffect } from '../html.js';
import { get, post, patch } from '../api.js';
import { t } from '../i18n.js';
import { Field, Select, Section, FormError, Notice, useAction, roleLabel } from '../ui.js';

const ROLES = ['receptionist', 'doctor', 'nurse', 'cashier', 'admin'];
const DOCTOR_FIELDS = ['name_en', 'name_bn', 'qualifications', 'registration_number', 'specialty', 'room',
  'token_prefix', 'consultation_fee', 'schedule'];

function useStaff() {
  const [staff, setStaff] = useState(null);
  const load = () => get('/api/v1/staff').then((r) => setStaff(r.staff));
  useEffect(() => { load(); }, []);
  return [staff, load];
}

function NewStaff({ onCreated }) {
  const empty = { username: '', display_name: '', role: 'receptionist', password: '', token_prefix: '', room: '' };
  const [f, setF] = useState(empty);
  const [done, setDone] = useState('');
  const { busy, error, run } = useAction();
  const set = (k) => (v) => { setDone(''); setF({ ...f, [k]: v }); };
  const submit = (e) => {
    e.preventDefault();
    const body = { username: f.username.trim(), display_name: f.display_name.trim(), role: f.role, password: f.password };
    if (f.role === 'doctor') body.doctor = { name_en: f.display_name.trim(), token_prefix: f.token_prefix.trim(), room: f.room.trim() };
    run(async () => {
      const created = await post('/api/v1/staff', body);
      setF(empty);
      setDone(t('staffCreated', { username: created.username }));
      onCreated();
    });
  };
  return html`<form class="admin-form" onSubmit=${submit} novalidate aria-labelledby="new-staff-title">
    <h3 id="new-staff-title">${t('newStaff')}</h3>
    <div class="grid">
      <${Field} label=${t('username')} name="username" value=${f.username} onInput=${set('username')} error=${error}
        autocomplete="off" autocapitalize="none" required />
      <${Field} label=${t('displayName')} name="display_name" value=${f.display_name} onInput=${set('display_name')}
        error=${error} autocomplete="off" required />
      <${Select} label=${t('role')} name="role" value=${f.role} onChange=${set('role')} error=${error}
        options=${ROLES.map((r) => [r, roleLabel(r)])} />
      <${Field} label=${t('password')} name="password" type="password" value=${f.password} onInput=${set('password')}
        error=${error} autocomplete="new-password" hint=${t('passwordRule')} required />
      ${f.role === 'doctor' && html`
        <${Field} label=${t('tokenPrefix')} name="doctor.token_prefix" value=${f.token_prefix} onInput=${set('token_prefix')}
          error=${error} autocomplete="off" maxlength="3" />
        <${Field} label=${t('room')} name="doctor.room" value=${f.room} onInput=${set('room')} error=${error} autocomplete="off" />`}
    </div>
    <${FormError} error=${error} fields=${['username', 'display_name', 'role', 'password', 'doctor']} />
    <button type="submit" class="primary" disabled=${busy}>${t('create')}</button>
    <${Notice} text=${done} />
  </form>`;
}

function StaffRow({ member, me, onChanged }) {
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState('');
  const [note, setNote] = useState('');
  const { busy, error, run } = useAction();
  const toggle = () => run(async () => {
    await patch(`/api/v1/staff/${member.id}`, { disabled: !member.disabled });
    setNote('');
    onChanged();
  });
  const unlock = () => run(async () => {
    const r = await post(`/api/v1/staff/${member.id}/unlock`);
    setNote(r.was_locked ? t('unlocked') : t('notLocked'));
  });
  const reset = (e) => {
    e.preventDefault();
    run(async () => {
      await patch(`/api/v1/staff/${member.id}`, { password });
      setPassword('');
      setResetting(false);
      setNote(t('passwordReset'));
    });
  };
  const self = member.id === me.id;
  return html`<li class="row">
    <div class="row-main">
      <strong>${member.display_name}</strong> <span class="muted">${member.username}</span>
      <span class="tag-role">${roleLabel(member.role)}</span>
      ${member.disabled && html`<span class="tag">${t('disabledState')}</span>`}
    </div>
    <div class="row-actions">
      ${!self && html`<button type="button" class="small" onClick=${toggle} disabled=${busy}
        aria-label=${`${member.disabled ? t('enable') : t('disable')} ${member.username}`}>${member.disabled ? t('enable') : t('disable')}</button>`}
      <button type="button" class="small" aria-expanded=${resetting ? 'true' : 'false'} onClick=${() => setResetting(!resetting)}
        aria-label=${`${t('resetPassword')} ${member.username}`}>${t('resetPassword')}</button>
      <button type="button" class="small" onClick=${unlock} disabled=${busy}
        aria-label=${`${t('unlock')} ${member.username}`}>${t('unlock')}</button>
    </div>
    ${resetting && html`<form class="inline" onSubmit=${reset} novalidate>
      <${Field} label=${t('newPasswordFor', { username: member.username })} name="password" type="password" value=${password}
        onInput=${setPassword} error=${error} autocomplete="new-password" />
      <button type="submit" disabled=${busy}>${t('save')}</button>
    </form>`}
    <${FormError} error=${error} fields=${resetting ? ['password'] : []} />
    <${Notice} text=${note} />
  </li>`;
}

export function StaffAdmin({ user }) {
  const [staff, reload] = useStaff();
  return html`<${Section} title=${t('staff')}>
    <${NewStaff} onCreated=${reload} />
    ${!staff ? html`<p>${t('loading')}</p>` : html`<ul class="rows" aria-label=${t('staff')}>
      ${staff.map((m) => html`<${StaffRow} key=${m.id} member=${m} me=${user} onChanged=${reload} />`)}
    </ul>`}
  </${Section}>`;
}

function DoctorForm({ doctor, onSaved }) {
  const [f, setF] = useState(() => ({ ...doctor, consultation_fee: String(doctor.consultation_fee) }));
  const [done, setDone] = useState(false);
  const { busy, error, run } = useAction();
  const set = (k) => (v) => { setDone(false); setF({ ...f, [k]: v }); };
  const submit = (e) => {
    e.preventDefault();
    const change = {};
    for (const k of DOCTOR_FIELDS) {
      const v = k === 'consultation_fee' ? (f[k] === '' ? NaN : Number(f[k])) : f[k];
      if (v !== doctor[k]) change[k] = Number.isNaN(v) ? f[k] : v;
    }
    run(async () => {
      await patch(`/api/v1/staff/${doctor.id}`, { doctor: change });
      setDone(true);
      onSaved();
    });
  };
  const field = (k, label, extra = {}) => html`<${Field} label=${label} name=${`doctor.${k}`} value=${f[k]}
    onInput=${set(k)} error=${error} autocomplete="off" ...${extra} />`;
  return html`<form class="admin-form doctor" onSubmit=${submit} novalidate aria-label=${doctor.name_en}>
    <h3>${doctor.name_en}${!doctor.active ? html` <span class="tag">${t('disabledState')}</span>` : ''}</h3>
    <div class="grid">
      ${field('name_en', t('doctorNameEn'))}
      ${field('name_bn', t('doctorNameBn'), { lang: 'bn' })}
      ${field('qualifications', t('qualifications'))}
      ${field('specialty', t('specialty'))}
      ${field('room', t('room'))}
      ${field('token_prefix', t('tokenPrefix'), { maxlength: 3 })}
      ${field('consultation_fee', t('fee'), { type: 'number', inputmode: 'numeric', min: 0 })}
      ${field('schedule', t('hours'), { hint: t('hoursHint') })}
    </div>
    <${FormError} error=${error} fields=${['doctor']} />
    <button type="submit" class="primary" disabled=${busy}>${t('save')}</button>
    ${done && html`<${Notice} text=${t('saved')} />`}
  </form>`;
}

export function DoctorsAdmin() {
  const [doctors, setDoctors] = useState(null);
  const load = () => get('/api/v1/doctors').then((r) => setDoctors(r.doctors));
  useEffect(() => { load(); }, []);
  return html`<${Section} title=${t('doctors')}>
    ${!doctors ? html`<p>${t('loading')}</p>` : doctors.length === 0 ? html`<p class="empty">${t('noDoctors')}</p>`
      : doctors.map((d) => html`<${DoctorForm} key=${d.id} doctor=${d} onSaved=${load} />`)}
  </${Section}>`;
}
