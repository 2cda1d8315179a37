// The staff web app's quality in Debian's Chromium against the real
// clinic-hubd (docs/webapp.md, "Tests"): the browser tests 5 (the whole
// reception journey in Bangla, with no English label on the screen) and 7 (the
// hub stops and starts again: the banner shows and clears by itself, the queue
// is current); each staff member's language kept on the hub; the service
// worker registers and keeps no API answer; an axe-core scan of every screen
// each role is offered, in both languages (no serious or critical violation),
// with screenshots of each at 360 px and 1366 px. Screens are found from the
// app's own menu, so screens added later are scanned without editing this file.
// Skipped (exit 77) where Chromium or the npm modules are missing.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { prerequisitesMet, certutilMissing, CHROMIUM, FLAGS } = require('./lib/browser');
const { staffApp, signIn: signInHere, screenReady, shoot, watch } = require('./lib/staff_app');

// One demo account per role (clinic-hub demo-data).
const ROLES = { admin: 'admin', doctor: 'dr.rahman', receptionist: 'reception', nurse: 'nurse.akter', cashier: 'cashier' };
const BN = { username: 'ব্যবহারকারীর নাম', signOut: 'বের হোন' };

function axeMissing() {
  try {
    require.resolve('@axe-core/playwright');
    return null;
  } catch (e) {
    return '@axe-core/playwright is not installed (npm ci in tests/browser)';
  }
}

if (prerequisitesMet(axeMissing())) run();

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const bnDigits = (s) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0x09e6 + Number(d)));

