// The prescription builder of the visit form: drugs from the formulary as you
// type, the dose as 1+0+1 (morning+noon+night; Bangla digits are read as
// digits), timing, duration, instructions; the doctor's templates and the
// patient's last prescription to start from.
import { html, useState, useEffect } from '../html.js';
import { get, post, query } from '../api.js';
import { t, latinDigits } from '../i18n.js';
import { Field, Select, FormError, Notice, useAction } from '../ui.js';
import { Autocomplete } from './autocomplete.js';

export const TIMINGS = ['any', 'before_meal', 'after_meal', 'with_meal', 'empty_stomach', 'bedtime'];
const UNITS = ['days', 'weeks', 'months', 'continue'];

let nextKey = 0;  // a row's identity while rows are added and removed (unique across a restored draft too)
export const newKey = () => `${Date.now().toString(36)}-${++nextKey}`;
export const emptyItem = () => ({ key: newKey(), drug: '', strength: '', form: '', dose: '', timing: 'after_meal', count: '',
  unit: 'days', instructions: '' });

// "30 days", "1 month", "continue" → the count and unit fields.
export function itemToForm(item) {
  const m = /^(\d+)\s+(day|week|month)s?$/.exec(item.duration || '');
  return {
    key: newKey(), drug: item.drug, strength: item.strength || '', form: item.form || '', dose: item.dose,
    timing: item.timing || 'any', count: m ? m[1] : '', unit: m ? `${m[2]}s` : (item.duration === 'continue' ? 'continue' : 'days'),
    instructions: item.instructions || '',
  };
}

export const isEmptyItem = (i) => !i.drug.trim() && !i.dose.trim() && !String(i.count).trim();

export function itemFromForm(i) {
  return {
    drug: i.drug.trim(), strength: i.strength.trim(), form: i.form.trim(),
    dose: latinDigits(i.dose).trim().replace(/\s*\+\s*/g, '+'), timing: i.timing,
    duration: i.unit === 'continue' ? 'continue' : `${latinDigits(i.count).trim()} ${i.unit}`,
    instructions: i.instructions.trim(),
  };
}

function searchDrugs(q) {
  return get(`/api/v1/drugs${query({ q, limit: 8 })}`).then((r) => r.drugs.map((d) => ({
    primary: d.name, secondary: [d.strength, d.form, d.generic_name !== d.name ? d.generic_name : ''].filter(Boolean).join(' · '),
    drug: d,
  })));
}

function ItemRow({ item, index, onChange, onRemove, error, prefix }) {
  const set = (k) => (v) => onChange({ ...item, [k]: v });
  const at = `prescription[${index}]`;
  const id = (k) => `${prefix}-rx${index}-${k}`;
  return html`<fieldset class="rx-item">
    <legend>${t('drugNumber', { n: index + 1 })}</legend>
    <div class="rx-grid">
      <${Autocomplete} id=${id('drug')} label=${t('drug')} name=${`${at}.drug`} value=${item.drug} error=${error}
        onInput=${set('drug')} search=${searchDrugs}
        onPick=${({ drug }) => {
          onChange({ ...item, drug: drug.name, strength: drug.strength, form: drug.form });
          setTimeout(() => { const el = document.getElementById(id('dose')); if (el) el.focus(); }, 0);
        }} />
      <${Field} id=${id('strength')} label=${t('strength')} name=${`${at}.strength`} value=${item.strength}
        onInput=${set('strength')} error=${error} autocomplete="off" />
      <${Field} id=${id('form')} label=${t('form')} name=${`${at}.form`} value=${item.form} onInput=${set('form')}
        error=${error} autocomplete="off" />
      <${Field} id=${id('dose')} label=${t('dose')} name=${`${at}.dose`} value=${item.dose} onInput=${set('dose')}
        error=${error} autocomplete="off" hint=${t('doseHint')} />
      <${Select} label=${t('timing')} name=${`${at}.timing`} value=${item.timing} onChange=${set('timing')} error=${error}
        options=${TIMINGS.map((x) => [x, t(x)])} />
      <div class="duration">
        <${Field} id=${id('count')} label=${t('duration')} name=${`${at}.duration`} value=${item.count}
          onInput=${set('count')} error=${error} inputmode="numeric" autocomplete="off" disabled=${item.unit === 'continue'} />
        <${Select} label=${t('durationUnit')} name=${`${at}.unit`} value=${item.unit} onChange=${set('unit')}
          options=${UNITS.map((u) => [u, t(`unit_${u}`)])} />
      </div>
      <${Field} id=${id('instructions')} label=${t('instructions')} name=${`${at}.instructions`} value=${item.instructions}
        onInput=${set('instructions')} error=${error} autocomplete="off" />
    </div>
    <button type="button" class="small" onClick=${onRemove}>${t('removeDrug', { n: index + 1 })}</button>
  </fieldset>`;
}

