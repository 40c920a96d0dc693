/** The wasm thread rule (lib/backend/threads.ts): isolation, cores − 1, measured, forced. */
import { decideThreads, describeThreads, parseThreadsOverride, planThreads, THREADS_MIN_GAIN } from '@/lib/backend/threads';

const env = (o: Partial<Parameters<typeof planThreads>[0]> = {}) => ({ isolated: true, threadSupport: true, cores: 8, forced: null, ...o });

test('without cross-origin isolation or threaded wasm, one thread and the reason', () => {
  expect(planThreads(env({ isolated: false }))).toEqual({ settled: { threads: 1, why: { kind: 'not-isolated' } } });
  expect(planThreads(env({ isolated: false, forced: 4 }))).toEqual({ settled: { threads: 1, why: { kind: 'not-isolated' } } });
  expect(planThreads(env({ threadSupport: false }))).toEqual({ settled: { threads: 1, why: { kind: 'unsupported' } } });
});

test('cores − 1 threads are measured; two cores (or unknown) leave one thread without measuring', () => {
  expect(planThreads(env({ cores: 8 }))).toEqual({ measure: 7 });
  expect(planThreads(env({ cores: 3 }))).toEqual({ measure: 2 });
  expect(planThreads(env({ cores: 64 }))).toEqual({ measure: 8 });
  expect(planThreads(env({ cores: 2 }))).toEqual({ settled: { threads: 1, why: { kind: 'one-core', cores: 2 } } });
  expect(planThreads(env({ cores: undefined }))).toEqual({ settled: { threads: 1, why: { kind: 'one-core', cores: 1 } } });
});

test('a forced count skips the measurement (isolation still required)', () => {
  expect(planThreads(env({ cores: 2, forced: 2 }))).toEqual({ settled: { threads: 2, why: { kind: 'forced', threads: 2 } } });
  expect(planThreads(env({ forced: 1 }))).toEqual({ settled: { threads: 1, why: { kind: 'forced', threads: 1 } } });
});

test('threads are kept only when clearly faster', () => {
  expect(decideThreads(3, 100, 40).threads).toBe(3);
  expect(decideThreads(3, 100, 100 * THREADS_MIN_GAIN).threads).toBe(3);
  expect(decideThreads(3, 100, 95).threads).toBe(1);
  expect(decideThreads(3, 100, 130).threads).toBe(1);
  expect(decideThreads(3, 100, NaN).threads).toBe(1);
  expect(decideThreads(3, 100, 95).why).toEqual({ kind: 'measured', tried: 3, singleMs: 100, threadedMs: 95 });
  expect(describeThreads(decideThreads(3, 100, 40))).toBe('3 threads (measured: 1 thread 100.0 ms, 3 threads 40.0 ms)');
});

test('the wasm-threads query parameter: 1..8, anything else ignored', () => {
  expect(parseThreadsOverride('?wasm-threads=2')).toBe(2);
  expect(parseThreadsOverride('?a=1&wasm-threads=8')).toBe(8);
  for (const bad of ['', '?wasm-threads=0', '?wasm-threads=9', '?wasm-threads=16', '?wasm-threads=two', '?wasm-threads=2.5', '?wasm-threads=-1', '?wasm-threads=']) {
    expect(parseThreadsOverride(bad)).toBeNull();
  }
});
