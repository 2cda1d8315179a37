// Admin: billing (issue 21). The clinic's billing settings (getBillingSettings,
// updateBillingSettings: currency, fiscal year, the UPI address, the bKash and
// Nagad merchant QR images, the front desk's discount cap and whether it takes
// payments) and the fee schedule (listFeeItems, createFeeItem, updateFeeItem:
// each doctor's consultation fee with the follow-up fee and window, and the
// services with their prices). Money is typed and shown through money.js, in
// integer minor units; only what changed is sent, and the hub's error for a
// field shows beside that field.
import { html, useState, useEffect } from '../html.js';
import { get, post, patch } from '../api.js';
import { t, language, latinDigits } from '../i18n.js';
import { Field, Select, Check, Section, FormError, Notice, useAction, errorFor, uid } from '../ui.js';
import { formatMoney, parseMoney, moneyInput } from '../money.js';

const SETTINGS_FIELDS = ['currency', 'fiscal_year_start_month', 'upi_vpa', 'bkash_qr_image', 'nagad_qr_image',
  'reception_discount_cap_percent', 'reception_takes_payments'];
// The API takes a merchant QR image of up to this many base64 characters.
const MAX_IMAGE_CHARS = 400000;

// "12", "১২" → 12; null when it is not a whole number.
function wholeNumber(text) {
  const s = latinDigits(String(text)).trim();
  return /^\d{1,4}$/.test(s) ? Number(s) : null;
}

// A base64 image as a data URL: PNG and JPEG are told apart by their first bytes.
const imageSrc = (base64) => `data:image/${base64.startsWith('/9j/') ? 'jpeg' : 'png'};base64,${base64}`;

// The merchant QR image: picked from the device, read as base64, shown; or removed.
function QrImageField({ label, name, value, onChange, error, setError, alt }) {
  const [inputId] = useState(() => uid(name));
  const message = errorFor(error, name);
  const pick = (e) => {
    const input = e.currentTarget;
    const file = input.files && input.files[0];
    if (!file) return;
    if (!/^image\/(png|jpeg)$/.test(file.type)) {
      setError({ field: name, message: t('qrImageType') });
      input.value = '';
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      const base64 = String(reader.result).replace(/^data:[^,]*,/, '');
      if (base64.length > MAX_IMAGE_CHARS) {
        setError({ field: name, message: t('qrImageTooBig') });
        input.value = '';
        return;
      }
      setError(null);
      onChange(base64);
    };
    reader.readAsDataURL(file);
  };
  return html`<div class=${`field qr-image${message ? ' has-error' : ''}`}>
    <label for=${inputId}>${label}</label>
    <input id=${inputId} name=${name} type="file" accept="image/png,image/jpeg" onChange=${pick}
      aria-invalid=${message ? 'true' : undefined} aria-describedby=${message ? `${inputId}-error` : undefined} />
    ${message && html`<small id=${`${inputId}-error`} class="field-error" role="alert">${message}</small>`}
    ${value ? html`<div class="qr-preview"><img class="qr" src=${imageSrc(value)} alt=${alt} />
        <button type="button" class="small" onClick=${() => onChange('')}>${t('removeQrImage', { label })}</button></div>`
      : html`<small class="hint">${t('noQrImage')}</small>`}
  </div>`;
}

