// The staff app: who is signed in, which screens their role may use (from the
// hub's permission table, via whoami), the live stream, and what happens when
// the session ends (a sign-in form over the screen, which keeps what was typed).
import { html, render, useState, useEffect } from './html.js';
import { get, post, patch, setCsrf, whenSignedOut } from './api.js';
import { t, setLanguage, language } from './i18n.js';
import { startLive, stopLive, onLiveStatus } from './live.js';
import { dropDraft, expireOldDraft } from './draft.js';
import { sessionEnded } from './session.js';
import { Login } from './screens/login.js';
import './install.js';

// Each screen, the operation without which it is not offered, the roles it is
// for, and its module: fetched when the screen is first opened, so the sign-in
// page loads only what signing in needs (Lighthouse, docs/performance.md).
const lazyScreen = (file, name) => () => import(`./screens/${file}.js`).then((module) => module[name]);
const screens = [
  // First, so that a doctor's and a nurse's first screen is their own.
  { id: 'doctor', needs: 'startConsultation', roles: ['doctor'], load: lazyScreen('doctor', 'Doctor') },
  { id: 'nurse', needs: 'recordVitals', roles: ['nurse'], load: lazyScreen('nurse', 'Nurse') },
  { id: 'reception', needs: 'searchPatients', roles: ['receptionist', 'admin', 'doctor', 'cashier'], load: lazyScreen('reception', 'Reception') },
  { id: 'billing', needs: 'listInvoices', roles: ['cashier', 'receptionist', 'admin'], load: lazyScreen('billing', 'Billing') },
  { id: 'cashClose', needs: 'getCashClose', roles: ['cashier', 'receptionist', 'admin'], load: lazyScreen('cash_close', 'CashClose') },
  { id: 'statements', needs: 'importPaymentStatement', roles: ['admin'], load: lazyScreen('statement_import', 'StatementImport') },
  { id: 'jobs', needs: 'listJobs', roles: ['admin'], load: lazyScreen('jobs', 'Jobs') },
  { id: 'patientRights', needs: 'listConsents', roles: null, load: lazyScreen('patient_rights', 'PatientRights') },
  { id: 'dataRequests', needs: 'reviewDataRequest', roles: null, load: lazyScreen('data_requests', 'DataRequests') },
  { id: 'dashboard', needs: 'getDashboard', roles: ['admin', 'doctor'], load: lazyScreen('dashboard', 'Dashboard') },
  { id: 'admin', needs: 'listStaff', roles: ['admin'], load: lazyScreen('admin', 'Admin') },
  { id: 'changePassword', needs: 'changeOwnPassword', roles: null, load: lazyScreen('password', 'Password') },
];

const screensFor = (user) => screens.filter((s) =>
  user.permissions.includes(s.needs) && (!s.roles || s.roles.includes(user.role)));

const loadedScreens = new Map();  // id -> component, once its module has been fetched

function Screen({ screen, user, onReady }) {
  const [View, setView] = useState(() => loadedScreens.get(screen.id));
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (View) return undefined;
    let open = true;
    screen.load().then((view) => {
      loadedScreens.set(screen.id, view);
      if (open) setView(() => view);
    }).catch(() => open && setFailed(true));
    return () => { open = false; };
  }, []);
  // Runs after the view's own first effects (Preact runs a child's before its
  // parent's): its key handlers are listening and its focus is placed.
  useEffect(() => {
    if (!View) return undefined;
    onReady(screen.id);
    return () => onReady(null);
  }, [View]);
  if (failed) return html`<p class="banner down" role="alert">${t('unreachable')}</p>`;
  if (!View) return html`<p class="boot">${t('loading')}</p>`;
  return html`<${View} user=${user} />`;
}

function LiveBanner() {
  const [status, setStatus] = useState('connecting');
  useEffect(() => onLiveStatus(setStatus), []);
  if (status !== 'down') return null;
  return html`<div class="banner down" role="alert">${t('unreachable')}</div>`;
}