// items: the form's rows; onChange(items). patientId for "repeat last".
export function PrescriptionBuilder({ items, onChange, error, patientId, prefix = 'visit' }) {
  const [templates, setTemplates] = useState([]);
  const [chosen, setChosen] = useState('');
  const [templateName, setTemplateName] = useState('');
  const [notice, setNotice] = useState('');
  const action = useAction();

  const loadTemplates = () => get('/api/v1/prescription-templates').then((r) => {
    setTemplates(r.templates);
    if (r.templates.length && !chosen) setChosen(r.templates[0].id);
  }).catch(() => {});
  useEffect(() => { loadTemplates(); }, []);

  // New rows go after the rows that hold something (an empty last row is replaced).
  const append = (more) => onChange([...items.filter((i) => !isEmptyItem(i)), ...more.map(itemToForm)]);
  const addRow = () => {
    onChange([...items, emptyItem()]);
    setTimeout(() => { const el = document.getElementById(`${prefix}-rx${items.length}-drug`); if (el) el.focus(); }, 0);
  };
  const repeatLast = () => action.run(async () => {
    const last = await get(`/api/v1/patients/${patientId}/last-prescription`);
    if (!last.source) { setNotice(t('noLastPrescription')); return; }
    append(last.items);
    setNotice(t('repeatedFrom', { doctor: last.source.doctor_name, n: last.items.length }));
  });
  const useTemplate = () => {
    const tpl = templates.find((x) => x.id === chosen);
    if (!tpl) return;
    append(tpl.items);
    setNotice(t('templateApplied', { name: tpl.name }));
  };
  const saveTemplate = () => action.run(async () => {
    const kept = items.filter((i) => !isEmptyItem(i)).map(itemFromForm);
    try {
      const created = await post('/api/v1/prescription-templates', { name: templateName.trim(), items: kept });
      setTemplateName('');
      setNotice(t('templateSaved', { name: created.name }));
      await loadTemplates();
    } catch (e) {
      if (e.field && e.field.startsWith('items')) e.field = e.field.replace(/^items/, 'prescription');
      throw e;
    }
  });

  return html`<div class="prescription">
    <h3>${t('prescription')}</h3>
    <div class="rx-tools">
      <button type="button" onClick=${repeatLast} disabled=${action.busy}>${t('repeatLast')}</button>
      ${templates.length > 0 && html`<div class="inline-tools">
        <${Select} label=${t('templates')} name="template" value=${chosen} onChange=${setChosen}
          options=${templates.map((x) => [x.id, x.name])} />
        <button type="button" onClick=${useTemplate}>${t('applyTemplate')}</button>
      </div>`}
    </div>
    <${Notice} text=${notice} />
    ${items.map((item, i) => html`<${ItemRow} key=${item.key} item=${item} index=${i} error=${error || action.error} prefix=${prefix}
      onChange=${(next) => onChange(items.map((x, j) => (j === i ? next : x)))}
      onRemove=${() => onChange(items.filter((_, j) => j !== i))} />`)}
    <button type="button" onClick=${addRow}>${t('addDrug')}</button>
    <div class="inline-tools">
      <${Field} label=${t('templateName')} name="name" value=${templateName} onInput=${setTemplateName}
        error=${action.error} autocomplete="off" />
      <button type="button" onClick=${saveTemplate} disabled=${action.busy || !templateName.trim()}>${t('saveAsTemplate')}</button>
    </div>
    <${FormError} error=${action.error} fields=${['name', 'prescription']} />
  </div>`;
}