export function BillingSettingsAdmin() {
  const [saved, setSaved] = useState(null);
  const [f, setF] = useState(null);
  const [note, setNote] = useState('');
  const { busy, error, setError, run } = useAction();
  const adopt = (s) => { setSaved(s); setF({ ...s, reception_discount_cap_percent: String(s.reception_discount_cap_percent) }); };
  useEffect(() => { run(async () => adopt(await get('/api/v1/billing/settings'))); }, []);
  if (!f) return html`<${Section} title=${t('billingSettings')}><${FormError} error=${error} /><p>${t('loading')}</p></${Section}>`;
  const set = (k) => (v) => { setNote(''); setF({ ...f, [k]: v }); };
  const submit = (e) => {
    e.preventDefault();
    const cap = wholeNumber(f.reception_discount_cap_percent);
    if (cap === null) { setError({ field: 'reception_discount_cap_percent', message: t('wholePercent') }); return; }
    const now = { ...f, reception_discount_cap_percent: cap, upi_vpa: f.upi_vpa.trim() };
    const body = {};
    for (const k of SETTINGS_FIELDS) if (now[k] !== saved[k]) body[k] = now[k];
    if (!Object.keys(body).length) { setNote(t('nothingChanged')); return; }
    run(async () => {
      adopt(await patch('/api/v1/billing/settings', body));
      setNote(t('billingSettingsSaved'));
    });
  };
  const months = Array.from({ length: 12 }, (_, i) => [String(i + 1), t(`month_${i + 1}`)]);
  return html`<${Section} title=${t('billingSettings')}>
    <form class="admin-form billing-settings" onSubmit=${submit} novalidate aria-label=${t('billingSettings')}>
      <div class="grid">
        <${Select} label=${t('currency')} name="currency" value=${f.currency} error=${error} onChange=${set('currency')}
          options=${[['BDT', t('currency_BDT')], ['INR', t('currency_INR')]]} />
        <${Select} label=${t('fiscalYearStart')} name="fiscal_year_start_month" value=${String(f.fiscal_year_start_month)}
          error=${error} onChange=${(v) => set('fiscal_year_start_month')(Number(v))} options=${months} />
        <${Field} label=${t('receptionDiscountCap')} name="reception_discount_cap_percent" value=${f.reception_discount_cap_percent}
          onInput=${set('reception_discount_cap_percent')} error=${error} inputmode="numeric" autocomplete="off"
          hint=${t('receptionDiscountCapHint')} />
        <${Field} label=${t('upiVpa')} name="upi_vpa" value=${f.upi_vpa} onInput=${set('upi_vpa')} error=${error}
          autocomplete="off" hint=${t('upiVpaHint')} />
      </div>
      <p class="hint">${t('currencyHint')}</p>
      <${Check} label=${t('receptionTakesPayments')} name="reception_takes_payments" checked=${f.reception_takes_payments}
        onChange=${set('reception_takes_payments')} />
      <div class="grid qr-images">
        <${QrImageField} label=${t('bkashQrImage')} name="bkash_qr_image" value=${f.bkash_qr_image} onChange=${set('bkash_qr_image')}
          error=${error} setError=${setError} alt=${t('merchantQrAlt', { method: t('method_bkash') })} />
        <${QrImageField} label=${t('nagadQrImage')} name="nagad_qr_image" value=${f.nagad_qr_image} onChange=${set('nagad_qr_image')}
          error=${error} setError=${setError} alt=${t('merchantQrAlt', { method: t('method_nagad') })} />
      </div>
      <${FormError} error=${error} fields=${SETTINGS_FIELDS} />
      <button type="submit" class="primary" disabled=${busy}>${t('save')}</button>
      <${Notice} text=${note} />
    </form>
  </${Section}>`;
}

// The follow-up fee box: empty means none.
const optionalMoney = (text) => (String(text).trim() === '' ? undefined : parseMoney(text));

// One doctor's consultation fee, follow-up fee and window: one form per doctor.
function DoctorFeeForm({ doctor, fee, currency, onSaved }) {
  const [price, setPrice] = useState(fee ? moneyInput(fee.price) : '');
  const [followUp, setFollowUp] = useState(fee && fee.follow_up_price !== undefined ? moneyInput(fee.follow_up_price) : '');
  const [days, setDays] = useState(String(fee ? fee.follow_up_days : 0));
  const [note, setNote] = useState('');
  const { busy, error, setError, run } = useAction();
  const name = (language() === 'bn' && doctor.name_bn) || doctor.name_en;
  const submit = (e) => {
    e.preventDefault();
    setNote('');
    const body = { price: parseMoney(price), follow_up_days: wholeNumber(days) };
    const fu = optionalMoney(followUp);
    if (body.price === null) { setError({ field: 'price', message: t('notAnAmount') }); return; }
    if (fu === null) { setError({ field: 'follow_up_price', message: t('notAnAmount') }); return; }
    if (body.follow_up_days === null) { setError({ field: 'follow_up_days', message: t('wholeDays') }); return; }
    if (fu !== undefined) body.follow_up_price = fu;
    run(async () => {
      const saved = fee ? await patch(`/api/v1/billing/fees/${fee.id}`, body)
        : await post('/api/v1/billing/fees', { ...body, kind: 'consultation', doctor_id: doctor.id,
          name_en: 'Consultation', name_bn: 'পরামর্শ ফি' });
      setNote(t('feeSaved', { name, amount: formatMoney(saved.price, currency) }));
      onSaved(saved);
    });
  };
  return html`<li class="row doctor-fee">
    <form class="fee-form" onSubmit=${submit} novalidate aria-label=${t('feeOf', { name })}>
      <h3>${name}</h3>
      <${Field} label=${t('consultationFee', { currency })} name="price" value=${price} onInput=${setPrice} error=${error}
        inputmode="decimal" autocomplete="off" />
      <${Field} label=${t('followUpFee', { currency })} name="follow_up_price" value=${followUp} onInput=${setFollowUp}
        error=${error} inputmode="decimal" autocomplete="off" />
      <${Field} label=${t('followUpDays')} name="follow_up_days" value=${days} onInput=${setDays} error=${error}
        inputmode="numeric" autocomplete="off" hint=${t('followUpDaysHint')} />
      <button type="submit" disabled=${busy}>${fee ? t('save') : t('setFee')}</button>
      <${FormError} error=${error} fields=${['price', 'follow_up_price', 'follow_up_days', 'doctor_id']} />
      <${Notice} text=${note} />
    </form>
  </li>`;
}

const SERVICE_FIELDS = ['name_en', 'name_bn', 'price', 'active'];