function LanguageSwitch({ onChange }) {
  return html`<div class="language-switch" role="group" aria-label=${t('language')}>
    ${[['en', 'English'], ['bn', 'বাংলা']].map(([code, label]) => html`
      <button type="button" lang=${code} aria-pressed=${language() === code ? 'true' : 'false'}
        onClick=${() => onChange(code)}>${label}</button>`)}
  </div>`;
}

function App() {
  const [user, setUser] = useState(undefined);    // undefined: asking; null: signed out
  const [expired, setExpired] = useState(false);  // the session ended under an open screen
  const [, setLang] = useState(language());
  const [screen, setScreen] = useState(location.hash.slice(1));
  // The screen that has mounted, shown on <main> as data-screen-ready (and
  // aria-busy until then): a screen's module arrives some time after sign-in or
  // a menu click, and a key pressed before it has nowhere to go. The browser
  // tests wait on it rather than race the load (tests/browser/lib/staff_app.js).
  const [ready, setReady] = useState(null);

  const adopt = (me) => {
    setCsrf(me.csrf_token);
    if (me.user.language) setLanguage(me.user.language);  // each staff member's own, kept on the hub
    setLang(language());
    setUser({ ...me.user, permissions: me.permissions });
    setExpired(false);
    startLive(() => get('/api/v1/auth/me').catch(() => {}));
  };

  useEffect(() => {
    expireOldDraft();
    whenSignedOut(() => {
      sessionEnded();
      stopLive();
      setExpired(true);
    });
    // A reload on a screen fetches that screen's module while asking who is
    // signed in, not after (one round trip fewer on a slow link).
    const reopened = screens.find((s) => s.id === location.hash.slice(1));
    if (reopened) reopened.load().then((view) => loadedScreens.set(reopened.id, view)).catch(() => {});
    get('/api/v1/auth/me').then(adopt).catch(() => setUser(null));
    const onHash = () => setScreen(location.hash.slice(1));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  // Switched at once; once signed in, saved on the hub (updateMyPreferences)
  // so it is theirs on every device and at the next sign-in.
  const changeLanguage = (code, save = Boolean(user)) => {
    setLanguage(code);
    setLang(code);
    if (save) patch('/api/v1/auth/me', { language: code }).catch(() => { /* kept for this tab */ });
  };

  const signOut = async () => {
    dropDraft();
    try { await post('/api/v1/auth/logout'); } catch (e) { /* already over */ }
    stopLive();
    setUser(null);
  };

  if (user === undefined) return html`<p class="boot">${t('loading')}</p>`;
  if (user === null) {
    return html`<${Login} onSignedIn=${(me, chosen) => { adopt(me); if (chosen && chosen !== me.user.language) changeLanguage(chosen, true); }}
      languageSwitch=${html`<${LanguageSwitch} onChange=${(code) => changeLanguage(code, false)} />`} />`;
  }
  const mine = screensFor(user);
  const current = mine.find((s) => s.id === screen) || mine[0];
  return html`
    <a class="skip-link" href="#main">${t('appName')}</a>
    <header class="top">
      <span class="brand">${t('appName')}</span>
      <nav aria-label=${t('menu')}>
        ${mine.map((s) => html`<a href=${`#${s.id}`} aria-current=${s === current ? 'page' : undefined}>${t(s.id)}</a>`)}
      </nav>
      <span class="who">${user.display_name}</span>
      <${LanguageSwitch} onChange=${changeLanguage} />
      <button type="button" class="link" onClick=${signOut}>${t('signOut')}</button>
    </header>
    <${LiveBanner} />
    <main id="main" tabindex="-1" data-screen-ready=${ready === current.id ? ready : undefined}
      aria-busy=${ready === current.id ? undefined : 'true'}>
      <${Screen} key=${current.id} screen=${current} user=${user} onReady=${setReady} />
    </main>
    ${expired && html`<div class="overlay" role="dialog" aria-modal="true" aria-labelledby="expired-title">
      <${Login} again=${true} username=${user.username}
        onSignedIn=${(me) => (me.user.id === user.id ? adopt(me) : location.reload())}
        languageSwitch=${html`<${LanguageSwitch} onChange=${(code) => changeLanguage(code, false)} />`} />
    </div>`}`;
}

render(html`<${App} />`, document.getElementById('app'));
