// The billing admin screens of the staff app (issue 21) in Debian's Chromium
// against the real clinic-hubd: an admin sets the currency and the UPI address
// (a bad address refused beside its field) and uploads a merchant QR image,
// changes a doctor's consultation fee (a follow-up window without its fee
// refused beside the fee) and adds a service; a check-in's invoice then costs
// the new fee and takes the new service; the payments made on it appear in
// the revenue report per method and per doctor (and a range with from after
// to is refused beside "From"), and on the dashboard's 30-day chart; a
// receptionist is offered none of it and the API refuses them; axe-core finds
// no serious or critical violation on the screens in English or Bangla;
// screenshots at 360 px and 1366 px, nothing wider than the screen. Skipped
// (exit 77) where Chromium, playwright-core or @axe-core/playwright is missing.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { prerequisitesMet } = require('./lib/browser');
const { staffApp, openScreen, shoot } = require('./lib/staff_app');

// A 1x1 PNG: the merchant QR image the admin uploads.
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const UTR = '412345678901';

function axeMissing() {
  try {
    require.resolve('@axe-core/playwright');
    return '';
  } catch (e) {
    return '@axe-core/playwright is not installed (npm ci in tests/browser)';
  }
}

if (prerequisitesMet(axeMissing())) run();

function run() {
  let admin; let AxeBuilder; let doctorId; let invoiceNumber;
  const app = staffApp({
    setup: async () => {
      ({ default: AxeBuilder } = await import('@axe-core/playwright'));
      admin = await app.hub.signIn('admin');
      // A doctor of our own with a 500 taka fee, no follow-up fee yet.
      const doctor = await admin('POST', '/api/v1/staff', { username: 'dr.fees', display_name: 'Dr. Fees', role: 'doctor',
        password: 'a long enough password', doctor: { token_prefix: 'F', room: '4', consultation_fee: 500 } });
      doctorId = doctor.id;
    },
  });
  const { hub } = app;

  // The refusals these tests provoke on purpose (400) are logged by Chromium; anything else is a problem.
  const signedIn = (username) => app.signedIn(username, { expectedConsole: /status of 400/ });

  // The admin screen's tab (by its id, so in either language); screens load
  // after sign-in, so the tab list is waited for before it is used.
  async function openTab(page, id, ready) {
    await page.evaluate(() => { location.hash = 'admin'; });
    await page.locator(`#admin-tab-${id}`).click();
    await page.locator(ready).first().waitFor();
  }

  // The message shown in the field labelled `label` of `scope`.
  const errorAt = (scope, label) => scope.locator('.field.has-error').filter({ hasText: label }).locator('.field-error');

  test('an admin sets the currency and UPI address, changes a fee and adds a service; a check-in\'s invoice uses them', async () => {
    const { context, page, problems } = await signedIn('admin');
    await openScreen(page, 'Admin');
    await page.getByRole('tab', { name: 'Billing settings' }).click();
    const settings = page.getByRole('form', { name: 'Billing settings' });
    await settings.getByLabel('Currency').waitFor();

    // A bad UPI address: the hub's error beside the field.
    await settings.getByLabel('UPI address (VPA)').fill('not an address');
    await settings.getByRole('button', { name: 'Save' }).click();
    assert.match(await errorAt(settings, 'UPI address (VPA)').textContent(), /clinic@okbank/);
    assert.equal(await settings.getByLabel('UPI address (VPA)').getAttribute('aria-invalid'), 'true');

    await settings.getByLabel('Currency').selectOption('INR');
    await settings.getByLabel('Fiscal year starts in').selectOption({ label: 'April' });
    await settings.getByLabel('UPI address (VPA)').fill('clinic@okbank');
    await settings.getByLabel('Front desk discount cap (%)').fill('15');
    await settings.getByLabel('bKash merchant QR image').setInputFiles({ name: 'bkash.png', mimeType: 'image/png',
      buffer: Buffer.from(PNG_BASE64, 'base64') });
    await settings.getByRole('img', { name: "The clinic's bKash merchant QR code" }).waitFor();
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.getByText('Billing settings saved.').waitFor();
    const saved = await admin('GET', '/api/v1/billing/settings');
    assert.equal(saved.currency, 'INR');
    assert.equal(saved.fiscal_year_start_month, 4);
    assert.equal(saved.upi_vpa, 'clinic@okbank');
    assert.equal(saved.reception_discount_cap_percent, 15);
    assert.equal(saved.bkash_qr_image, PNG_BASE64);
    assert.equal(saved.reception_takes_payments, true, 'what was not changed stays');

    // The doctor's fee: a follow-up window without its fee is refused at the fee.
    await page.getByRole('tab', { name: 'Fee schedule' }).click();
    const fee = page.getByRole('form', { name: 'Fee of Dr. Fees' });
    assert.equal(await fee.getByLabel('Consultation fee (INR)').inputValue(), '500.00');
    await fee.getByLabel('Consultation fee (INR)').fill('650.50');
    await fee.getByLabel('Follow-up within (days)').fill('7');
    await fee.getByRole('button', { name: 'Save' }).click();
    assert.match(await errorAt(fee, 'Follow-up fee (INR)').textContent(), /follow-up fee/);
    await fee.getByLabel('Follow-up fee (INR)').fill('300');
    await fee.getByRole('button', { name: 'Save' }).click();
    await fee.getByText('Fee of Dr. Fees is now ₹ 650.50.').waitFor();

    // A service with its price; a price that is not an amount is refused at the price.
    const add = page.getByRole('form', { name: 'Add service' });
    await add.getByLabel('Service (English)').fill('Dressing');
    await add.getByLabel('Service (Bangla)').fill('ড্রেসিং');
    await add.getByLabel('Price (INR)').fill('12o');
    await add.getByRole('button', { name: 'Add service' }).click();
    await errorAt(add, 'Price (INR)').waitFor();
    await add.getByLabel('Price (INR)').fill('120');
    await add.getByRole('button', { name: 'Add service' }).click();
    await page.getByText('Dressing added at ₹ 120.00.').waitFor();
    await page.locator('#service-fees .row').filter({ hasText: 'Dressing' }).getByText('₹ 120.00').waitFor();
    const fees = await admin('GET', '/api/v1/billing/fees');
    const consultation = fees.find((f) => f.kind === 'consultation' && f.doctor_id === doctorId);
    assert.deepEqual([consultation.price, consultation.follow_up_price, consultation.follow_up_days], [65050, 30000, 7]);

    // The front desk checks a new patient in: the invoice costs the new fee.
    const desk = await hub.signIn('reception');
    const phone = '01744' + String(Date.now()).slice(-6);
    const patient = await desk('POST', '/api/v1/patients', { name: 'Rahim Uddin', phone, sex: 'male', age_years: 52,
      preferred_language: 'en' });
    const token = await desk('POST', '/api/v1/tokens', { patient_id: patient.id, doctor_id: doctorId, priority: 'normal' });
    assert.equal(token.billing.invoice_total, 65050);
    assert.equal(token.billing.currency, 'INR');
    invoiceNumber = token.billing.invoice_number;

    // The admin adds the new service to that invoice at the billing desk and takes the money.
    await openScreen(page, 'Billing');
    await page.getByRole('button', { name: new RegExp(invoiceNumber) }).click();
    const invoice = page.locator('#invoice');
    await invoice.getByRole('heading', { name: `Invoice ${invoiceNumber}` }).waitFor();
    assert.equal((await invoice.locator('.balance').textContent()).trim(), '₹ 650.50');
    await invoice.getByText('Add a service, discount, refund or void').click();
    const service = invoice.getByRole('form', { name: 'Add service' });
    await service.getByLabel('Service').selectOption({ label: 'Dressing · ₹ 120.00' });
    await service.getByRole('button', { name: 'Add service' }).click();
    await invoice.locator('.balance').filter({ hasText: '₹ 770.50' }).waitFor();

    const pay = invoice.getByRole('form', { name: 'Take a payment' });
    await pay.getByLabel('Method').selectOption('cash');
    await pay.getByLabel('Amount (INR)').fill('500');
    await pay.getByRole('button', { name: 'Record payment' }).click();
    await page.getByText('Payment of ₹ 500.00 recorded.').waitFor();
    await pay.getByLabel('Method').selectOption('upi');
    await pay.getByLabel('Amount (INR)').fill('270.50');
    await pay.getByLabel('UPI reference (UTR)').fill(UTR);
    await pay.getByRole('button', { name: 'Record payment' }).click();
    await page.getByText('Payment of ₹ 270.50 recorded.').waitFor();
    assert.equal((await invoice.locator('.balance').textContent()).trim(), '₹ 0.00');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the payments appear in the revenue report by method and by doctor, and on the dashboard', async () => {
    const { context, page, problems } = await signedIn('admin');
    await openScreen(page, 'Admin');
    await page.getByRole('tab', { name: 'Revenue' }).click();
    // Opens on the clinic's today.
    const report = page.locator('#revenue-report');
    await report.locator('#revenue-total').waitFor();
    const today = (await admin('GET', '/api/v1/billing/revenue')).to;
    await report.getByRole('heading', { name: `Revenue of ${today}` }).waitFor();
    assert.equal((await report.locator('#revenue-total').textContent()).trim(), '₹ 770.50');
    const cells = async (row) => (await row.locator('th, td').allTextContents()).map((s) => s.trim());
    assert.deepEqual(await cells(report.locator('#revenue-methods tr[data-method=cash]')),
      ['Cash', '1', '₹ 500.00', '₹ 0.00', '₹ 500.00']);
    assert.deepEqual(await cells(report.locator('#revenue-methods tr[data-method=upi]')),
      ['UPI', '1', '₹ 270.50', '₹ 0.00', '₹ 270.50']);
    assert.deepEqual(await cells(report.locator('#revenue-methods tfoot tr')),
      ['Total', '2', '₹ 770.50', '₹ 0.00', '₹ 770.50']);
    assert.deepEqual(await cells(report.locator(`#revenue-doctors tr[data-doctor="${doctorId}"]`)), ['Dr. Fees', '₹ 770.50']);

    // From after to: the hub's error beside "From"; the report stays.
    await report.getByLabel('From').fill('2026-12-31');
    await report.getByLabel('To').fill('2026-12-01');
    await report.getByRole('button', { name: 'Show' }).click();
    assert.match(await errorAt(report, 'From').textContent(), /after/);

    // The last seven days: the same money, a chart of the days.
    await report.getByRole('button', { name: 'Last 7 days' }).click();
    await report.getByRole('heading', { name: new RegExp(`^Revenue from .* to ${today}$`) }).waitFor();
    assert.equal((await report.locator('#revenue-total').textContent()).trim(), '₹ 770.50');
    assert.equal(await report.locator('svg rect.bar').count(), 7);

    // The dashboard's 30 days of revenue, for admins.
    await openScreen(page, 'Dashboard');
    const chart = page.locator('#revenue-per-day');
    await chart.locator('svg').waitFor();
    assert.match(await chart.locator('svg > title').textContent(), /₹ 770\.50 taken less refunds in the last 30 days/);
    assert.equal(await chart.locator('svg rect.bar').count(), 30);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a receptionist is offered none of the billing admin, and the API refuses them', async () => {
    const { context, page, problems } = await signedIn('reception');
    await page.getByLabel('Search', { exact: true }).waitFor();  // the first screen has loaded
    const menu = await page.locator('header.top nav').textContent();
    for (const name of ['Admin', 'Dashboard']) assert.ok(!menu.includes(name), `${name} offered: ${menu}`);
    await page.evaluate(() => { location.hash = 'admin'; });
    await page.getByLabel('Search', { exact: true }).waitFor();
    for (const name of ['Billing settings', 'Fee schedule', 'Revenue']) {
      assert.equal(await page.getByText(name, { exact: true }).count(), 0, `${name} shown to reception`);
    }
    const desk = await hub.signIn('reception');
    for (const [method, url, body] of [['PATCH', '/api/v1/billing/settings', { upi_vpa: 'x@y' }],
      ['POST', '/api/v1/billing/fees', { name_en: 'X-ray', price: 50000 }], ['GET', '/api/v1/billing/revenue']]) {
      await assert.rejects(desk(method, url, body), /: 403 /, `${method} ${url}`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('axe-core: the billing admin screens in English and Bangla; screenshots at 360 and 1366 px', async () => {
    const { context, page } = await signedIn('admin');
    await openScreen(page, 'Admin');
    await page.locator('#admin-tab-clinic').waitFor();
    const found = [];
    const screens = [
      ['billing-settings', (p) => openTab(p, 'billingSettings', '.billing-settings')],
      ['fee-schedule', (p) => openTab(p, 'feeSchedule', '#doctor-fees .fee-form')],
      ['revenue', (p) => openTab(p, 'revenue', '#revenue-total')],
      ['dashboard-revenue', async (p) => {
        await p.evaluate(() => { location.hash = 'dashboard'; });
        await p.locator('#revenue-per-day svg').waitFor();
      }],
    ];
    for (const lang of ['en', 'bn']) {
      if (lang === 'bn') {
        await page.locator('header.top').getByRole('button', { name: 'বাংলা' }).click();
        await page.waitForFunction(() => document.documentElement.lang === 'bn');
      }
      for (const [name, open] of screens) {
        await open(page);
        const result = await new AxeBuilder({ page }).analyze();
        found.push(...result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${name} ${lang}: ${v.impact} ${v.id} (${v.help}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`));
        // Usable at each width: nothing wider than the screen but a table in its scroller.
        await shoot(page, `billing-admin-${name}-${lang}`, { mustFit: true });
      }
    }
    // The Bangla screens say it in Bangla: their headings are the Bangla labels.
    assert.ok(await page.locator('#revenue-per-day h2').textContent() === 'দৈনিক নেওয়া টাকা, গত ৩০ দিন');
    assert.deepEqual(found, []);
    await context.close();
  });
}
