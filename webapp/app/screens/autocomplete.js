// A labelled text field that suggests as you type (the drug formulary, ICD-10
// codes): an ARIA combobox with a listbox under it. Arrows move, Enter or a
// tap picks, Escape closes; what is typed stays free text when nothing is
// picked. Searches only after the user typed, not when a value is set.
import { html, useState, useEffect, useRef } from '../html.js';
import { errorFor, uid } from '../ui.js';
import { t } from '../i18n.js';

export function Autocomplete({ label, name, value, onInput, search, onPick, error, hint, id: givenId, ...rest }) {
  const [fallback] = useState(() => uid(name || 'ac'));
  const id = givenId || fallback;
  const [items, setItems] = useState([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const typed = useRef(false);

  useEffect(() => {
    const q = (value || '').trim();
    if (!typed.current || !q) { setItems([]); setOpen(false); return undefined; }
    let stale = false;
    const timer = setTimeout(() => search(q).then((found) => {
      if (stale) return;
      setItems(found);
      setActive(0);
      setOpen(found.length > 0);
    }).catch(() => {}), 150);
    return () => { stale = true; clearTimeout(timer); };
  }, [value]);

  const pick = (item) => {
    typed.current = false;
    setOpen(false);
    setItems([]);
    onPick(item);
  };
  const onKeyDown = (e) => {
    if (!open || !items.length) return;
    if (e.key === 'ArrowDown') { e.preventDefault(); setActive((active + 1) % items.length); }
    if (e.key === 'ArrowUp') { e.preventDefault(); setActive((active - 1 + items.length) % items.length); }
    if (e.key === 'Enter') { e.preventDefault(); pick(items[active]); }
    if (e.key === 'Escape') { e.preventDefault(); setOpen(false); }
  };
  const message = errorFor(error, name);
  const describedBy = [hint ? `${id}-hint` : '', message ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class=${`field autocomplete${message ? ' has-error' : ''}`}>
    <label for=${id}>${label}</label>
    <input id=${id} name=${name} type="text" role="combobox" autocomplete="off" aria-autocomplete="list"
      aria-expanded=${open ? 'true' : 'false'} aria-controls=${`${id}-list`}
      aria-activedescendant=${open ? `${id}-opt-${active}` : undefined}
      aria-invalid=${message ? 'true' : undefined} aria-describedby=${describedBy || undefined}
      value=${value ?? ''} onKeyDown=${onKeyDown} onBlur=${() => setTimeout(() => setOpen(false), 150)}
      onInput=${(e) => { typed.current = true; onInput(e.currentTarget.value); }} ...${rest} />
    ${open && html`<ul id=${`${id}-list`} role="listbox" aria-label=${t('suggestionsFor', { label })} class="matches suggestions">
      ${items.map((item, i) => html`<li id=${`${id}-opt-${i}`} role="option"
          aria-selected=${i === active ? 'true' : 'false'} class=${i === active ? 'active' : ''}
          onMouseDown=${(e) => { e.preventDefault(); pick(item); }}>
        <strong>${item.primary}</strong>${item.secondary ? html` <span>${item.secondary}</span>` : ''}</li>`)}
    </ul>`}
    ${hint && html`<small id=${`${id}-hint`} class="hint">${hint}</small>`}
    ${message && html`<small id=${`${id}-error`} class="field-error" role="alert">${message}</small>`}
  </div>`;
}
