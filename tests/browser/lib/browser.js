// Debian's Chromium driven by playwright-core, with the flags from
// shared/recipes/browser-tests.md (no background traffic to the internet).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// Where screenshots go (ctest sets build/tests/browser-artifacts), and the
// folder to copy them to as well: docs/screenshots to refresh the README's.
const ARTIFACTS = process.env.CLINIC_HUB_BROWSER_ARTIFACTS || path.resolve('artifacts');
const SCREENSHOTS = process.env.CLINIC_HUB_SCREENSHOTS_DIR;
const SKIP = 77;  // ctest's SKIP_RETURN_CODE for these tests (tests/browser.cmake)
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Why the browser tests cannot run here, or null when they can.
function missingPrerequisite() {
  if (!fs.existsSync(CHROMIUM)) return `${CHROMIUM} is missing (apt-get install chromium)`;
  try {
    require.resolve('playwright-core');
  } catch (e) {
    return 'playwright-core is not installed (npm ci in tests/browser)';
  }
  return null;
}

function certutilMissing() {
  return spawnSync('certutil', ['-H']).error ? 'certutil is not installed (apt-get install libnss3-tools)' : null;
}

// The test file's exit says it did not run, and why.
function skip(reason) {
  console.log(`SKIPPED: ${reason}`);
  process.exitCode = SKIP;
}

// Every browser test file starts here: true when its tests can run (the
// artifacts folder then exists); otherwise it prints "SKIPPED: <why>" and sets
// the exit code ctest counts as skipped. `more` are the file's own
// prerequisites, each a reason it cannot run or null.
function prerequisitesMet(...more) {
  const missing = missingPrerequisite() || more.find(Boolean);
  if (missing) {
    skip(missing);
    return false;
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return true;
}

// Playwright gives every launch a fresh temporary profile (the recipe's
// --user-data-dir). autoplay: false keeps Chromium's own autoplay policy.
async function launch({ autoplay = true } = {}) {
  const { chromium } = require('playwright-core');
  const args = autoplay ? [...FLAGS, '--autoplay-policy=no-user-gesture-required'] : FLAGS;
  return chromium.launch({
    executablePath: CHROMIUM, args, ignoreDefaultArgs: autoplay ? [] : ['--autoplay-policy=no-user-gesture-required'],
  });
}

module.exports = {
  launch, missingPrerequisite, certutilMissing, prerequisitesMet, skip, ARTIFACTS, SCREENSHOTS, CHROMIUM, FLAGS,
};
