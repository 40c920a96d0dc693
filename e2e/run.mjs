// Browser suite: builds the static export, serves it on 127.0.0.1 and runs e2e/tests/*.test.mjs
// with Node's test runner, driving Debian's chromium through playwright-core.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findChromium } from './chromium.mjs';
import { startStaticServer } from '../scripts/serve-static.mjs';

const chromium = findChromium();
if (!chromium) {
  const msg = [
    '',
    '################################################################################',
    '#  BROWSER TESTS SKIPPED: no Chromium found.                                   #',
    '#  Install Debian\'s chromium:   sudo apt-get install -y chromium               #',
    '#  or point CHROMIUM_PATH at a Chromium/Chrome binary, then run npm test again. #',
    '################################################################################',
    '',
  ].join('\n');
  if (process.env.CI === 'true') {
    console.error(msg + '\nCI=true: a missing browser is a failure.');
    process.exit(1);
  }
  console.warn(msg);
  process.exit(0);
}

if (process.env.E2E_SKIP_BUILD !== '1' || !fs.existsSync('out/index.html')) {
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const { url, close } = await startStaticServer('out', 0);
const only = process.argv.slice(2);
const files = fs
  .readdirSync('e2e/tests')
  .filter((f) => f.endsWith('.test.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()
  .map((f) => path.join('e2e/tests', f));

// Two test files at a time: the suite mostly waits (time budgets, animations, network idle), and two
// halve that wait on a 2-core machine (measured: 39 min one at a time, 29 min two at a time).
// E2E_CONCURRENCY=1 runs them one by one, e.g. to time a single file.
const child = spawn(process.execPath, ['--test', `--test-concurrency=${process.env.E2E_CONCURRENCY ?? 2}`, ...files], {
  stdio: 'inherit',
  env: { ...process.env, E2E_BASE_URL: url, CHROMIUM_PATH: chromium },
});
const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
await close();
process.exit(code);
