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
import { Reception } from './screens/reception.js';
import { Password } from './screens/password.js';
import { Doctor } from './screens/doctor.js';
import { Nurse } from './screens/nurse.js';
import { Billing } from './screens/billing.js';
import { CashClose } from './screens/cash_close.js';
import { StatementImport } from './screens/statement_import.js';
import { Jobs } from './screens/jobs.js';
import './install.js';
import { PatientRights } from './screens/patient_rights.js';
import { DataRequests } from './screens/data_requests.js';
import { Admin } from './screens/admin.js';
import { Dashboard } from './screens/dashboard.js';

// Each screen, the operation without which it is not offered, and the roles it is for.
const screens = [
  // First, so that a doctor's and a nurse's first screen is their own.
  { id: 'doctor', needs: 'startConsultation', roles: ['doctor'], view: Doctor },
  { id: 'nurse', needs: 'recordVitals', roles: ['nurse'], view: Nurse },
  { id: 'reception', needs: 'searchPatients', roles: ['receptionist', 'admin', 'doctor', 'cashier'], view: Reception },
  { id: 'billing', needs: 'listInvoices', roles: ['cashier', 'receptionist', 'admin'], view: Billing },
  { id: 'cashClose', needs: 'getCashClose', roles: ['cashier', 'receptionist', 'admin'], view: CashClose },
  { id: 'statements', needs: 'importPaymentStatement', roles: ['admin'], view: StatementImport },
  { id: 'jobs', needs: 'listJobs', roles: ['admin'], view: Jobs },
  { id: 'patientRights', needs: 'listConsents', roles: null, view: PatientRights },
  { id: 'dataRequests', needs: 'reviewDataRequest', roles: null, view: DataRequests },
  { id: 'dashboard', needs: 'getDashboard', roles: ['admin', 'doctor'], view: Dashboard },
  { id: 'admin', needs: 'listStaff', roles: ['admin'], view: Admin },
  { id: 'changePassword', needs: 'changeOwnPassword', roles: null, view: Password },
];

const screensFor = (user) => screens.filter((s) =>
  user.permissions.includes(s.needs) && (!s.roles || s.roles.includes(user.role)));


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
  const View = current.view;
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
    <main id="main" tabindex="-1">
      <${View} user=${user} />
    </main>
    ${expired && html`<div class="overlay" role="dialog" aria-modal="true" aria-labelledby="expired-title">
      <${Login} again=${true} username=${user.username}
        onSignedIn=${(me) => (me.user.id === user.id ? adopt(me) : location.reload())}
        languageSwitch=${html`<${LanguageSwitch} onChange=${(code) => changeLanguage(code, false)} />`} />
    </div>`}`;
}

render(html`<${App} />`, document.getElementById('app'));
