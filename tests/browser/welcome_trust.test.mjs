// The onboarding promise in a real browser: a fresh Chromium profile whose NSS
// database holds the root downloaded from /welcome loads
// https://clinic-hub.local:<port>/welcome with no certificate error (no
// ignoreHTTPSErrors anywhere), and the same profile without the root refuses
// the hub. Chromium on Linux reads $HOME/.pki/nssdb, so each profile gets its
// own HOME. Screenshots of the page at 360 px and 1366 px go to the artifacts
// (and to $CLINIC_HUB_SCREENSHOTS_DIR, e.g. docs/screenshots, when set).
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { prerequisitesMet, certutilMissing, ARTIFACTS, SCREENSHOTS, CHROMIUM, FLAGS } = require('./lib/browser');
const { Hub } = require('./lib/hub');

if (prerequisitesMet(certutilMissing())) run();

function certutil(...args) {
  const r = spawnSync('certutil', args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `certutil ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

// GET over HTTPS trusting only the hub's own root file, as bytes.
function download(hub, urlPath) {
  return new Promise((resolve, reject) => {
    https.get({ host: '127.0.0.1', port: hub.httpsPort, servername: 'localhost', path: urlPath, ca: hub.ca },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'],
          body: Buffer.concat(chunks) }));
      }).on('error', reject);
  });
}

function run() {
  const hub = new Hub();
  const homes = [];
  let root; let url;

  // A new HOME with an empty NSS database, and the root in it when given.
  function freshHome(rootFile) {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-hub-chromium-'));
    homes.push(home);
    const nssdb = path.join(home, '.pki', 'nssdb');
    fs.mkdirSync(nssdb, { recursive: true });
    certutil('-N', '-d', `sql:${nssdb}`, '--empty-password');
    if (rootFile) certutil('-A', '-d', `sql:${nssdb}`, '-t', 'C,,', '-n', 'clinic-hub', '-i', rootFile);
    return home;
  }

  async function browserIn(home, width) {
    const { chromium } = require('playwright-core');
    return chromium.launchPersistentContext(path.join(home, 'profile'), {
      executablePath: CHROMIUM,
      args: [...FLAGS, '--host-resolver-rules=MAP clinic-hub.local 127.0.0.1'],
      env: { ...process.env, HOME: home },
      viewport: { width, height: 900 },
    });
  }

  test.before(async () => {
    await hub.start();
    url = `https://clinic-hub.local:${hub.httpsPort}/welcome`;
    // The root as a device gets it: by the .crt link on the welcome page.
    const page = await download(hub, '/welcome');
    const href = /<a class="download" href="([^"]+\.crt)"/.exec(page.body.toString())?.[1];
    assert.ok(href, 'the welcome page links a .crt');
    const der = await download(hub, href);
    assert.equal(der.type, 'application/x-x509-ca-cert');
    root = { file: path.join(freshHome(null), 'clinic-hub-root-ca.crt'), der: der.body };
    fs.writeFileSync(root.file, der.body);
  });

  test.after(async () => {
    await hub.stop();
    for (const home of homes) fs.rmSync(home, { recursive: true, force: true });
  });

  test('with the downloaded root in its NSS database, Chromium opens the hub by its .local name with no certificate error', async () => {
    const home = freshHome(root.file);
    assert.match(certutil('-L', '-d', `sql:${path.join(home, '.pki', 'nssdb')}`), /clinic-hub\s+C,,/);
    const context = await browserIn(home, 1366);
    try {
      const page = await context.newPage();
      const response = await page.goto(url);  // throws on net::ERR_CERT_*
      assert.equal(response.status(), 200);
      assert.equal(await page.evaluate(() => window.isSecureContext), true);
      const security = await response.securityDetails();
      assert.match(security.issuer, /Clinic Hub Local Root CA/);
      assert.equal(security.subjectName, 'clinic-hub.local');
      // The page shows the fingerprint of the very root this browser now trusts.
      const fingerprint = new crypto.X509Certificate(root.der).fingerprint256;
      assert.equal(await page.textContent('#sha256'), fingerprint);
      // Its stylesheet and font load from the hub: the page is styled, offline.
      assert.notEqual(await page.evaluate(() => getComputedStyle(document.querySelector('header')).backgroundColor),
        'rgba(0, 0, 0, 0)');

      await page.screenshot({ path: path.join(ARTIFACTS, 'welcome-1366.png'), fullPage: true });
      await page.setViewportSize({ width: 360, height: 800 });
      await page.goto(`${url}?lang=bn`);
      await page.locator('#android summary').click();
      assert.equal(await page.getAttribute('html', 'lang'), 'bn');
      await page.evaluate(() => document.fonts.ready);
      assert.equal(await page.evaluate(() => document.fonts.check('16px "Noto Sans Bengali"', 'বাংলা')), true);
      await page.screenshot({ path: path.join(ARTIFACTS, 'welcome-bn-360.png'), fullPage: true });
      await page.goto(url);
      await page.screenshot({ path: path.join(ARTIFACTS, 'welcome-360.png'), fullPage: true });
      if (SCREENSHOTS) {
        fs.mkdirSync(SCREENSHOTS, { recursive: true });
        for (const name of ['welcome-1366.png', 'welcome-360.png', 'welcome-bn-360.png'])
          fs.copyFileSync(path.join(ARTIFACTS, name), path.join(SCREENSHOTS, name));
      }
    } finally {
      await context.close();
    }
  });

  test('without the root, the same fresh profile refuses the hub with a certificate error', async () => {
    const context = await browserIn(freshHome(null), 1366);
    try {
      const page = await context.newPage();
      await assert.rejects(page.goto(url), /net::ERR_CERT_AUTHORITY_INVALID/);
    } finally {
      await context.close();
    }
  });
}
