// Everyone: change one's own password (changeOwnPassword). The hub ends the
// other sessions; this one stays signed in.
import { html, useState } from '../html.js';
import { post } from '../api.js';
import { t } from '../i18n.js';
import { Field, FormError, Notice, Section, useAction } from '../ui.js';

export function Password() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, setError, run } = useAction();
  const submit = (e) => {
    e.preventDefault();
    setDone(false);
    if (next !== again) {
      setError({ field: 'repeat_password', message: t('passwordsDiffer') });
      return;
    }
    run(async () => {
      await post('/api/v1/auth/password', { current_password: current, new_password: next });
      setCurrent(''); setNext(''); setAgain('');
      setDone(true);
    });
  };
  return html`<${Section} title=${t('changePassword')}>
    <form class="narrow" onSubmit=${submit} novalidate>
      <${Field} label=${t('currentPassword')} name="current_password" type="password" value=${current}
        onInput=${setCurrent} autocomplete="current-password" error=${error} />
      <${Field} label=${t('newPassword')} name="new_password" type="password" value=${next}
        onInput=${setNext} autocomplete="new-password" error=${error} />
      <${Field} label=${t('repeatPassword')} name="repeat_password" type="password" value=${again}
        onInput=${setAgain} autocomplete="new-password" error=${error} />
      <${FormError} error=${error} fields=${['current_password', 'new_password', 'repeat_password']} />
      <button type="submit" class="primary" disabled=${busy}>${t('save')}</button>
      ${done && html`<${Notice} text=${t('passwordChanged')} />`}
    </form>
  </${Section}>`;
}