// A service: new (no `service`) or one being changed.
function ServiceForm({ service, currency, onSaved, onCancel }) {
  const [f, setF] = useState(() => (service ? { ...service, price: moneyInput(service.price) }
    : { name_en: '', name_bn: '', price: '', active: true }));
  const { busy, error, setError, run } = useAction();
  const set = (k) => (v) => setF({ ...f, [k]: v });
  const submit = (e) => {
    e.preventDefault();
    const price = parseMoney(f.price);
    if (price === null) { setError({ field: 'price', message: t('notAnAmount') }); return; }
    const now = { ...f, name_en: f.name_en.trim(), name_bn: f.name_bn.trim(), price };
    const body = {};
    for (const k of SERVICE_FIELDS) if (!service || now[k] !== service[k]) body[k] = now[k];
    if (!service) body.kind = 'service';
    run(async () => {
      const saved = service ? await patch(`/api/v1/billing/fees/${service.id}`, body) : await post('/api/v1/billing/fees', body);
      if (!service) setF({ name_en: '', name_bn: '', price: '', active: true });
      onSaved(saved);
    });
  };
  return html`<form class="admin-form service-form" onSubmit=${submit} novalidate
      aria-label=${service ? t('editServiceOf', { name: service.name_en }) : t('addServiceItem')}>
    <div class="grid">
      <${Field} label=${t('serviceNameEn')} name="name_en" value=${f.name_en} onInput=${set('name_en')} error=${error} autocomplete="off" />
      <${Field} label=${t('serviceNameBn')} name="name_bn" value=${f.name_bn} onInput=${set('name_bn')} error=${error} autocomplete="off" lang="bn" />
      <${Field} label=${t('price', { currency })} name="price" value=${f.price} onInput=${set('price')} error=${error}
        inputmode="decimal" autocomplete="off" />
    </div>
    ${service && html`<${Check} label=${t('offered')} name="active" checked=${f.active} onChange=${set('active')} />`}
    <${FormError} error=${error} fields=${SERVICE_FIELDS} />
    <button type="submit" class="primary" disabled=${busy}>${service ? t('save') : t('addServiceItem')}</button>
    ${onCancel && html`<button type="button" onClick=${onCancel}>${t('cancel')}</button>`}
  </form>`;
}

export function FeeScheduleAdmin() {
  const [fees, setFees] = useState(null);
  const [doctors, setDoctors] = useState([]);
  const [currency, setCurrency] = useState('BDT');
  const [editing, setEditing] = useState(null);
  const [note, setNote] = useState('');
  const { error, run } = useAction();
  const loadFees = () => run(async () => setFees(await get('/api/v1/billing/fees')));
  useEffect(() => {
    run(async () => {
      const [all, doctorList, settings] = await Promise.all([get('/api/v1/billing/fees'), get('/api/v1/doctors'),
        get('/api/v1/billing/settings')]);
      setDoctors(doctorList.doctors);
      setCurrency(settings.currency);
      setFees(all);
    });
  }, []);
  if (!fees) return html`<${Section} title=${t('feeSchedule')}><${FormError} error=${error} /><p>${t('loading')}</p></${Section}>`;
  const consultation = (doctorId) => fees.find((x) => x.kind === 'consultation' && x.doctor_id === doctorId);
  const services = fees.filter((x) => x.kind === 'service');
  const serviceName = (s) => (language() === 'bn' && s.name_bn) || s.name_en;
  return html`<div class="fee-schedule">
    <${Section} title=${t('consultationFees')} id="doctor-fees">
      <${FormError} error=${error} />
      <p class="hint">${t('consultationFeesHint')}</p>
      ${doctors.length === 0 ? html`<p class="empty">${t('noDoctors')}</p>` : html`<ul class="rows">
        ${doctors.map((d) => html`<${DoctorFeeForm} key=${d.id} doctor=${d} fee=${consultation(d.id)} currency=${currency}
          onSaved=${loadFees} />`)}
      </ul>`}
    </${Section}>
    <${Section} title=${t('services')} id="service-fees">
      <${ServiceForm} key="new" currency=${currency}
        onSaved=${(s) => { setNote(t('serviceAdded', { name: s.name_en, amount: formatMoney(s.price, currency) })); loadFees(); }} />
      <${Notice} text=${note} />
      ${services.length === 0 ? html`<p class="empty">${t('noServices')}</p>` : html`<ul class="rows" aria-label=${t('services')}>
        ${services.map((s) => html`<li class=${`row${s.active ? '' : ' retired'}`} key=${s.id} data-fee=${s.id}>
          ${editing === s.id ? html`<${ServiceForm} service=${s} currency=${currency} onCancel=${() => setEditing(null)}
              onSaved=${(saved) => { setEditing(null); setNote(t('serviceSaved', { name: saved.name_en })); loadFees(); }} />`
            : html`<div class="row-main"><strong>${serviceName(s)}</strong>
                <span class="price">${formatMoney(s.price, currency)}</span>
                ${!s.active && html` <span class="tag-role">${t('notOffered')}</span>`}</div>
              <div class="row-actions"><button type="button" class="small" onClick=${() => setEditing(s.id)}
                aria-label=${`${t('edit')} ${s.name_en}`}>${t('edit')}</button></div>`}
        </li>`)}
      </ul>`}
    </${Section}>
  </div>`;
}
