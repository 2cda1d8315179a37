// The doctors' panels: per doctor and room, the token now being served (large)
// and the next ones waiting. Built with textContent only: names come from the
// admin and are never parsed as HTML.
import { span } from './text.js';

export class Board {
  constructor(container) {
    this.container = container;
    this.doctors = [];       // the state's entries, in display order
    this.language = null;
  }

  // A whole state (first paint, a snapshot, or new display settings).
  render(doctors, language) {
    this.doctors = doctors.slice();
    this.language = language;
    this.container.replaceChildren(...this.doctors.map((d) => this.panel(d)));
    this.layout();
  }

  // One doctor's entry changed (a queue event). Returns false when the doctor is
  // not on this board.
  update(doctor) {
    const i = this.doctors.findIndex((d) => d.doctor_id === doctor.doctor_id);
    if (i < 0) return false;
    this.doctors[i] = doctor;
    const old = this.panelOf(doctor.doctor_id);
    const fresh = this.panel(doctor);
    if (old) old.replaceWith(fresh);
    fitNext(fresh);
    return true;
  }

  doctor(doctorId) {
    return this.doctors.find((d) => d.doctor_id === doctorId);
  }

  panelOf(doctorId) {
    return [...this.container.children].find((el) => el.dataset.doctorId === doctorId);
  }

  // Restart the call animation on a doctor's panel.
  highlight(doctorId) {
    const el = this.panelOf(doctorId);
    if (!el) return;
    el.classList.remove('calling');
    void el.offsetWidth;  // a reflow, so removing and re-adding the class restarts the animation
    el.classList.add('calling');
  }

  // Columns and rows for the number of panels and the screen's orientation;
  // the CSS sizes the type from them.
  layout() {
    const n = Math.max(1, this.doctors.length);
    const portrait = window.innerHeight > window.innerWidth;
    const cols = portrait ? (n <= 3 ? 1 : 2) : (n <= 4 ? n : Math.ceil(n / 2));
    this.container.style.setProperty('--cols', String(cols));
    this.container.style.setProperty('--rows', String(Math.ceil(n / cols)));
    for (const panel of this.container.children) fitNext(panel);
  }

  panel(d) {
    const lang = this.language;
    const el = element('section', 'doctor');
    el.dataset.doctorId = d.doctor_id;

    const names = element('h2', 'doctor-name',
      ...lang.list.map((l) => span(l === 'bn' && d.name_bn ? d.name_bn : d.name_en, l)));
    const room = element('div', 'room', ...lang.list.map((l) => span(lang.room(d.room, l), l)));
    const head = element('header', null, names, room);

    const label = element('div', 'now-label');
    if (d.now_serving) {
      label.textContent = lang.number(d.now_serving.label);
      if (d.now_serving.initial) label.append(span(d.now_serving.initial, null, 'initial'));
    } else {
      label.classList.add('idle');
      label.append(...lang.words('noneCalled'));
    }
    const now = element('div', 'now', element('div', 'caption', ...lang.words('nowServing')), label);

    const list = element('ol', null, ...(d.next || []).map((t) => element('li', null, lang.number(t.label))));
    if (!list.children.length) list.append(span(lang.word('noneWaiting', lang.primary), lang.primary, 'none'));
    const next = element('div', 'next', element('div', 'caption', ...lang.words('next')), list);

    const waiting = element('div', 'waiting',
      ...lang.words('waiting', (w) => `${lang.number(d.waiting_count ?? 0)} ${w}`));

    el.append(head, now, next, waiting);
    return el;
  }
}

// The next tokens show on one line: those that would wrap onto a second are hidden.
function fitNext(panel) {
  const items = [...panel.querySelectorAll('.next li')];
  for (const li of items) li.hidden = false;
  const top = items.length ? items[0].offsetTop : 0;
  for (const li of items) li.hidden = li.offsetTop > top;
}

function element(tag, className, ...children) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  el.append(...children);
  return el;
}
