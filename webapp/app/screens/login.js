// Sign in. After the session ended under an open screen (`again`) the form
// appears over it, says so, and keeps the screen and whatever was typed.
import { html, useState, useRef, useEffect } from '../html.js';
import { post, get } from '../api.js';
import { t, language } from '../i18n.js';
import { Field, FormError, useAction } from '../ui.js';

export function Login({ onSignedIn, again = false, username: known = '', languageSwitch }) {
  const [username, setUsername] = useState(known);
  const [password, setPassword] = useState('');
  const [chosen, setChosen] = useState(null);
  const { busy, error, run } = useAction();
  const first = useRef(null);
  const startLanguage = useRef(language());
  useEffect(() => { const el = document.getElementById(known ? 'login-password' : 'login-username'); if (el) el.focus(); }, []);

  const submit = (e) => {
    e.preventDefault();
    run(async () => {
      await post('/api/v1/auth/login', { username, password });
      const me = await get('/api/v1/auth/me');
      const picked = language() !== startLanguage.current ? language() : chosen;
      onSignedIn(me, picked);
    });
  };
  const message = error && (error.status === 401 ? t('badLogin') : null);
  return html`<div class="login" ref=${first}>
    <form class="panel login-form" onSubmit=${submit} aria-labelledby="login-title" novalidate>
      <div class="login-head">
        <h1 id=${again ? 'expired-title' : 'login-title'}>${t('appName')}</h1>
        ${languageSwitch}
      </div>
      ${again && html`<p class="notice warn" role="alert">${t('signedOut')}</p>`}
      <${Field} id="login-username" label=${t('username')} name="username" value=${username} onInput=${setUsername}
        autocomplete="username" autocapitalize="none" required error=${error} />
      <${Field} id="login-password" label=${t('password')} name="password" type="password" value=${password}
        onInput=${(v) => { setPassword(v); setChosen(null); }} autocomplete="current-password" required error=${error} />
      ${message ? html`<p class="form-error" role="alert">${message}</p>` : html`<${FormError} error=${error} fields=${['username', 'password']} />`}
      <button type="submit" class="primary" disabled=${busy}>${busy ? t('signingIn') : t('signIn')}</button>
    </form>
  </div>`;
}
