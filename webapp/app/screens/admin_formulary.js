// Admin: the clinic's drug formulary that doctors auto-complete from
// (listDrugs, createDrug, updateDrug, deleteDrug) and every doctor's
// prescription templates (listClinicPrescriptionTemplates,
// deletePrescriptionTemplate).
import { html, useState, useEffect } from '../html.js';
import { get, post, patch, del, query } from '../api.js';
import { t } from '../i18n.js';
import { Field, Section, FormError, Notice, useAction } from '../ui.js';

const DRUG_FIELDS = ['name', 'generic_name', 'strength', 'form'];
const blank = { name: '', generic_name: '', strength: '', form: '' };

function DrugForm({ drug, onSaved, onCancel }) {
  const [f, setF] = useState(drug || blank);
  const { busy, error, run } = useAction();
  const set = (k) => (v) => setF({ ...f, [k]: v });
  const submit = (e) => {
    e.preventDefault();
    run(async () => {
      const body = {};
      for (const k of DRUG_FIELDS) if (!drug || f[k] !== drug[k]) body[k] = f[k];
      const saved = drug ? await patch(`/api/v1/drugs/${drug.id}`, body) : await post('/api/v1/drugs', body);
      if (!drug) setF(blank);
      onSaved(saved);
    });
  };
  return html`<form class="admin-form" onSubmit=${submit} novalidate aria-label=${drug ? t('editDrug') : t('addDrug')}>
    <div class="grid">
      <${Field} label=${t('drug')} name="name" value=${f.name} onInput=${set('name')} error=${error} autocomplete="off" required />
      <${Field} label=${t('genericName')} name="generic_name" value=${f.generic_name} onInput=${set('generic_name')} error=${error} autocomplete="off" />
      <${Field} label=${t('strength')} name="strength" value=${f.strength} onInput=${set('strength')} error=${error} autocomplete="off" />
      <${Field} label=${t('form')} name="form" value=${f.form} onInput=${set('form')} error=${error} autocomplete="off" />
    </div>
    <${FormError} error=${error} fields=${DRUG_FIELDS} />
    <button type="submit" class="primary" disabled=${busy}>${drug ? t('save') : t('addDrug')}</button>
    ${onCancel && html`<button type="button" onClick=${onCancel}>${t('cancel')}</button>`}
  </form>`;
}

export function FormularyAdmin() {
  const [q, setQ] = useState('');
  const [drugs, setDrugs] = useState(null);
  const [editing, setEditing] = useState(null);
  const [note, setNote] = useState('');
  const { error, run } = useAction();
  const load = (text = q) => run(async () => setDrugs((await get(`/api/v1/drugs${query({ q: text.trim(), limit: 50 })}`)).drugs));
  useEffect(() => {
    const timer = setTimeout(() => load(q), 150);
    return () => clearTimeout(timer);
  }, [q]);
  const remove = (d) => run(async () => {
    await del(`/api/v1/drugs/${d.id}`);
    setNote(t('drugRemoved', { name: d.name }));
    load();
  });
  const label = (d) => [d.name, d.strength, d.form].filter(Boolean).join(' · ');
  return html`<${Section} title=${t('formulary')}>
    <${DrugForm} key="new" onSaved=${(d) => { setNote(t('drugAdded', { name: d.name })); setQ(d.name); }} />
    <${Notice} text=${note} />
    <${Field} label=${t('searchFormulary')} name="q" type="search" value=${q} onInput=${setQ} error=${error} autocomplete="off" />
    <${FormError} error=${error} fields=${['q']} />
    ${drugs && (drugs.length === 0 ? html`<p class="empty" role="status">${t('noDrugs')}</p>` : html`<ul class="rows" aria-label=${t('formulary')}>
      ${drugs.map((d) => html`<li class="row" key=${d.id}>
        ${editing === d.id ? html`<${DrugForm} drug=${d} onCancel=${() => setEditing(null)}
            onSaved=${() => { setEditing(null); setNote(t('saved')); load(); }} />`
          : html`<div class="row-main"><strong>${label(d)}</strong>
              ${d.generic_name && d.generic_name !== d.name && html` <span class="muted">${d.generic_name}</span>`}</div>
            <div class="row-actions">
              <button type="button" class="small" onClick=${() => setEditing(d.id)} aria-label=${`${t('edit')} ${label(d)}`}>${t('edit')}</button>
              <button type="button" class="small" onClick=${() => remove(d)} aria-label=${`${t('remove')} ${label(d)}`}>${t('remove')}</button>
            </div>`}
      </li>`)}
    </ul>`)}
  </${Section}>`;
}

export function TemplatesAdmin() {
  const [templates, setTemplates] = useState(null);
  const { error, run } = useAction();
  const load = () => run(async () => setTemplates((await get('/api/v1/clinic/prescription-templates')).templates));
  useEffect(() => { load(); }, []);
  const remove = (tpl) => run(async () => { await del(`/api/v1/prescription-templates/${tpl.id}`); load(); });
  return html`<${Section} title=${t('templates')}>
    <${FormError} error=${error} />
    ${!templates ? html`<p>${t('loading')}</p>` : templates.length === 0 ? html`<p class="empty">${t('noTemplates')}</p>`
      : html`<ul class="rows" aria-label=${t('templates')}>${templates.map((tpl) => html`<li class="row" key=${tpl.id}>
        <div class="row-main"><strong>${tpl.name}</strong> <span class="muted">${tpl.doctor_name}</span>
          <ul class="items">${tpl.items.map((i) => html`<li>${[i.drug, i.strength, i.dose, i.duration].filter(Boolean).join(' · ')}</li>`)}</ul>
        </div>
        <div class="row-actions"><button type="button" class="small" onClick=${() => remove(tpl)}
          aria-label=${`${t('remove')} ${tpl.name} (${tpl.doctor_name})`}>${t('remove')}</button></div>
      </li>`)}</ul>`}
  </${Section}>`;
}
