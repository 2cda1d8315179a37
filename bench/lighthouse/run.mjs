// Lighthouse (mobile profile, its default) against the staff web app served
// by a real clinic-hubd: the sign-in page, and the reception screen signed in
// as the demo receptionist. Prints the performance and accessibility scores,
// first contentful paint, total blocking time and bytes transferred of each,
// and the app's first load compressed with fonts left out, against the issue's
// 150 KB goal. Figures, not a test (docs/performance.md).
//
//   cd bench/lighthouse && npm ci && node run.mjs [BUILD_DIR]     (default ../../build)
//
// Drives Debian's Chromium (/usr/bin/chromium, or $CHROMIUM) headless; the hub
// listens on 127.0.0.1 only and is stopped, its temp dir removed, on exit.
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const here = path.dirname(fileURLToPath(import.meta.url));
process.env.CLINIC_HUB_BINARY_DIR = path.resolve(process.argv[2] || path.join(here, '../../build'));
const require = createRequire(import.meta.url);
// The same demo hub the browser tests start (a temp dir, free loopback ports).
const { Hub } = require('../../tests/browser/lib/hub.js');

const GOAL_KB = 150;
const isFont = (r) => r.resourceType === 'Font' || /\/fonts\//.test(r.url);

async function audit(port, url, extraHeaders) {
  const result = await lighthouse(url, {
    port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'],
    extraHeaders, disableFullPageScreenshot: true,
  });
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.message}`);
  const requests = lhr.audits['network-requests'].details.items;
  const sum = (items) => items.reduce((n, r) => n + (r.transferSize || 0), 0);
  return {
    performance: Math.round(lhr.categories.performance.score * 100),
    accessibility: Math.round(lhr.categories.accessibility.score * 100),
    fcp: lhr.audits['first-contentful-paint'].numericValue,
    tbt: lhr.audits['total-blocking-time'].numericValue,
    bytes: lhr.audits['total-byte-weight'].numericValue,
    appBytes: sum(requests.filter((r) => !isFont(r) && !r.url.includes('/api/'))),
    apiBytes: sum(requests.filter((r) => r.url.includes('/api/'))),
    fontBytes: sum(requests.filter(isFont)),
    requests: requests.length,
    warnings: lhr.runWarnings,
    failing: Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode === 'binary').map((a) => a.id),
  };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const hub = new Hub();
let chrome;
try {
  await hub.start();
  chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM || '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--ignore-certificate-errors', '--disable-gpu', '--disable-quic',
      '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const login = await hub.request('POST', '/api/v1/auth/login', { body: { username: 'reception', password: 'demo-password-1' } });
  if (login.status !== 200) throw new Error(`sign-in: ${login.status} ${login.body}`);
  const cookie = login.headers['set-cookie'][0].split(';')[0];

  console.log(`==> lighthouse 12.2.3, mobile profile: ${new Date().toISOString()}, load average ${
    (await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const pages = [
    ['sign-in page', `${hub.origin}/`, undefined],
    ['reception, signed in', `${hub.origin}/#reception`, { Cookie: cookie }],
  ];
  for (const [name, url, headers] of pages) {
    const r = await audit(chrome.port, url, headers);
    console.log(`${name}: performance ${r.performance}, accessibility ${r.accessibility}, FCP ${(r.fcp / 1000).toFixed(2)} s, `
      + `TBT ${Math.round(r.tbt)} ms, transferred ${kb(r.bytes)} in ${r.requests} requests `
      + `(app ${kb(r.appBytes)}, API ${kb(r.apiBytes)}, fonts ${kb(r.fontBytes)})`);
    console.log(`  first load without fonts: ${kb(r.appBytes + r.apiBytes)} (goal < ${GOAL_KB} KB: ${
      r.appBytes + r.apiBytes < GOAL_KB * 1024 ? 'met' : 'NOT met'})`);
    if (r.failing.length) console.log(`  failing audits: ${r.failing.join(', ')}`);
    for (const w of r.warnings) console.log(`  warning: ${w}`);
  }
} finally {
  if (chrome) await chrome.kill();
  await hub.stop();
}
