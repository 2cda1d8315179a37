// Copies the front-end library's ES modules from node_modules into app/vendor,
// the files the hub serves. Bare imports ("preact") become relative ones
// ("./preact.js"): the CSP allows no inline import map, and there is no build
// step. The output is committed; `--check` (run by the tests) fails when the
// committed files differ from what this script makes from the locked versions.
//   cd webapp && npm ci && node scripts/vendor.mjs [--check]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const modules = path.join(here, '..', 'node_modules');
const vendor = path.join(here, '..', 'app', 'vendor');

// [package, file in the package, name served, bare imports to rewrite]
const files = [
  ['preact', 'dist/preact.module.js', 'preact.js', {}],
  ['preact', 'hooks/dist/hooks.module.js', 'hooks.js', { preact: './preact.js' }],
  ['htm', 'dist/htm.module.js', 'htm.js', {}],
];

function made(pkg, file, rewrites) {
  const meta = JSON.parse(fs.readFileSync(path.join(modules, pkg, 'package.json'), 'utf8'));
  let text = fs.readFileSync(path.join(modules, pkg, file), 'utf8');
  for (const [from, to] of Object.entries(rewrites)) {
    text = text.replaceAll(`from"${from}"`, `from"${to}"`).replaceAll(`from '${from}'`, `from '${to}'`);
  }
  text = text.replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n');
  return `/* ${pkg} ${meta.version} (${meta.license}), ${file}: copied by webapp/scripts/vendor.mjs; do not edit */\n${text}`;
}

const check = process.argv.includes('--check');
let stale = 0;
fs.mkdirSync(vendor, { recursive: true });
for (const [pkg, file, name, rewrites] of files) {
  const want = made(pkg, file, rewrites);
  const target = path.join(vendor, name);
  const have = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
  if (have === want) continue;
  if (check) {
    console.error(`app/vendor/${name} differs from ${pkg}/${file} of the locked version: run node scripts/vendor.mjs`);
    stale += 1;
  } else {
    fs.writeFileSync(target, want);
    console.log(`wrote app/vendor/${name}`);
  }
}
const expected = new Set(files.map((f) => f[2]));
for (const name of fs.readdirSync(vendor)) {
  if (!expected.has(name)) {
    console.error(`app/vendor/${name} is not made by scripts/vendor.mjs`);
    stale += 1;
  }
}
if (check) console.log(stale ? `vendor check: ${stale} stale` : 'vendor check: app/vendor matches the lock file');
process.exitCode = stale ? 1 : 0;
