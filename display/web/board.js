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
  }

  panel(d) {
    const lang = this.language;
    const el = document.createElement('section');
    el.className = 'doctor';
    el.dataset.doctorId = d.doctor_id;

    const head = document.createElement('header');
    const names = document.createElement('h2');
    names.className = 'doctor-name';
    for (const l of lang.list) names.append(span(l === 'bn' && d.name_bn ? d.name_bn : d.name_en, l));
    const room = document.createElement('div');
    room.className = 'room';
    room.append(...lang.words('room', (w) => `${w} ${lang.number(d.room)}`));
    head.append(names, room);

    const now = document.createElement('div');
    now.className = 'now';
    const caption = document.createElement('div');
    caption.className = 'caption';
    caption.append(...lang.words('nowServing'));
    const label = document.createElement('div');
    label.className = 'now-label';
    if (d.now_serving) {
      label.textContent = lang.number(d.now_serving.label);
      if (d.now_serving.initial) label.append(span(d.now_serving.initial, null, 'initial'));
    } else {
      label.classList.add('idle');
      label.append(...lang.words('noneCalled'));
    }
    now.append(caption, label);

    const next = document.createElement('div');
    next.className = 'next';
    const nextCaption = document.createElement('div');
    nextCaption.className = 'caption';
    nextCaption.append(...lang.words('next'));
    const list = document.createElement('ol');
    for (const t of d.next || []) {
      const li = document.createElement('li');
      li.textContent = lang.number(t.label);
      list.append(li);
    }
    if (!list.children.length) list.append(span(lang.word('noneWaiting', lang.primary), lang.primary, 'none'));
    next.append(nextCaption, list);

    const waiting = document.createElement('div');
    waiting.className = 'waiting';
    waiting.append(...lang.words('waiting', (w) => `${lang.number(d.waiting_count ?? 0)} ${w}`));

    el.append(head, now, next, waiting);
    return el;
  }
}
