// The billing screens of the staff web app (issue 21) in Debian's Chromium
// against the real clinic-hubd: the front desk checks a patient in, opens the
// invoice check-in made, takes part in cash and the rest by bKash with a
// TrxID, the receipt view shows both payments, and the cash close shows the
// cash the drawer should hold; the admin imports a bKash statement that
// matches the transfer; a cashier is offered the billing screens and not the
// statement import. Skipped (exit 77) where Chromium or playwright-core is missing.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { prerequisitesMet } = require('./lib/browser');
const { staffApp, openScreen, shoot } = require('./lib/staff_app');

const TRX = '9C7A1B2C3D';

if (prerequisitesMet()) run();

function run() {
  let doctorId; let paidInvoice;
  const app = staffApp({
    setup: async () => {
      // A doctor of our own with a 500 taka fee: check-in opens a 500.00 invoice.
      const admin = await app.hub.signIn('admin');
      const doctor = await admin('POST', '/api/v1/staff', { username: 'dr.billing', display_name: 'Dr. Billing', role: 'doctor',
        password: 'a long enough password', doctor: { token_prefix: 'Q', room: '9', consultation_fee: 500 } });
      doctorId = doctor.id;
    },
  });
  const { hub } = app;

  // The refusals these tests provoke on purpose (400) are logged by Chromium; anything else is a problem.
  const signedIn = (username) => app.signedIn(username, { expectedConsole: /status of 400/ });

  async function pay(page, method, amount, reference) {
    const form = page.getByRole('form', { name: 'Take a payment' });
    await form.getByLabel('Method').selectOption(method);
    await form.getByLabel('Amount (BDT)').fill(amount);
    if (reference) await form.getByLabel('Transaction ID (TrxID)').fill(reference);
    await form.getByRole('button', { name: 'Record payment' }).click();
  }

  test('check in, the invoice, part cash and the rest by bKash, the receipt shows both, the cash close expects the cash', async () => {
    const reception = await hub.signIn('reception');
    const phone = '01733' + String(Date.now()).slice(-6);
    await reception('POST', '/api/v1/patients', { name: 'Amina Khatun', phone, sex: 'female', age_years: 41,
      preferred_language: 'en' });

    const { context, page, problems } = await signedIn('reception');
    await page.keyboard.press('/');
    await page.keyboard.type(phone);
    await page.locator('#matches [role=option]').first().waitFor();
    await page.keyboard.press('Enter');
    await page.getByLabel('Doctor').selectOption(doctorId);
    await page.getByRole('button', { name: 'Check in', exact: true }).click();
    await page.locator('.issued .token-label').waitFor();

    // The check-in's invoice, with what is owed, one tap away.
    await page.getByRole('button', { name: /Open invoice INV-\d{4}-\d{6} \(due ৳ 500\.00\)/ }).click();
    const invoice = page.locator('#invoice');
    await invoice.getByRole('heading', { name: /Invoice INV-/ }).waitFor();
    assert.equal((await invoice.locator('.balance').textContent()).trim(), '৳ 500.00');
    const number = (await invoice.getByRole('heading', { name: /Invoice INV-/ }).textContent()).replace('Invoice ', '').trim();

    await pay(page, 'cash', '200', '');
    await page.getByText('Payment of ৳ 200.00 recorded.').waitFor();
    assert.equal((await invoice.locator('.balance').textContent()).trim(), '৳ 300.00');
    assert.equal(await invoice.getByLabel('Amount (BDT)').inputValue(), '300.00', 'the balance is offered next');

    // A bKash payment needs its TrxID: without one the hub's error shows at the field.
    await pay(page, 'bkash', '300', '');
    await invoice.locator('.field-error').first().waitFor();
    await pay(page, 'bkash', '300', TRX);
    await page.getByText('Payment of ৳ 300.00 recorded.').waitFor();
    assert.equal((await invoice.locator('.balance').textContent()).trim(), '৳ 0.00');
    assert.equal(await invoice.getByRole('form', { name: 'Take a payment' }).count(), 0, 'nothing left to pay');
    const payments = await invoice.locator('.payments').textContent();
    assert.ok(payments.includes('Cash') && payments.includes('৳ 200.00'), payments);
    assert.ok(payments.includes(`bKash ${TRX}`) && payments.includes('৳ 300.00'), payments);
    await shoot(page, 'billing-invoice', { widths: [1366] });
    paidInvoice = number;
    // The front desk may add services and discounts, not refund or void.
    assert.equal(await invoice.locator('form[aria-label="Refund"]').count(), 0);
    assert.equal(await invoice.locator('form[aria-label="Void invoice"]').count(), 0);

    // The receipt for the browser's print dialog.
    const [receipt] = await Promise.all([context.waitForEvent('page'),
      invoice.getByRole('link', { name: 'Open the receipt to print' }).click()]);
    await receipt.waitForLoadState('domcontentloaded');
    const text = await receipt.textContent('body');
    for (const s of [number, 'Cash / নগদ', `bKash / বিকাশ ${TRX}`, '৳ 200.00', '৳ 300.00', 'Balance due / বাকি', '৳ 0.00']) {
      assert.ok(text.includes(s), `the receipt shows ${s}: ${text}`);
    }
    await receipt.close();

    // The desk's drawer: the 200 in cash (the bKash transfer is not in the drawer).
    await openScreen(page, 'Cash close');
    const drawer = page.locator('#drawer');
    await drawer.locator('.expected').waitFor();
    assert.equal((await drawer.locator('.expected').textContent()).trim(), '৳ 200.00');
    const methods = await drawer.locator('table.methods').textContent();
    assert.ok(methods.includes('bKash') && methods.includes('৳ 300.00'), methods);
    await drawer.getByLabel('Counted cash').fill('150');
    await drawer.getByRole('button', { name: 'Close the day' }).click();
    await drawer.getByText('The day is closed and locked.').first().waitFor();
    assert.equal((await drawer.locator('.difference').textContent()).trim(), '৳ -50.00 (short)');
    assert.equal(await drawer.getByRole('button', { name: 'Reopen the day' }).count(), 0, 'only an admin reopens');
    await shoot(page, 'billing-cash-close', { widths: [1366] });
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('an admin refunds part of the cash with a reason: the invoice owes it again', async () => {
    const { context, page, problems } = await signedIn('admin');
    await openScreen(page, 'Billing');
    await page.getByRole('button', { name: new RegExp(paidInvoice) }).click();
    const invoice = page.locator('#invoice');
    await invoice.getByText('Add a service, discount, refund or void').click();
    const refund = invoice.getByRole('form', { name: 'Refund' });
    await refund.getByLabel('Refund amount').fill('50');
    await refund.getByRole('button', { name: 'Refund' }).click();
    await refund.locator('.field-error').waitFor();  // a refund needs its reason
    await refund.getByLabel('Reason').fill('charged twice for the dressing');
    await refund.getByRole('button', { name: 'Refund' }).click();
    await invoice.locator('.payment.refund').waitFor();
    assert.equal((await invoice.locator('.balance').textContent()).trim(), '৳ 50.00');
    assert.match(await invoice.locator('.payment.refund').textContent(), /Refund: Cash.*৳ -50\.00/s);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the admin imports a bKash statement: the transfer matches and the lists show what needs a look', async () => {
    const { context, page, problems } = await signedIn('admin');
    await openScreen(page, 'Statements');
    const csv = `Date Time,TrxID,Amount (BDT)\n2026-11-24 10:15,${TRX},300.00\n2026-11-24 11:00,8B6A5D4E3F,120.00\n`;
    await page.getByLabel("Or paste the statement's text").fill(csv);
    await page.getByRole('button', { name: 'Import and reconcile' }).click();
    const result = page.locator('#statement-result');
    await result.waitFor();
    assert.match(await result.locator('#matched').textContent(), new RegExp(`Matched \\(1\\).*${TRX}`, 's'));
    assert.match(await result.locator('#not-recorded').textContent(), /In the statement, not recorded \(1\).*8B6A5D4E3F/s);
    assert.match(await result.locator('#mismatched').textContent(), /Amount differs \(0\)/);

    // A malformed file names its line and column, and nothing is imported.
    await page.getByLabel("Or paste the statement's text").fill('TrxID,Amount\n7D7D7D7D7D,12x\n');
    await page.getByRole('button', { name: 'Import and reconcile' }).click();
    await page.getByText(/line 2, column 2 \(Amount\)/).waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a cashier is offered billing and the cash close but not the statement import', async () => {
    const { context, page } = await signedIn('cashier');
    const menu = await page.getByRole('navigation').textContent();
    assert.ok(menu.includes('Billing') && menu.includes('Cash close'), menu);
    assert.ok(!menu.includes('Statements'), menu);
    await context.close();
  });
}
