/** @jest-environment node */
/**
 * The reference fixture the math tests read (__tests__/fixtures/reference-values.json) is exactly
 * what scripts/reference_values.py computes with NumPy, so no test value is typed in by hand.
 * Needs a Python with NumPy (PYTHON, else /usr/bin/python3, else python3). Without one the test
 * is skipped with a notice — except under CI=true, where a missing NumPy is a failure (.ci/run
 * installs python3-numpy).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const SCRIPT = join(process.cwd(), 'scripts', 'reference_values.py');
const FIXTURE = join(process.cwd(), '__tests__', 'fixtures', 'reference-values.json');

function findPythonWithNumpy(): string | null {
  const candidates = [process.env.PYTHON, '/usr/bin/python3', 'python3'].filter((p): p is string => !!p);
  for (const python of candidates) {
    const r = spawnSync(python, ['-c', 'import numpy'], { encoding: 'utf8' });
    if (r.status === 0) return python;
  }
  return null;
}

const python = findPythonWithNumpy();
if (!python && process.env.CI !== 'true') {
  console.warn('REFERENCE-VALUE CHECK SKIPPED: no Python with NumPy (set PYTHON or install python3-numpy).');
}
const maybe = python || process.env.CI === 'true' ? test : test.skip;

maybe('the fixture equals a fresh run of scripts/reference_values.py', () => {
  expect(python).not.toBeNull();
  const r = spawnSync(python!, [SCRIPT], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual(JSON.parse(readFileSync(FIXTURE, 'utf8')));
});
