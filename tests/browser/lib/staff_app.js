// What every browser test of the staff web app needs (docs/webapp.md, "Tests"):
// the real hub and a browser for the test file, a signed-in page per staff
// member, the screen each test works in known to be there, and screenshots.
//
// Screens are fetched after sign-in and after a menu click (webapp/app/main.js,
// lazyScreen), so a key pressed or a script run before the screen has mounted
// lands nowhere. The app marks <main> with data-screen-ready="<screen id>"
// once the screen's own first effects (its key handlers, its focus) have run;
// signIn, signedIn and openScreen return only then, and after a reload or a
// navigation a test waits with screenReady.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { launch, ARTIFACTS, SCREENSHOTS } = require('./browser');
const { Hub, DEMO_PASSWORD } = require('./hub');

// Waits until the screen `id` (or, without one, whichever screen the app
// shows) has mounted; returns its id.
async function screenReady(page, id) {
  const main = page.locator(id ? `main#main[data-screen-ready="${id}"]` : 'main#main[data-screen-ready]');
  await main.waitFor();
  return main.getAttribute('data-screen-ready');
}

// Opens the screen the menu names `name` and waits until it has mounted.
async function openScreen(page, name) {
  const link = page.getByRole('navigation').getByRole('link', { name, exact: true });
  const id = (await link.getAttribute('href')).replace(/^#/, '');
  await link.click();
  await screenReady(page, id);
}

// Signs in with the form the page shows (in Bangla: switched to বাংলা first)
// and waits for the user's first screen.
async function signIn(page, username, { password = DEMO_PASSWORD, bangla = false } = {}) {
  if (bangla) {
    await page.getByRole('button', { name: 'বাংলা' }).click();
    await page.getByLabel('ব্যবহারকারীর নাম').fill(username);
    await page.getByLabel('পাসওয়ার্ড').fill(password);
    await page.getByRole('button', { name: 'প্রবেশ করুন' }).click();
  } else {
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await screenReady(page);
}

// Page errors, and console errors unless watchConsole is false or the text
// matches `expectedConsole` (the refusals a test provokes on purpose), as
// readable lines in `problems`.
function watch(page, problems, { watchConsole = true, expectedConsole = null } = {}) {
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  if (!watchConsole) return;
  page.on('console', (m) => {
    if (m.type() === 'error' && !(expectedConsole && expectedConsole.test(m.text()))) problems.push(`console: ${m.text()}`);
  });
}

// Let the page lay out and paint at its new size before a picture is taken.
const nextFrame = (page) => page.evaluate(() => new Promise((resolve) => {
  requestAnimationFrame(() => requestAnimationFrame(resolve));
}));

// Full-page screenshots `<name>-<width>.png` at each width (a 360 px phone, a
// 1366 px desktop) in the artifacts folder, copied to CLINIC_HUB_SCREENSHOTS_DIR
// when set; back at 1366 px afterwards. With mustFit, fails when the page is
// wider than the screen at any of them (a usable screen scrolls down, not
// sideways; only a table scrolls in its own box).
async function shoot(page, name, { widths = [360, 1366], mustFit = false } = {}) {
  for (const width of widths) {
    await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
    await nextFrame(page);
    const file = `${name}-${width}.png`;
    await page.screenshot({ path: path.join(ARTIFACTS, file), fullPage: true });
    if (SCREENSHOTS) fs.copyFileSync(path.join(ARTIFACTS, file), path.join(SCREENSHOTS, file));
    if (mustFit) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${name} at ${width} px is ${overflow} px wider than the screen`);
    }
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

// The hub (a demo clinic, started before the file's tests) and a browser, both
// stopped after them; then `setup`, the file's own preparation with the hub up.
// (Node 20 runs a file's test.before hooks side by side, not one after the
// other: a second hook of the file's own could find the hub not started yet.)
function staffApp({ setup } = {}) {
  const hub = new Hub();
  let browser;
  test.before(async () => {
    await hub.start();
    browser = await launch({ autoplay: false });
    if (setup) await setup();
  });
  test.after(async () => {
    if (browser) await browser.close();
    await hub.stop();
  });

  // A new browser context at 1366 × 900 that accepts the hub's certificate;
  // `problems` collects what watch() reports.
  async function newPage(options = {}) {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const problems = [];
    watch(page, problems, options);
    return { context, page, problems };
  }

  // A staff member signed in from the app's first page, their first screen
  // mounted. Options: password, and watch()'s.
  async function signedIn(username, { password, ...options } = {}) {
    const session = await newPage(options);
    await session.page.goto(`${hub.origin}/`);
    await signIn(session.page, username, { password });
    session.problems.length = 0;  // before sign-in, whoami's 401 is how the app learns it must ask
    return session;
  }

  return { hub, newPage, signedIn };
}

module.exports = { staffApp, signIn, screenReady, openScreen, shoot, watch, DEMO_PASSWORD };
