// The TV page against the real clinic-hubd: an admin creates a display, the
// page opens over HTTPS (and over the kiosk's loopback HTTP), staff check in
// and call patients through the API, and the page follows without a reload,
// through a hub restart too. Skipped (exit 77) where Chromium or playwright-core
// is missing, or while the hub has no display API to test against.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { launch, prerequisitesMet, skip, ARTIFACTS, SCREENSHOTS } = require('./lib/browser');
const { Hub } = require('./lib/hub');

const hub = prerequisitesMet() ? new Hub() : null;
if (hub) {
  await hub.start();
  const operations = JSON.stringify((await hub.request('GET', '/api/v1/openapi.json')).json);
  if (!['createDisplay', 'getDisplayState', 'displayEvents', 'updateDisplay'].every((op) => operations.includes(`"${op}"`))) {
    await hub.stop();
    skip('this hub has no display API yet (createDisplay, getDisplayState, displayEvents, updateDisplay)');
  } else {
    run();
  }
}

function run() {
  let admin; let display; let doctors; let browser; let page;
  const announcementRequests = [];

  const panelLabel = (doctorId) => page.locator(`.doctor[data-doctor-id="${doctorId}"] .now-label`);
  const showsLabel = (doctorId, text, timeout) => page.waitForFunction(
    ([id, label]) => document.querySelector(`.doctor[data-doctor-id="${id}"] .now-label`)?.textContent.startsWith(label),
    [doctorId, text], { timeout });
  const checkIn = (patientId, doctorId) => admin('POST', '/api/v1/tokens', { patient_id: patientId, doctor_id: doctorId });
  const callNext = (doctorId) => admin('POST', '/api/v1/queue/call-next', { doctor_id: doctorId });
  // The queue calls no one while a token is called or in consultation: as the
  // front desk and the doctor would, skip the called one, complete the other.
  const freeDoctor = async (doctorId) => {
    const queue = await admin('GET', `/api/v1/queue?doctor_id=${doctorId}`);
    for (const t of queue.now_serving) {
      if (t.state === 'called') {
        await admin('POST', `/api/v1/tokens/${t.id}/skip`);
      } else {
        const staff = (await admin('GET', '/api/v1/staff')).staff.find((m) => m.id === doctorId);
        const doctor = await hub.signIn(staff.username);
        await doctor('POST', `/api/v1/tokens/${t.id}/complete`);
      }
    }
  };

  test.before(async () => {
    admin = await hub.signIn('admin');
    doctors = (await admin('GET', '/api/v1/doctors')).doctors.filter((d) => d.active);
    display = await admin('POST', '/api/v1/displays', {
      name: 'Waiting room TV', languages: 'both', bangla_numerals: false, theme: 'dark', sound: 'speech',
      notice: 'Friday: closed',
    });
    // A smart TV's browser: its own autoplay policy, the hub's certificate.
    browser = await launch({ autoplay: false });
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1920, height: 1080 } });
    page = await context.newPage();
    page.on('response', (r) => {
      if (r.url().includes('/announcement?')) {
        announcementRequests.push({ query: new URL(r.url()).search, status: r.status(), type: r.headers()['content-type'] });
      }
    });
    await page.goto(`${hub.origin}${display.url}`);
    await page.locator('.doctor').first().waitFor();
    await page.waitForFunction(() => window.clinicDisplay?.status === 'live');
  });

  test.after(async () => {
    if (page) await page.screenshot({ path: path.join(ARTIFACTS, 'display-https.png') });
    if (browser) await browser.close();
    await hub.stop();
  });

  test('the page shows every doctor of the display and asks once for sound', async () => {
    assert.equal(await page.locator('.doctor').count(), doctors.length);
    await page.locator('#sound-overlay').waitFor({ state: 'visible' });
    await page.mouse.click(960, 540);
    await page.locator('#sound-overlay').waitFor({ state: 'hidden' });
  });

  test('a check-in shows in its doctor\'s waiting count without a reload', async () => {
    const doctor = doctors[1];
    const waiting = page.locator(`.doctor[data-doctor-id="${doctor.id}"] .waiting`);
    const before = await waiting.innerText();
    const patient = await admin('POST', '/api/v1/patients', {
      name: 'Zubaida Khatun Testpatient', phone: '01712-345678', sex: 'female', age_years: 34,
    });
    const token = await checkIn(patient.id, doctor.id);
    await page.waitForFunction(([id, old]) =>
      document.querySelector(`.doctor[data-doctor-id="${id}"] .waiting`).textContent !== old,
    [doctor.id, before.replace(/\n/g, '')], { timeout: 10000 });
    const count = (await admin('GET', `/api/v1/queue?doctor_id=${doctor.id}`)).waiting.length;
    assert.match(await waiting.innerText(), new RegExp(`^${count} waiting`));
    assert.ok(token.label);
  });

  test('two quick calls show within a second and are announced in order', async () => {
    const [a, b] = doctors;
    await freeDoctor(a.id);
    await freeDoctor(b.id);
    const first = await callNext(a.id);
    const second = await callNext(b.id);
    const shown = Date.now();
    await showsLabel(a.id, first.label, 1000);
    await showsLabel(b.id, second.label, 1000);
    assert.ok(Date.now() - shown < 1000);
    const history = await page.waitForFunction(() => {
      const h = window.clinicDisplay.announcements;
      return h.length >= 2 && h[1].endedAt !== null && h;
    }, null, { timeout: 60000 }).then((h) => h.jsonValue());  // two calls in two languages, spoken in turn
    assert.deepEqual(history.map((h) => [h.label, h.sound]), [[first.label, 'speech'], [second.label, 'speech']],
      'both calls played the hub\'s announcement');
    assert.ok(history[1].startedAt >= history[0].endedAt, 'announcements never overlap');
    assert.deepEqual(announcementRequests.slice(0, 2).map((r) => [new URLSearchParams(r.query).get('label'), r.status, r.type]),
      [[first.label, 200, 'audio/wav'], [second.label, 200, 'audio/wav']]);
  });

  test('no patient name appears anywhere in the page', async () => {
    const names = new Set();
    for (const d of doctors) {
      const q = await admin('GET', `/api/v1/queue?doctor_id=${d.id}`);
      for (const t of [...q.now_serving, ...q.waiting, ...q.finished]) names.add(t.patient.name);
    }
    assert.ok(names.has('Zubaida Khatun Testpatient'), 'the queues hold the patient checked in above');
    const html = await page.content();
    const text = await page.locator('body').innerText();
    // A patient who shares a doctor's name is not a leak.
    const doctorNames = doctors.map((d) => `${d.name_en} ${d.name_bn}`).join(' ');
    for (const name of [...names].filter((n) => !doctorNames.includes(n))) {
      assert.ok(!html.includes(name) && !text.includes(name), `patient name "${name}" is on the TV`);
    }
  });

  test('Bangla numerals appear when the admin turns them on', async () => {
    await admin('PATCH', `/api/v1/displays/${display.id}`, { bangla_numerals: true });
    await page.waitForFunction(() => /[০-৯]/.test(document.querySelector('.now-label')?.textContent || ''), null,
      { timeout: 10000 });
    assert.doesNotMatch(await page.locator('#doctors').innerText(), /[0-9]/);
    await admin('PATCH', `/api/v1/displays/${display.id}`, { bangla_numerals: false });
    await page.waitForFunction(() => !/[০-৯]/.test(document.querySelector('#doctors').textContent), null, { timeout: 10000 });
  });

  test('a killed hub shows "Reconnecting", and the page recovers by itself after the restart', async () => {
    await page.evaluate(() => { window.notReloaded = true; });
    await hub.kill();
    await page.locator('#banner').waitFor({ state: 'visible', timeout: 15000 });
    assert.match(await page.locator('#banner').innerText(), /Reconnecting/);
    await hub.start();
    admin = await hub.signIn('admin');
    await page.locator('#banner').waitFor({ state: 'hidden', timeout: 15000 });
    await freeDoctor(doctors[0].id);
    const called = await callNext(doctors[0].id);
    await showsLabel(doctors[0].id, called.label, 2000);
    assert.equal(await page.evaluate(() => window.notReloaded), true, 'the page was not reloaded');
  });

  test('the kiosk listener serves the display over loopback HTTP, and nothing of the staff API', async () => {
    const staff = await fetch(`${hub.kioskOrigin}/api/v1/staff`);
    assert.equal(staff.status, 404);
    const kiosk = await launch({ autoplay: true });  // as clinic-hub-kiosk starts Chromium
    try {
      for (const [name, viewport] of [['landscape', { width: 1920, height: 1080 }], ['portrait', { width: 1080, height: 1920 }]]) {
        const tv = await kiosk.newPage({ viewport });
        await tv.goto(`${hub.kioskOrigin}${display.url}`);
        await tv.locator('.doctor').first().waitFor();
        await tv.waitForFunction(() => window.clinicDisplay?.status === 'live');
        assert.equal(await tv.locator('#sound-overlay').isVisible(), false, 'the kiosk plays sound without a tap');
        await freeDoctor(doctors[1].id);
        const called = await callNext(doctors[1].id);
        await tv.waitForFunction(([id, label]) =>
          document.querySelector(`.doctor[data-doctor-id="${id}"] .now-label`)?.textContent.startsWith(label),
        [doctors[1].id, called.label], { timeout: 10000 });
        await tv.waitForFunction(() => {
          const h = window.clinicDisplay.announcements;
          return h.length > 0 && h.every((a) => a.endedAt !== null);
        }, null, { timeout: 60000 });
        await tv.waitForTimeout(4500);  // the callout has gone
        const file = `display-1080p-${name}.png`;
        await tv.screenshot({ path: path.join(ARTIFACTS, file) });
        if (SCREENSHOTS) fs.copyFileSync(path.join(ARTIFACTS, file), path.join(SCREENSHOTS, file));
        await tv.close();
      }
    } finally {
      await kiosk.close();
    }
  });
}
