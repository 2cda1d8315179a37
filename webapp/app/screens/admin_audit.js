// Admin: the audit log (listAuditEvents), newest first, filtered by user,
// patient, action and a range of days; "Older events" pages back with
// before_id. The days are the clinic's (this device's clock): the hub gets
// their midnights as instants.
import { html, useState, useEffect } from '../html.js';
import { get, query } from '../api.js';
import { t } from '../i18n.js';
import { Field, Select, Section, FormError, useAction } from '../ui.js';

const FILTERS = ['actor_id', 'patient_id', 'action', 'from', 'until'];

// "2026-12-03" → local midnight as an RFC 3339 instant; plusDays moves it.
function midnight(date, plusDays = 0) {
  if (!date) return undefined;
  const d = new Date(`${date}T00:00:00`);
  if (Number.isNaN(d.getTime())) return date;  // the hub names the field
  d.setDate(d.getDate() + plusDays);
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function AuditLog() {
  const [staff, setStaff] = useState([]);
  const [f, setF] = useState({ actor_id: '', patient_id: '', action: '', from: '', to: '' });
  const [events, setEvents] = useState(null);
  const [next, setNext] = useState(null);
  const { busy, error, run } = useAction();
  const set = (k) => (v) => setF({ ...f, [k]: v });

  const params = () => ({ actor_id: f.actor_id, patient_id: f.patient_id.trim(), action: f.action.trim(),
    from: midnight(f.from), until: midnight(f.to, 1), limit: 50 });
  const search = (e) => {
    if (e) e.preventDefault();
    run(async () => {
      const r = await get(`/api/v1/audit-events${query(params())}`);
      setEvents(r.events);
      setNext(r.next_before_id);
    });
  };
  const older = () => run(async () => {
    const r = await get(`/api/v1/audit-events${query({ ...params(), before_id: next })}`);
    setEvents([...events, ...r.events]);
    setNext(r.next_before_id);
  });
  useEffect(() => {
    get('/api/v1/staff').then((r) => setStaff(r.staff)).catch(() => {});
    search();
  }, []);

  const when = (at) => new Date(at).toLocaleString();
  return html`<${Section} title=${t('audit')}>
    <form class="filters" onSubmit=${search} novalidate aria-label=${t('filter')}>
      <${Select} label=${t('actor')} name="actor_id" value=${f.actor_id} onChange=${set('actor_id')} error=${error}
        options=${[['', t('anyone')], ...staff.map((s) => [s.id, `${s.display_name} (${s.username})`])]} />
      <${Field} label=${t('patientId')} name="patient_id" value=${f.patient_id} onInput=${set('patient_id')} error=${error}
        inputmode="numeric" autocomplete="off" />
      <${Field} label=${t('action')} name="action" value=${f.action} onInput=${set('action')} error=${error}
        autocomplete="off" hint=${t('actionHint')} />
      <${Field} label=${t('from')} name="from" type="date" value=${f.from} onInput=${set('from')} error=${error} />
      <${Field} label=${t('to')} name="until" type="date" value=${f.to} onInput=${set('to')} error=${error} />
      <button type="submit" class="primary" disabled=${busy}>${t('filter')}</button>
    </form>
    <${FormError} error=${error} fields=${FILTERS} />
    ${events && (events.length === 0 ? html`<p class="empty" role="status">${t('noEvents')}</p>` : html`
      <div class="table-wrap"><table class="audit">
        <caption class="visually-hidden">${t('audit')}</caption>
        <thead><tr><th scope="col">${t('when')}</th><th scope="col">${t('actor')}</th><th scope="col">${t('action')}</th>
          <th scope="col">${t('object')}</th><th scope="col">${t('patientId')}</th><th scope="col">${t('outcome')}</th></tr></thead>
        <tbody>${events.map((e) => html`<tr key=${e.id} class=${e.outcome}>
          <td>${when(e.at)}</td><td>${e.actor_username}</td><td><code>${e.action}</code></td>
          <td>${e.object_type}${e.object_id ? ` ${e.object_id}` : ''}</td><td>${e.patient_id || ''}</td>
          <td>${t(`outcome_${e.outcome}`)}</td></tr>`)}</tbody>
      </table></div>
      ${next && html`<button type="button" onClick=${older} disabled=${busy}>${t('moreEvents')}</button>`}`)}
  </${Section}>`;
}
