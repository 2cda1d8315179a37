// The doctor's and the nurse's screens of the staff web app in Debian's
// Chromium against the real clinic-hubd (docs/webapp.md). Covers the issue's
// browser tests 2 (the doctor sees the token appear live, calls it, writes a
// visit with a drug typed as 1+0+1 and one from "repeat last", finalizes and
// the print view shows both), the nurse's half of 3 (a nurse whose account
// the test creates through the API records vitals, which the doctor then
// sees) and 6 (the session ends mid-visit: after signing in again the typed
// notes are back), with screenshots at 360 px and 1366 px. Skipped (exit 77)
// where Chromium or playwright-core is missing.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { prerequisitesMet } = require('./lib/browser');
const { staffApp, signIn, shoot: shootAny, DEMO_PASSWORD: PASSWORD } = require('./lib/staff_app');

const DOCTOR = { username: 'dr.hossain', name: 'Dr. Kamal Hossain', prefix: 'K' };
const NURSE = { username: 'nurse.begum', name: 'Shirin Begum' };

if (prerequisitesMet()) run();

const shoot = (page, name) => shootAny(page, `staff-${name}`);

// The page's horizontal overflow at 360 px: a screen usable on a phone scrolls down, not sideways.
async function overflowsAt360(page) {
  await page.setViewportSize({ width: 360, height: 740 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  await page.setViewportSize({ width: 1366, height: 900 });
  return wide;
}

// Every visible input, select and textarea has a label the user can see.
async function unlabelledControls(page) {
  return page.evaluate(() => [...document.querySelectorAll('main input, main select, main textarea')]
    .filter((el) => el.offsetParent !== null)
    .filter((el) => !(el.labels && [...el.labels].some((l) => l.offsetParent !== null && l.textContent.trim())))
    .map((el) => el.id || el.name));
}

function run() {
  let admin; let reception; let doctorApi; let doctorId;
  const app = staffApp({
    setup: async () => {
      admin = await app.hub.signIn('admin');
      reception = await app.hub.signIn('reception');
      const doctor = await admin('POST', '/api/v1/staff', {
        username: DOCTOR.username, display_name: DOCTOR.name, role: 'doctor', password: PASSWORD,
        doctor: { name_en: DOCTOR.name, token_prefix: DOCTOR.prefix, room: '7' },
      });
      doctorId = doctor.id;
      await admin('POST', '/api/v1/staff', { username: NURSE.username, display_name: NURSE.name, role: 'nurse', password: PASSWORD });
      doctorApi = await app.hub.signIn(DOCTOR.username);
    },
  });
  const { hub } = app;

  const isoDaysAhead = (days) => new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);

  // A patient with an allergy and one finalized earlier prescription (Omeprazole) by our doctor.
  async function patientWithHistory(name) {
    const doctor = await hub.signIn(DOCTOR.username);  // its own session: the tests end the doctor's sessions
    const phone = '01911' + String(Date.now()).slice(-6);
    const patient = await reception('POST', '/api/v1/patients', { name, phone, sex: 'female', age_years: 47 });
    await doctor('PATCH', `/api/v1/patients/${patient.id}`, { allergies: 'Penicillin' });
    const earlier = await doctor('POST', '/api/v1/visits', {
      patient_id: patient.id, complaints: 'Burning epigastric pain',
      diagnoses: [{ text: 'Gastritis', icd10: 'K29.7' }],
      prescription: [{ drug: 'Omeprazole', strength: '20 mg', form: 'capsule', dose: '1+0+1', timing: 'before_meal',
        duration: '14 days' }],
    });
    await doctor('POST', `/api/v1/visits/${earlier.id}/finalize`);
    return patient;
  }

  // The hub's 4xx answers the screens show (a refused vital, the ended session) are not page faults.
  const signedIn = (username) => app.signedIn(username, { expectedConsole: /^Failed to load resource/ });

  test('the doctor sees the token live, the nurse records vitals, the doctor writes, finalizes, prints and amends', async () => {
    const patient = await patientWithHistory('Salma Chowdhury');
    const doc = await signedIn(DOCTOR.username);
    const dp = doc.page;
    // A doctor's first screen is their queue; the menu offers no admin screen.
    await dp.getByRole('heading', { name: 'My queue today' }).waitFor();
    assert.ok(!(await dp.getByRole('navigation').textContent()).includes('Admin'));
    assert.equal(await dp.getByRole('button', { name: 'Call next' }).isDisabled(), true, 'nobody to call yet');

    // Checked in at the front desk: the token appears in the doctor's queue without a reload.
    const token = await reception('POST', '/api/v1/tokens', { patient_id: patient.id, doctor_id: doctorId });
    await dp.locator('.waiting-list .token .label', { hasText: token.label }).waitFor();

    // The nurse (an account made through the API above) records the vitals of that token.
    const nurse = await signedIn(NURSE.username);
    const np = nurse.page;
    const menu = await np.getByRole('navigation').textContent();
    assert.ok(menu.includes('Vitals') && !menu.includes('Reception') && !menu.includes('My queue'), menu);
    await np.getByLabel('Show the patients of').selectOption({ label: DOCTOR.name });
    assert.equal(await np.getByRole('article').count(), 1, "one doctor's list");
    await np.getByRole('button', { name: `Record vitals ${token.label}` }).click();
    const form = np.getByRole('form', { name: `Vitals for ${token.label}` });
    await form.getByLabel('BP systolic (mmHg)').fill('132');
    await form.getByLabel('BP diastolic (mmHg)').fill('84');
    await form.getByLabel('Pulse (/min)').fill('720');  // a slipped finger: the hub names the field
    await form.getByLabel('Weight (kg)').fill('61.5');
    await form.getByRole('button', { name: 'Record vitals' }).click();
    const pulse = form.getByLabel('Pulse (/min)');
    await form.locator('.field.has-error .field-error').waitFor();
    assert.equal(await pulse.getAttribute('aria-invalid'), 'true', 'the error is shown at the pulse field');
    const describedBy = await pulse.getAttribute('aria-describedby');
    assert.match(await np.locator(`#${describedBy}`).textContent(), /pulse/i);
    await shoot(np, 'nurse');
    await pulse.fill('৮৮');  // Bangla digits
    await form.getByRole('button', { name: 'Record vitals' }).click();
    await np.getByText(`Vitals recorded for ${token.label}.`).waitFor();
    assert.deepEqual(nurse.problems, []);

    // The doctor calls and starts the token: the summary shows the allergy and the nurse's vitals.
    await dp.getByRole('button', { name: 'Call next' }).click();
    await dp.getByRole('button', { name: `Start ${token.label}` }).click();
    const visitId = (await doctorApi('GET', `/api/v1/queue?doctor_id=${doctorId}`)).now_serving[0].visit_id;
    const summary = dp.locator('#summary');
    await summary.locator('dd.alert', { hasText: 'Penicillin' }).waitFor();  // the allergy stands out
    await summary.getByText('BP 132/84').waitFor();
    assert.match(await summary.textContent(), /Pulse \(\/min\): 88/);
    assert.match(await summary.textContent(), /Omeprazole/, 'the history timeline shows the earlier prescription');
    const visit = dp.locator('#visit');
    assert.equal(await visit.getByLabel('BP systolic (mmHg)').inputValue(), '132', 'vitals taken while waiting are in the form');

    // The visit: a diagnosis from the ICD-10 look-up, a drug from the formulary as 1+0+1, one from "repeat last".
    await visit.getByLabel('Complaints').fill('Raised sugar on home checks');
    await visit.getByLabel('ICD-10 code', { exact: true }).fill('e119');
    await visit.getByRole('option', { name: /E11\.9/ }).waitFor();
    await visit.getByLabel('ICD-10 code', { exact: true }).press('Enter');
    assert.match(await visit.getByLabel('Diagnosis', { exact: true }).inputValue(), /diabetes/i);
    await visit.getByLabel('Notes').fill('Fasting sugar 9.8 at home.');
    const rx1 = visit.locator('fieldset.rx-item').nth(0);
    await rx1.getByLabel('Drug', { exact: true }).fill('Metf');
    await rx1.getByRole('option', { name: 'Metformin 500 mg · tablet' }).click();
    assert.equal(await rx1.getByLabel('Strength').inputValue(), '500 mg', 'picking a drug fills its strength');
    // The focus moves once the pick has rendered.
    const toDose = await dp.waitForFunction(() => document.activeElement.id.endsWith('-dose'), null, { timeout: 5000 })
      .then(() => true, () => false);
    assert.equal(toDose, true, 'and moves on to the dose');
    await rx1.getByLabel('Dose (e.g. 1+0+1)').fill('1+0+1');
    await rx1.getByLabel('Duration').fill('৩০');  // Bangla digits: 30 days
    await visit.getByRole('button', { name: 'Repeat last prescription' }).click();
    const rx2 = visit.locator('fieldset.rx-item').nth(1);
    assert.equal(await rx2.getByLabel('Drug', { exact: true }).inputValue(), 'Omeprazole');
    assert.equal(await visit.locator('fieldset.rx-item').count(), 2);
    // The two rows become one of the doctor's templates.
    await visit.getByLabel('Template name').fill('Diabetes, new');
    await visit.getByRole('button', { name: 'Save as template' }).click();
    await visit.getByText('Template "Diabetes, new" saved.').waitFor();
    const { templates } = await doctorApi('GET', '/api/v1/prescription-templates');
    assert.deepEqual(templates.map((x) => [x.name, x.items.map((i) => i.drug)]), [['Diabetes, new', ['Metformin', 'Omeprazole']]]);
    await visit.getByLabel('Advice').fill('Walk 30 minutes daily');
    await visit.getByLabel('Follow-up date').fill(isoDaysAhead(30));
    assert.deepEqual(await unlabelledControls(dp), [], 'every control has a visible label');
    assert.equal(await overflowsAt360(dp), false, 'the visit form fits a 360 px phone');
    await shoot(dp, 'doctor-visit');

    await visit.getByRole('button', { name: 'Finalize' }).click();
    await visit.getByText('Finalized. Print the prescription, or amend it with a reason.').waitFor();
    const saved = await doctorApi('GET', `/api/v1/visits/${visitId}`);
    assert.equal(saved.status, 'finalized');
    assert.deepEqual(saved.prescription.map((p) => [p.drug, p.dose, p.duration]),
      [['Metformin', '1+0+1', '30 days'], ['Omeprazole', '1+0+1', '14 days']]);
    assert.deepEqual(saved.diagnoses.map((d) => d.icd10), ['E11.9']);

    const [print] = await Promise.all([doc.context.waitForEvent('page'), visit.getByRole('link', { name: 'Print (A4)' }).click()]);
    await print.waitForLoadState('domcontentloaded');
    const printed = await print.textContent('body');
    assert.ok(printed.includes('Metformin') && printed.includes('Omeprazole'), `the print shows both drugs: ${printed}`);
    await print.close();

    // Amending a finalized visit needs a reason, shown at its field.
    await visit.getByRole('button', { name: 'Amend' }).click();
    await visit.getByLabel('Advice').fill('Walk 45 minutes daily');
    await visit.getByRole('button', { name: 'Save amendment' }).click();
    await visit.getByText('Say why the finalized visit is changed.').waitFor();
    assert.equal(await visit.getByLabel('Reason for the amendment').getAttribute('aria-invalid'), 'true');
    await visit.getByLabel('Reason for the amendment').fill('Advice corrected');
    await visit.getByRole('button', { name: 'Save amendment' }).click();
    await visit.getByText('Amendment saved.').waitFor();
    const amended = await doctorApi('GET', `/api/v1/visits/${saved.id}`);
    assert.equal(amended.advice, 'Walk 45 minutes daily');
    assert.deepEqual(amended.amendments.map((a) => a.reason), ['Advice corrected']);

    // Complete: the finalized visit closes and the queue is empty again.
    await dp.getByRole('button', { name: `Complete ${token.label}` }).click();
    await dp.getByText('Call or start a patient to write a visit.').waitFor();
    await dp.getByText('No one called yet.').waitFor();
    await shoot(dp, 'doctor-queue');
    assert.deepEqual(doc.problems, []);
    await nurse.context.close();
    await doc.context.close();
  });

  test('the session ends mid-visit: after signing in again the typed notes are back', async () => {
    const patient = await patientWithHistory('Rokeya Sultana');
    const { context, page } = await signedIn(DOCTOR.username);
    const token = await reception('POST', '/api/v1/tokens', { patient_id: patient.id, doctor_id: doctorId });
    await page.locator('.waiting-list .token .label', { hasText: token.label }).waitFor();
    await page.getByRole('button', { name: 'Call next' }).click();
    await page.getByRole('button', { name: `Start ${token.label}` }).click();
    const visit = page.locator('#visit');
    const notes = 'Dizzy on standing up at night; no chest pain.';
    await visit.getByLabel('Notes').fill(notes);
    await visit.getByLabel('Complaints').fill('Dizziness');

    // Another session of the same doctor signs every session out (as "sign out everywhere" would).
    const other = await hub.signIn(DOCTOR.username);
    const visitId = (await other('GET', `/api/v1/queue?doctor_id=${doctorId}`)).now_serving[0].visit_id;
    await other('POST', '/api/v1/auth/logout-all');
    await visit.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('You were signed out. Sign in again: what you typed is kept.').waitFor();
    const kept = await page.evaluate(() => Object.keys(localStorage).map((k) => [k, JSON.parse(localStorage.getItem(k))]));
    assert.equal(kept.length, 1, 'one thing in browser storage: the draft');
    assert.equal(kept[0][1].visit, visitId, 'keyed by the visit');
    assert.equal(kept[0][1].user, doctorId, 'and by the user');

    // Even with the tab reloaded, signing in again brings the visit and the notes back.
    await page.reload();
    await signIn(page, DOCTOR.username);
    await page.getByText('Your unsaved notes were restored.').waitFor();
    assert.equal(await visit.getByLabel('Notes').inputValue(), notes);
    assert.equal(await visit.getByLabel('Complaints').inputValue(), 'Dizziness');

    // Signed out again; signing in over the screen keeps the form as it is, and
    // the queue shows the patient checked in meanwhile without a reload.
    const more = `${notes} BP lying and standing to compare.`;
    await visit.getByLabel('Notes').fill(more);
    await (await hub.signIn(DOCTOR.username))('POST', '/api/v1/auth/logout-all');
    await visit.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('You were signed out. Sign in again: what you typed is kept.').waitFor();
    const meanwhile = await patientWithHistory('Anwara Begum');
    const late = await reception('POST', '/api/v1/tokens', { patient_id: meanwhile.id, doctor_id: doctorId });
    await page.getByRole('dialog').getByLabel('Password').fill(PASSWORD);
    await page.getByRole('dialog').getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    assert.equal(await visit.getByLabel('Notes').inputValue(), more);
    await page.locator('.waiting-list .token .label', { hasText: late.label }).waitFor();
    await visit.getByRole('button', { name: 'Save draft' }).click();
    await visit.getByText('Draft saved.').waitFor();
    assert.equal(await page.evaluate(() => localStorage.length), 0, 'saving deletes the draft');
    const saved = await (await hub.signIn(DOCTOR.username))('GET', `/api/v1/visits/${visitId}`);
    assert.equal(saved.notes, more);
    await context.close();
  });
}
