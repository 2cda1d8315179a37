// Debian's Chromium driven by playwright-core, with the flags from
// shared/recipes/browser-tests.md (no background traffic to the internet).
'use strict';
const fs = require('node:fs');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
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

// Playwright gives every launch a fresh temporary profile (the recipe's
// --user-data-dir). autoplay: false keeps Chromium's own autoplay policy.
async function launch({ autoplay = true } = {}) {
  const { chromium } = require('playwright-core');
  const args = autoplay ? [...FLAGS, '--autoplay-policy=no-user-gesture-required'] : FLAGS;
  return chromium.launch({
    executablePath: CHROMIUM, args, ignoreDefaultArgs: autoplay ? [] : ['--autoplay-policy=no-user-gesture-required'],
  });
}

module.exports = { launch, missingPrerequisite };
