// The hub's background jobs for the admin (listJobs): each job's schedule in
// the clinic's time, its last run (when, how it ended, its report or error)
// and its next run. Read-only; "sync now" lives with the sync settings.
import { html, useState, useEffect } from '../html.js';
import { get } from '../api.js';
import { t } from '../i18n.js';
import { Section, FormError } from '../ui.js';

const when = (iso) => (iso ? new Date(iso).toLocaleString() : '—');

function JobRow({ job }) {
  const outcome = job.running ? 'running' : job.last_outcome;
  return html`<tr class=${`job ${outcome || 'never'}`} data-job=${job.name}>
    <th scope="row">${job.name}<br /><small>${job.description}</small></th>
    <td>${job.schedule}</td>
    <td>${job.last_started_at ? when(job.last_started_at) : t('jobNever')}</td>
    <td class="outcome">${outcome ? t(`job_${outcome}`) : '—'}
      ${job.consecutive_failures > 1 && html` <small>(${t('jobFailuresInRow', { n: job.consecutive_failures })})</small>`}</td>
    <td class="detail">${job.last_detail || ''}</td>
    <td>${when(job.next_run_at)}</td>
  </tr>`;
}

export function Jobs() {
  const [jobs, setJobs] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    let alive = true;
    const load = () => get('/api/v1/jobs').then((r) => alive && setJobs(r.jobs)).catch((e) => alive && setError(e));
    load();
    const timer = setInterval(load, 30000);  // a running job's end shows without a reload
    return () => { alive = false; clearInterval(timer); };
  }, []);
  return html`<${Section} title=${t('jobs')}>
    <${FormError} error=${error} />
    ${!jobs ? html`<p>${t('loading')}</p>` : jobs.length === 0 ? html`<p class="empty">${t('jobsMissing')}</p>` : html`
      <table class="jobs">
        <thead><tr>
          <th scope="col">${t('jobName')}</th><th scope="col">${t('jobSchedule')}</th><th scope="col">${t('lastRun')}</th>
          <th scope="col">${t('outcome')}</th><th scope="col">${t('jobDetail')}</th><th scope="col">${t('jobNext')}</th>
        </tr></thead>
        <tbody>${jobs.map((j) => html`<${JobRow} key=${j.name} job=${j} />`)}</tbody>
      </table>`}
  </${Section}>`;
}
