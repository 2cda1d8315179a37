// The waiting-room TV page: /display/<key>. Paints the display's state, keeps
// it live, announces calls, shows the clock and the admin's notice.
import { Announcer } from './announcer.js';
import { Board } from './board.js';
import { DisplayConnection } from './connection.js';
import { Speaker } from './sound.js';
import { Language } from './text.js';

const $ = (id) => document.getElementById(id);
const key = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() || '');

let settings = {};
let language = new Language();
let clinic = { name: '', utc_offset_minutes: 0 };
let clockSkewMs = 0;  // the hub's clock minus this TV's: TVs often have the wrong time
const board = new Board($('doctors'));
const speaker = new Speaker();

const connection = new DisplayConnection(key, {
  onState: (state) => {
    clinic = state.clinic;
    clockSkewMs = Date.parse(state.server_time) - Date.now();
    applySettings(state.display);
    board.render(state.doctors, language);
  },
  onQueue: (event) => {
    if (event.doctor && !board.update(event.doctor)) {
      board.render([...board.doctors, event.doctor], language);
    }
    if (event.type === 'call' || event.type === 'recall') {
      announcer.announce({ label: event.label, room: event.room, doctorId: event.doctor_id, recall: event.type === 'recall' });
    }
  },
  onDisplay: (display) => {
    applySettings(display);
    board.render(board.doctors, language);
  },
  onStatus: showStatus,
});

const announcer = new Announcer({
  speaker,
  soundMode: () => settings.sound || 'speech',
  fetchAnnouncement: async (call) => {
    const response = await fetch(connection.announcementUrl(call), { signal: AbortSignal.timeout(10000) });
    if (!response.ok) throw new Error(`announcement: HTTP ${response.status}`);
    return response.arrayBuffer();
  },
  onStart: (call) => {
    board.highlight(call.doctorId);
    showCallout(call);
  },
  onEnd: () => { $('callout').hidden = true; },
});

function applySettings(display) {
  settings = display || {};
  language = new Language(settings);
  document.body.dataset.theme = ['light', 'high-contrast'].includes(settings.theme) ? settings.theme : 'dark';
  document.documentElement.lang = language.primary;
  $('clinic-name').textContent = clinic.name;
  $('logo').textContent = Array.from(clinic.name.trim())[0] || '';
  const notice = (settings.notice || '').trim();
  $('notice').hidden = !notice;
  $('notice-text').textContent = notice;
  // About 8 characters a second, whatever the notice's length.
  $('notice-text').style.setProperty('--notice-seconds', `${Math.max(12, notice.length / 8)}s`);
  $('banner').replaceChildren(...language.words('reconnecting'));
  $('sound-button').replaceChildren(...language.words('enableSound'));
  tick();
  checkSound();
}

function showCallout(call) {
  const box = $('callout');
  const lines = language.list.map((lang) => {
    const line = document.createElement('p');
    line.lang = lang;
    const token = document.createElement('strong');
    token.textContent = `${language.word('token', lang)} ${language.number(call.label)}`;
    line.append(token, ` → ${language.room(call.room, lang)}`);
    return line;
  });
  box.replaceChildren(...lines);
  box.hidden = false;
}

function showStatus(status) {
  $('banner').hidden = status !== 'reconnecting';
  document.body.dataset.status = status;
  const fatal = $('fatal');
  fatal.hidden = status !== 'unknown';
  if (status === 'unknown') fatal.replaceChildren(...new Language({ languages: 'both' }).words('unknownDisplay'));
}

function tick() {
  const now = new Date(Date.now() + clockSkewMs + (clinic.utc_offset_minutes || 0) * 60000);
  const { time, day } = language.clock(now);
  const clock = $('clock');
  clock.dateTime = now.toISOString().slice(0, 16);
  clock.replaceChildren(time, document.createElement('br'), day);
}

// A one-time "Tap to enable sound" when the browser keeps the page silent.
async function checkSound() {
  const overlay = $('sound-overlay');
  if ((settings.sound || 'speech') === 'off') {
    overlay.hidden = true;
    return;
  }
  overlay.hidden = await speaker.unlock();
}

$('sound-overlay').addEventListener('click', async () => {
  $('sound-overlay').hidden = await speaker.unlock();
});

// Keep the screen on while the page is shown (the kiosk's compositor honours it).
async function keepAwake() {
  if (document.visibilityState !== 'visible' || !navigator.wakeLock) return;
  try {
    await navigator.wakeLock.request('screen');
  } catch (e) {
    // Not allowed here (e.g. plain HTTP off loopback): the TV's own settings decide.
  }
}
document.addEventListener('visibilitychange', keepAwake);
keepAwake();

speaker.loadChime('/display/assets/chime.wav');
window.addEventListener('resize', () => board.layout());
document.fonts.ready.then(() => board.layout());  // the next tokens that fit depend on the font
setInterval(tick, 1000);
tick();
connection.start();

// For the hub's browser tests and for a technician at the TV's console.
window.clinicDisplay = {
  get status() { return connection.status; },
  get announcements() { return announcer.history; },
};