function run() {
  let AxeBuilder;
  const app = staffApp({ setup: async () => { ({ default: AxeBuilder } = await import('@axe-core/playwright')); } });
  const { hub } = app;

  // Page errors only: these tests stop the hub and sign out under open pages,
  // and the browser logs the requests that fail then.
  const newPage = () => app.newPage({ watchConsole: false });

  // Signs in from the form as it first appears (the language the hub keeps for them applies).
  async function signIn(page, username, options) {
    await page.goto(`${hub.origin}/`);
    await signInHere(page, username, options);
  }

  // The header's switch: applies at once and is saved on the hub.
  async function switchTo(page, lang) {
    if (await page.evaluate(() => document.documentElement.lang) === lang) return;
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/me') && r.request().method() === 'PATCH');
    await page.locator('header.top').getByRole('button', { name: lang === 'bn' ? 'বাংলা' : 'English' }).click();
    assert.equal((await saved).status(), 200);
  }

  // The screen has mounted (the one `id` names, when given) and had time for
  // its first API answers (an SSE stream never lets the network idle).
  async function settled(page, id) {
    await screenReady(page, id);
    await page.waitForFunction(() => !document.querySelector('main#main .boot'));
    await sleep(400);
  }

  // Serious and critical axe-core violations of what the page shows now, as readable lines.
  async function axeProblems(page, where) {
    const result = await new AxeBuilder({ page }).analyze();
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${where}: ${v.impact} ${v.id} (${v.help}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  }

  test('each staff member\'s language is kept on the hub and applied at their next sign-in', async () => {
    const first = await newPage();
    await signIn(first.page, 'cashier');
    assert.equal(await first.page.evaluate(() => document.documentElement.lang), 'en');
    await switchTo(first.page, 'bn');
    await first.page.getByRole('button', { name: BN.signOut }).waitFor();
    await first.page.getByRole('button', { name: BN.signOut }).click();
    await first.context.close();

    // Another device, the form in English as it first appears: the hub's choice applies.
    const second = await newPage();
    await signIn(second.page, 'cashier');
    await second.page.getByRole('button', { name: BN.signOut }).waitFor();
    assert.equal(await second.page.evaluate(() => document.documentElement.lang), 'bn');
    // Someone else's stays theirs.
    const other = await newPage();
    await signIn(other.page, 'admin');
    assert.equal(await other.page.evaluate(() => document.documentElement.lang), 'en');
    await switchTo(second.page, 'en');
    await second.page.getByRole('button', { name: 'Sign out' }).waitFor();
    assert.deepEqual(second.problems, []);
    await Promise.all([second.context.close(), other.context.close()]);
  });

  test('the reception journey in Bangla: sign in, search, register, check in, slip; no English label', async () => {
    const { context, page, problems } = await newPage();
    await signIn(page, 'reception', { bangla: true });
    await page.getByRole('button', { name: BN.signOut }).waitFor();
    const phone = '01755' + String(Date.now()).slice(-6);
    const search = page.getByLabel('খুঁজুন', { exact: true });
    await page.keyboard.press('/');
    await search.fill(bnDigits(phone));  // Bangla digits, as a Bangla keyboard types them
    await page.getByText('কোনো রোগী মেলেনি।').waitFor();
    await page.getByRole('button', { name: 'নতুন রোগী নিবন্ধন' }).click();
    await page.getByLabel('নাম', { exact: true }).fill('আয়েশা সিদ্দিকা');
    await page.getByLabel('বয়স (বছর)').fill('২৮');
    await page.getByRole('button', { name: 'নিবন্ধন করুন', exact: true }).click();
    await page.getByRole('heading', { name: 'নির্বাচিত রোগী' }).waitFor();
    await page.getByRole('button', { name: 'চেক-ইন', exact: true }).click();
    const label = (await page.locator('.issued .token-label').textContent()).trim();
    await page.locator('.queue .token .label', { hasText: label }).waitFor();
    await settled(page);
    await shoot(page, 'quality-reception-journey-bn');

    // Every word in Latin letters on the screen must be a proper name: the
    // clinic's doctors and rooms, the patients in the queues (the demo's have
    // English names), the signed-in account, the switch's "English", record
    // numbers and token labels, units.
    const { doctors } = await (await page.request.get(`${hub.origin}/api/v1/doctors`)).json();
    const names = [...doctors.flatMap((d) => [d.name_en, d.room || '']), 'Reception Desk', 'English'];
    const english = await page.evaluate((allowed) => {
      const patients = [...document.querySelectorAll('.token .name')].map((el) => el.textContent.trim());
      allowed = [...allowed, ...patients].sort((a, b) => b.length - a.length);
      let text = document.body.innerText;
      for (const name of allowed) if (name) text = text.split(name).join(' ');
      return text.split(/\s+/)
        .filter((w) => /[A-Za-z]{2,}/.test(w))
        .filter((w) => !/^[A-Z]+-[0-9০-৯]+$/.test(w) && !/^[A-Z]{2,}-?\d+/.test(w) && !/^(mmHg|SpO₂|ICD-10|A4|A5)/.test(w));
    }, names);
    assert.deepEqual(english, [], `English on the Bangla screen: ${english.join(', ')}`);

    const [slip] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: 'স্লিপ প্রিন্ট' }).click()]);
    await slip.waitForLoadState('domcontentloaded');
    const slipText = await slip.textContent('body');
    assert.ok(slipText.includes(bnDigits(label)), `the slip shows ${bnDigits(label)}: ${slipText}`);
    assert.deepEqual(problems, []);
    await switchTo(page, 'en');
    await context.close();
  });

  test('the hub stops and starts again: the banner shows and clears, the queue is current', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'reception');
    await settled(page);
    const desk = await hub.signIn('reception');
    const { doctors } = await desk('GET', '/api/v1/doctors');
    // Live before the outage (a page that never connected shows "connecting", not the banner).
    await sleep(500);
    assert.equal(await page.locator('.banner.down').count(), 0);

    await hub.kill();
    await page.locator('.banner.down[role=alert]').waitFor({ timeout: 15000 });
    await hub.start();
    // Checked in while the page is still disconnected (the browser retries every 3 s).
    const patient = await desk('POST', '/api/v1/patients', {
      name: 'Outage Patient', phone: '01612' + String(Date.now()).slice(-6), sex: 'female', age_years: 41,
    });
    const token = await desk('POST', '/api/v1/tokens', { patient_id: patient.id, doctor_id: doctors[0].id, priority: 'normal' });
    await page.locator('.banner.down').waitFor({ state: 'detached', timeout: 20000 });
    await page.locator('.queue .token .label', { hasText: token.label }).waitFor({ timeout: 10000 });
    await context.close();
  });

  // Chromium registers no service worker from a page with a certificate error,
  // ignored or not: this browser trusts the hub's root in its own NSS database
  // (as a staff phone does after the welcome page), so the page has none.
  async function trustingBrowser() {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-hub-sw-'));
    const nssdb = path.join(home, '.pki', 'nssdb');
    fs.mkdirSync(nssdb, { recursive: true });
    const ca = path.join(home, 'ca.crt');
    fs.writeFileSync(ca, hub.ca);
    for (const args of [['-N', '-d', `sql:${nssdb}`, '--empty-password'],
      ['-A', '-d', `sql:${nssdb}`, '-t', 'C,,', '-n', 'clinic-hub', '-i', ca]]) {
      const r = spawnSync('certutil', args, { encoding: 'utf8' });
      assert.equal(r.status, 0, `certutil ${args.join(' ')}: ${r.stderr}`);
    }
    const { chromium } = require('playwright-core');
    const context = await chromium.launchPersistentContext(path.join(home, 'profile'), {
      executablePath: CHROMIUM, args: FLAGS, env: { ...process.env, HOME: home }, viewport: { width: 1366, height: 900 },
    });
    return { context, close: async () => { await context.close(); fs.rmSync(home, { recursive: true, force: true }); } };
  }

  test('the service worker registers with scope / and keeps only the app shell, never an API answer', { skip: certutilMissing() || false }, async () => {
    const trusting = await trustingBrowser();
    const { context } = trusting;
    const page = context.pages()[0] || await context.newPage();
    const problems = [];
    watch(page, problems, { watchConsole: false });
    await signIn(page, 'reception');
    const scope = await page.evaluate(() => Promise.race([
      navigator.serviceWorker.ready.then((r) => r.scope),
      new Promise((resolve) => setTimeout(() => resolve('not registered within 20 s'), 20000))]));
    assert.equal(scope, `${hub.origin}/`);
    // Under the worker's control now: use the app (search, register, check in).
    await page.reload();
    await screenReady(page, 'reception');
    assert.equal(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), true);
    const phone = '01913' + String(Date.now()).slice(-6);
    await page.keyboard.press('/');
    await page.getByLabel('Search', { exact: true }).fill(phone);
    await page.getByText('No patient matches.').waitFor();
    await page.getByRole('button', { name: 'Register a new patient' }).click();
    await page.getByLabel('Name').fill('Cache Probe');
    await page.getByLabel('Age (years)').fill('30');
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    await page.getByRole('button', { name: 'Check in', exact: true }).click();
    await page.locator('.issued .token-label').waitFor();
    await settled(page);

    const cached = await page.evaluate(async () => {
      const out = {};
      for (const name of await caches.keys()) {
        out[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
      }
      return out;
    });
    const all = Object.values(cached).flat();
    assert.equal(Object.keys(cached).length, 1, JSON.stringify(cached));
    assert.ok(all.includes('/'), `the page is kept: ${all}`);
    assert.ok(all.some((p) => /^\/app\/[0-9a-f]{16}\/main\.js$/.test(p)), `the versioned shell is kept: ${all}`);
    assert.deepEqual(all.filter((p) => !(p === '/' || /^\/app\/[0-9a-f]{16}\//.test(p))), [], 'nothing but the shell');
    assert.ok(!all.some((p) => p.startsWith('/api/')), 'no API answer');
    assert.deepEqual(problems, []);
    await trusting.close();
  });

  test('axe-core: every screen each role is offered, in both languages; screenshots at 360 and 1366 px', async () => {
    const found = [];
    const scanned = [];
    for (const [role, username] of Object.entries(ROLES)) {
      const { context, page, problems } = await newPage();
      await signIn(page, username);
      for (const lang of ['en', 'bn']) {
        await switchTo(page, lang);
        const screens = await page.locator('header.top nav a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
        assert.ok(screens.length > 0, `${role} is offered no screen`);
        for (const href of screens) {
          await page.locator(`header.top nav a[href="${href}"]`).click();
          const screen = href.slice(1);
          await settled(page, screen);
          found.push(...await axeProblems(page, `${role} ${screen} ${lang}`));
          scanned.push(`${role}/${screen}/${lang}`);
          if (lang === 'en' || role === 'receptionist') await shoot(page, `quality-${role}-${screen}-${lang}`);
        }
      }
      await switchTo(page, 'en');
      // The sign-in form, both languages, once.
      if (role === 'admin') {
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.getByLabel('Username').waitFor();
        found.push(...await axeProblems(page, 'login en'));
        await shoot(page, 'quality-login-en');
        await page.getByRole('button', { name: 'বাংলা' }).click();
        await page.getByLabel(BN.username).waitFor();
        found.push(...await axeProblems(page, 'login bn'));
        await shoot(page, 'quality-login-bn');
      }
      assert.deepEqual(problems, [], `${role}: ${problems.join('; ')}`);
      await context.close();
    }
    console.log(`axe-core scanned ${scanned.length} screens: ${scanned.join(', ')}`);
    assert.deepEqual(found, []);
  });
}
