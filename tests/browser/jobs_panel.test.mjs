// The admin's background-jobs panel (screens/jobs.js, listJobs) in Debian's
// Chromium against the real clinic-hubd: an admin sees every job with its last
// run, in English and in Bangla; a receptionist is not offered the panel.
// Skipped (exit 77) where Chromium or playwright-core is missing.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { prerequisitesMet } = require('./lib/browser');
const { staffApp, openScreen } = require('./lib/staff_app');

if (prerequisitesMet()) run();

function run() {
  const { signedIn } = staffApp();

  test('an admin sees every background job with its last run, in both languages', async () => {
    const { context, page, problems } = await signedIn('admin');
    await openScreen(page, 'Background jobs');
    const purge = page.locator('tr[data-job="session-purge"]');
    // The interval jobs run at the hub's start; the panel refreshes every 30 s,
    // so reload until the run is there.
    for (let i = 0; i < 20; i += 1) {
      await purge.waitFor();
      if ((await purge.locator('.outcome').textContent()).includes('Succeeded')) break;
      await page.reload();
      await openScreen(page, 'Background jobs');
    }
    assert.match(await purge.locator('.outcome').textContent(), /Succeeded/);
    assert.match(await purge.locator('.detail').textContent(), /sessions ended/);
    for (const name of ['certificate-renewal', 'midnight-roll', 'sign-in-upkeep', 'disk-check', 'retention', 'sync']) {
      assert.equal(await page.locator(`tr[data-job="${name}"]`).count(), 1, name);
    }
    assert.match(await page.locator('tr[data-job="sync"]').textContent(), /on demand/);
    await page.getByRole('button', { name: 'বাংলা' }).click();
    await page.getByRole('heading', { name: 'পটভূমির কাজ' }).waitFor();
    assert.match(await purge.locator('.outcome').textContent(), /সফল/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a receptionist is not offered the jobs panel', async () => {
    const { context, page } = await signedIn('reception');
    assert.equal(await page.getByRole('link', { name: 'Background jobs' }).count(), 0);
    await context.close();
  });
}
