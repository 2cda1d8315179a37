// Admin: the waiting-room displays (listDisplays, createDisplay, updateDisplay
// to rename, rotateDisplayKey to re-key). Each shows its TV address, a link
// that opens it and, on demand, a QR code of it drawn by the hub
// (getDisplayQr, SVG) for a smart TV's browser or a phone.
import { html, useState, useEffect } from '../html.js';
import { get, post, patch } from '../api.js';
import { t } from '../i18n.js';
import { Field, Section, FormError, Notice, useAction } from '../ui.js';

function DisplayRow({ display, onChanged }) {
  const [name, setName] = useState(display.name);
  const [showQr, setShowQr] = useState(false);
  const [note, setNote] = useState('');
  const { busy, error, run } = useAction();
  const url = `${location.origin}${display.url}`;
  const rename = (e) => {
    e.preventDefault();
    run(async () => { await patch(`/api/v1/displays/${display.id}`, { name }); setNote(t('saved')); onChanged(); });
  };
  const rekey = () => {
    if (!confirm(t('rekeyConfirm'))) return;
    run(async () => { await post(`/api/v1/displays/${display.id}/key`); setNote(t('rekeyed')); onChanged(); });
  };
  return html`<li class="row display-row">
    <h3 class="row-main">${display.name}</h3>
    <form class="inline" onSubmit=${rename} novalidate>
      <${Field} label=${t('displayNameLabel')} name="name" value=${name} onInput=${setName} error=${error} autocomplete="off" />
      <button type="submit" disabled=${busy || name === display.name}>${t('rename')}</button>
    </form>
    <p class="tv-url"><span class="muted">${t('displayUrl')}:</span> <code>${url}</code></p>
    <div class="row-actions">
      <a class="button" href=${display.url} target="_blank" rel="noopener">${t('openTv')}</a>
      <button type="button" aria-expanded=${showQr ? 'true' : 'false'} onClick=${() => setShowQr(!showQr)}>${t('qr')}</button>
      <button type="button" onClick=${rekey} disabled=${busy}>${t('rekey')}</button>
    </div>
    ${showQr && html`<img class="qr" src=${`/api/v1/displays/${display.id}/qr`}
      alt=${t('qrAlt', { name: display.name })} width="220" height="220" />`}
    <${FormError} error=${error} fields=${['name']} />
    <${Notice} text=${note} />
  </li>`;
}

export function DisplaysAdmin() {
  const [displays, setDisplays] = useState(null);
  const [name, setName] = useState('');
  const { busy, error, run } = useAction();
  const load = () => get('/api/v1/displays').then((r) => setDisplays(r.displays));
  useEffect(() => { load(); }, []);
  const create = (e) => {
    e.preventDefault();
    run(async () => { await post('/api/v1/displays', { name: name.trim() }); setName(''); load(); });
  };
  return html`<${Section} title=${t('displays')}>
    <form class="inline" onSubmit=${create} novalidate>
      <${Field} label=${t('newDisplay')} name="name" value=${name} onInput=${setName} error=${error} autocomplete="off" />
      <button type="submit" class="primary" disabled=${busy}>${t('create')}</button>
    </form>
    <${FormError} error=${error} fields=${['name']} />
    ${!displays ? html`<p>${t('loading')}</p>` : displays.length === 0 ? html`<p class="empty">${t('noDisplays')}</p>`
      : html`<ul class="rows">${displays.map((d) => html`<${DisplayRow} key=${`${d.id}-${d.key}`} display=${d} onChanged=${load} />`)}</ul>`}
  </${Section}>`;
}
