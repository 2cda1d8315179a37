// Reconciliation for admins (issue 21): upload the merchant statement the
// bKash, Nagad or bank (UPI) portal exported, see what matched and the three
// lists that need a look (recorded but not in the statement, in the statement
// but not recorded, amounts that differ), and match a transfer by hand with a
// note. Nothing is half-imported: a bad file's error names its line and column.
import { html, useState, useEffect } from '../html.js';
import { get, post } from '../api.js';
import { t } from '../i18n.js';
import { Field, Select, TextArea, Notice, Section, FormError, useAction } from '../ui.js';
import { formatMoney } from '../money.js';

const PROVIDERS = ['bkash', 'nagad', 'upi'];

function LineList({ title, lines, money, empty, id }) {
  return html`<div class="result-list" id=${id}>
    <h3>${title} (${lines.length})</h3>
    ${lines.length === 0 ? html`<p class="empty">${empty}</p>` : html`<ul>
      ${lines.map((l) => html`<li>${t('statementLine', { line: l.line })} · ${l.reference} · ${money(l.amount)}${l.occurred ? ` · ${l.occurred}` : ''}</li>`)}
    </ul>`}
  </div>`;
}

function PaymentList({ title, payments, money, id }) {
  return html`<div class="result-list" id=${id}>
    <h3>${title} (${payments.length})</h3>
    ${payments.length === 0 ? html`<p class="empty">${t('nothingHere')}</p>` : html`<ul>
      ${payments.map((p) => html`<li>${t(`method_${p.method}`)} · ${p.reference} · ${money(p.amount)} · ${p.clinic_day} · ${p.received_by_name}</li>`)}
    </ul>`}
  </div>`;
}

function MatchByHand({ unmatched, money, onMatched }) {
  const [payment, setPayment] = useState('');
  const [line, setLine] = useState('');
  const [note, setNote] = useState('');
  const { busy, error, run } = useAction();
  useEffect(() => { if (unmatched.payments.length && !payment) setPayment(unmatched.payments[0].id); }, [unmatched]);
  if (!unmatched.payments.length) return html`<p class="empty">${t('nothingUnmatched')}</p>`;
  const submit = (e) => {
    e.preventDefault();
    run(async () => {
      const body = { note: note.trim() };
      if (line) body.statement_line_id = line;
      await post(`/api/v1/billing/payments/${payment}/match`, body);
      setNote('');
      setLine('');
      setPayment('');
      onMatched();
    });
  };
  return html`<form class="match-form" onSubmit=${submit}>
    <${Select} label=${t('recordedTransfer')} name="payment" value=${payment} onChange=${setPayment} error=${error}
      options=${unmatched.payments.map((p) => [p.id, `${t(`method_${p.method}`)} ${p.reference} · ${money(p.amount)} · ${p.clinic_day}`])} />
    <${Select} label=${t('statementLineOptional')} name="statement_line_id" value=${line} onChange=${setLine} error=${error}
      options=${[['', t('none')], ...unmatched.statement_lines.map((l) => [l.id, `${l.reference} · ${money(l.amount)} · ${t('statementLine', { line: l.line })}`])]} />
    <${Field} label=${t('matchNote')} name="note" value=${note} onInput=${setNote} error=${error} autocomplete="off" />
    <button type="submit" disabled=${busy}>${t('matchByHand')}</button>
    <${FormError} error=${error} fields=${['note', 'statement_line_id']} />
  </form>`;
}

export function StatementImport({ user }) {
  const can = (op) => user.permissions.includes(op);
  const [currency, setCurrency] = useState('BDT');
  const [provider, setProvider] = useState('bkash');
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState('');
  const [columns, setColumns] = useState({ reference: '', amount: '', date: '' });
  const [result, setResult] = useState(null);
  const [unmatched, setUnmatched] = useState(null);
  const [notice, setNotice] = useState('');
  const { busy, error, run } = useAction();
  const money = (m) => formatMoney(m, currency);

  const loadUnmatched = () => { if (can('listUnmatchedPayments')) get('/api/v1/billing/unmatched').then(setUnmatched).catch(() => {}); };
  useEffect(() => {
    get('/api/v1/billing/settings').then((s) => { setCurrency(s.currency); if (s.currency === 'INR') setProvider('upi'); }).catch(() => {});
    loadUnmatched();
  }, []);

  const readFile = (e) => {
    const file = e.currentTarget.files[0];
    if (!file) return;
    setFileName(file.name);
    file.text().then(setCsv);
  };
  const submit = (e) => {
    e.preventDefault();
    run(async () => {
      const body = { provider, csv };
      const mapped = Object.fromEntries(Object.entries(columns).filter(([, v]) => v.trim()).map(([k, v]) => [k, v.trim()]));
      if (Object.keys(mapped).length) body.columns = mapped;
      setResult(await post('/api/v1/billing/statements', body));
      setNotice(t('statementImported'));
      loadUnmatched();
    });
  };
  const column = (key) => html`<${Field} label=${t(`column_${key}`)} name=${`columns.${key}`} value=${columns[key]}
    onInput=${(v) => setColumns({ ...columns, [key]: v })} error=${error} autocomplete="off" />`;

  return html`<div class="statements">
    <${Section} title=${t('statementImport')} id="statement-import">
      <form class="statement-form" onSubmit=${submit}>
        <${Select} label=${t('provider')} name="provider" value=${provider} onChange=${setProvider} error=${error}
          options=${PROVIDERS.map((p) => [p, t(`method_${p}`)])} />
        <div class="field"><label for="statement-file">${t('statementFile')}</label>
          <input id="statement-file" type="file" accept=".csv,text/csv,text/plain" onChange=${readFile} />
          ${fileName && html`<small class="hint">${fileName}</small>`}</div>
        <${TextArea} label=${t('statementText')} name="csv" value=${csv} onInput=${setCsv} error=${error} rows=${6} />
        <details><summary>${t('columnMapping')}</summary>
          <p class="hint">${t('columnMappingHint')}</p>
          ${column('reference')}${column('amount')}${column('date')}
        </details>
        <button type="submit" class="primary" disabled=${busy || !csv.trim()}>${t('importStatement')}</button>
        <${FormError} error=${error} fields=${['provider', 'csv', 'columns']} />
      </form>
      <${Notice} text=${notice} />
    </${Section}>
    ${result && html`<${Section} title=${t('reconciliation', { lines: result.lines })} id="statement-result">
      <${LineList} id="matched" title=${t('matched')} lines=${result.matched} money=${money} empty=${t('nothingHere')} />
      <${LineList} id="mismatched" title=${t('mismatched')} lines=${result.mismatched} money=${money} empty=${t('nothingHere')} />
      <${LineList} id="not-recorded" title=${t('notRecorded')} lines=${result.not_recorded} money=${money} empty=${t('nothingHere')} />
      <${PaymentList} id="not-in-statement" title=${t('recordedNotInStatement')} payments=${result.recorded_not_in_statement} money=${money} />
    </${Section}>`}
    ${unmatched && can('matchPayment') && html`<${Section} title=${t('unmatchedTitle')} id="unmatched">
      <${MatchByHand} unmatched=${unmatched} money=${money} onMatched=${() => { setNotice(t('matchedByHand')); loadUnmatched(); }} />
    </${Section}>`}
  </div>`;
}
