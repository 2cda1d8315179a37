// Patients' rights in the staff web app (issue 20), in Debian's Chromium
// against the real clinic-hubd: the front desk opens a patient's rights from
// reception, records a consent and withdraws it, and takes a deletion request;
// an admin sees who looked at the record, approves and executes the request,
// and saves the retention policy; afterwards no search finds the patient.
// Each role is offered only what it may do. Skipped (exit 77) where Chromium
// or playwright-core is missing.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { prerequisitesMet } = require('./lib/browser');
const { staffApp, screenReady, openScreen, shoot } = require('./lib/staff_app');

if (prerequisitesMet()) run();

function run() {
  const { hub, signedIn } = staffApp();

  const shot = (page, name) => shoot(page, `rights-${name}`, { widths: [1366] });

  test('consent given and withdrawn, a deletion request taken, approved and executed: the patient is no longer found',
    async () => {
      const phone = '01719' + String(Date.now()).slice(-6);
      const name = 'Quenby Rightsworth';
      const api = await hub.signIn('reception');
      const created = await api('POST', '/api/v1/patients', { name, phone, sex: 'female', age_years: 41 });

      // The front desk: from the selected patient to their rights.
      const desk = await signedIn('reception');
      let page = desk.page;
      await page.getByLabel('Search', { exact: true }).fill(phone);
      await page.locator('#matches [role=option]').first().click();
      await page.getByRole('button', { name: 'Rights and privacy' }).click();
      await screenReady(page, 'patientRights');
      await page.getByRole('heading', { name: `Rights and privacy: ${name}` }).waitFor();
      // A receptionist records consent and takes requests; exports, the access report and reviews are not theirs.
      assert.equal(await page.getByRole('heading', { name: 'Who looked at the record' }).count(), 0);
      assert.equal(await page.getByRole('link', { name: 'Download (JSON)' }).count(), 0);
      assert.ok(!(await page.getByRole('navigation').textContent()).includes('Data requests'));

      const consents = page.locator('#consents');
      await consents.getByLabel('Purpose').selectOption('research');
      await consents.getByLabel('How', { exact: true }).selectOption('signed_form');
      await consents.getByLabel('Version of the consent text').fill('research-v2');
      await consents.getByRole('button', { name: 'Record consent given' }).click();
      await consents.getByText('Consent recorded.').waitFor();
      const research = consents.locator('tr[data-purpose=research]');
      await research.getByText('Given').waitFor();
      assert.match(await research.textContent(), /Signed form.*research-v2/);
      await consents.getByLabel('How', { exact: true }).selectOption('verbal');
      await consents.getByRole('button', { name: 'Record withdrawal' }).click();
      await consents.getByText('Withdrawal recorded: it takes effect at once.').waitFor();
      await research.getByText('Withdrawn').waitFor();
      await consents.getByText(/Every entry \(\d+\)/).click();
      const history = await consents.locator('.rights-history').textContent();
      assert.match(history, /Research and statistics: Given \(Signed form, research-v2\)/);
      assert.match(history, /Research and statistics: Withdrawn \(Verbal, at the desk, research-v2\)/);

      const deletion = page.locator('#deletion');
      await deletion.getByLabel('How the patient asked').selectOption('phone');
      await deletion.getByRole('button', { name: 'Take the request' }).click();
      const taken = await deletion.getByText(/^Request \d+ taken: Eligibility checked\.$/).textContent();
      const requestId = taken.match(/Request (\d+)/)[1];
      await shot(page, 'patient');
      assert.deepEqual(desk.problems, []);

      // The admin: who looked, then the request reviewed and executed.
      const office = await signedIn('admin');
      page = office.page;
      await openScreen(page, "Patient's rights");
      await page.getByLabel('Search', { exact: true }).fill(phone);
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.getByRole('button', { name: new RegExp(name) }).click();
      const log = page.locator('#access-log');
      await log.getByText('saw the patient in search results').first().waitFor();
      assert.match(await log.textContent(), /reception \(Receptionist\)/);
      assert.equal(await page.getByRole('link', { name: 'Download (FHIR R4)' }).count(), 1);

      await openScreen(page, 'Data requests');
      const request = page.getByRole('article', { name: `Request ${requestId}`, exact: true });
      await request.getByLabel('Reason').fill('identity checked on the phone call back');
      await request.getByRole('button', { name: 'Approve' }).click();
      await request.getByText('Approved.').waitFor();
      await request.getByRole('button', { name: 'Anonymise the record' }).click();
      await request.getByRole('button', { name: 'Yes, anonymise now' }).click();
      await request.getByText('The record is anonymised.').waitFor();
      await request.locator('.state-executed').waitFor();

      const retention = page.locator('#retention');
      await retention.getByLabel("Anonymising also clears doctors' free-text notes").check();
      await retention.getByRole('button', { name: 'Save' }).click();
      await retention.getByText('Retention policy saved.').waitFor();
      await shot(page, 'data-requests');
      assert.deepEqual(office.problems, []);
      const admin = await hub.signIn('admin');
      assert.equal((await admin('GET', '/api/v1/retention-policy')).clear_notes, true);

      // Nobody finds them any more, by phone or by name; the record is anonymised.
      page = desk.page;
      await openScreen(page, 'Reception');
      for (const q of [phone, 'Rightsworth']) {
        const answered = page.waitForResponse((r) => r.url().includes(`/api/v1/patients?q=${encodeURIComponent(q)}`));
        await page.getByLabel('Search', { exact: true }).fill(q);
        const answer = await answered;
        assert.equal(answer.status(), 200);
        assert.deepEqual((await answer.json()).patients, [], `nobody is found by ${q}`);
        await page.getByText('No patient matches.').waitFor();
      }
      assert.equal((await api('GET', `/api/v1/patients/${created.id}`)).name, 'Anonymised patient');
      assert.deepEqual(desk.problems, []);
      await desk.context.close();
      await office.context.close();
    });
}
