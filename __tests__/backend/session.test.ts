/** One backend decision per page (lib/backend/session.ts), with workers stood in by functions. */
import { pageBackend, pageBackendDecision, resetPageBackend, type BackendChoice } from '@/lib/backend/session';
import type { BackendPreference } from '@/lib/backend/decide';

/** A worker that "measures" (takes `ms`) unless handed the page's decision. */
function fakeWorker(measured: BackendChoice, ms = 20) {
  const calls: { preference: BackendPreference; cached: BackendChoice | null }[] = [];
  const select = async (preference: BackendPreference, cached: BackendChoice | null): Promise<BackendChoice> => {
    calls.push({ preference, cached });
    if (preference !== 'auto') return { name: preference, reason: `${preference} (chosen in the override)` };
    if (cached) return cached;
    await new Promise((r) => setTimeout(r, ms));
    return measured;
  };
  return { select, calls, measurements: () => calls.filter((c) => c.preference === 'auto' && !c.cached).length };
}

beforeEach(() => resetPageBackend());

test('the first worker that measures decides; the other reuses its decision', async () => {
  const twoD = fakeWorker({ name: 'wasm', reason: 'wasm 19 ms/step (webgpu is a software adapter)' });
  const image = fakeWorker({ name: 'webgl', reason: 'webgl 5 ms/step' });
  const a = await pageBackend('auto', twoD.select);
  const b = await pageBackend('auto', image.select);
  expect(a.name).toBe('wasm');
  expect(b).toEqual(a);
  expect(twoD.measurements()).toBe(1);
  expect(image.measurements()).toBe(0);
  expect(image.calls).toEqual([{ preference: 'auto', cached: a }]);
});

test('a worker asking while the first still measures waits and reuses (no second measurement)', async () => {
  const twoD = fakeWorker({ name: 'wasm', reason: 'wasm measured' }, 50);
  const image = fakeWorker({ name: 'cpu', reason: 'cpu measured' });
  const [a, b] = await Promise.all([pageBackend('auto', twoD.select), pageBackend('auto', image.select)]);
  expect(a.name).toBe('wasm');
  expect(b.name).toBe('wasm');
  expect(twoD.measurements() + image.measurements()).toBe(1);
});

test('a forced override is the cell’s own: it neither sets nor changes the page decision', async () => {
  const w = fakeWorker({ name: 'wasm', reason: 'wasm measured' });
  expect((await pageBackend('webgl', w.select)).name).toBe('webgl');
  expect(pageBackendDecision()).toBeNull();
  await pageBackend('auto', w.select);
  expect((await pageBackend('cpu', w.select)).reason).toBe('cpu (chosen in the override)');
  expect(pageBackendDecision()?.name).toBe('wasm');
});

test('a failed measurement is not remembered: the next request measures again', async () => {
  let fail = true;
  const select = async (_p: BackendPreference, cached: BackendChoice | null): Promise<BackendChoice> => {
    if (cached) return cached;
    if (fail) { fail = false; throw new Error('No TF.js backend could start'); }
    return { name: 'cpu', reason: 'cpu' };
  };
  await expect(pageBackend('auto', select)).rejects.toThrow('No TF.js backend could start');
  expect(pageBackendDecision()).toBeNull();
  await expect(pageBackend('auto', select)).resolves.toEqual({ name: 'cpu', reason: 'cpu' });
});
