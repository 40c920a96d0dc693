// Short settings under which every cell's Run finishes in seconds on a 2-core machine without a
// GPU: the one table the browser tests that run every cell read (zh-ui, stability).
// A cell missing here runs at its defaults; e2e/tests/stability.test.mjs fails on such a cell so
// that a new one gets an entry.
export const QUICK = {
  brownian: { steps: 20 }, cloud: { speed: 1000 }, forward: {}, digit: { speed: 1000 }, schedule: {},
  train2d: { seconds: 1, width: 16, depth: 2, batch: 64, backend: 'wasm' },
  sample2d: { n: 200, sampler: 'ddim', S: 5, backend: 'wasm' }, speed: { count: 1, steps: 5, ddpmRun: 'full' },
  prompt: { count: 1, steps: 2 }, colorize: { count: 1, steps: 2 }, inpaint: { count: 1, steps: 2 },
  superres: { count: 1, steps: 2 }, quiz: { rounds: 2, steps: 2 }, memorize2d: { seconds: 1 },
  nearest: { count: 1, steps: 2 },
  race: { seconds: 1, dataset: 'moons', n: 200, backend: 'wasm', mode: 'parallel' },
  bound2d: { repeats: 1, backend: 'wasm' }, score2d: { grid: 8, particles: 50, backend: 'wasm' },
};

/** The query string that puts every listed cell on a page into its short settings. */
export function quickQuery(ids = Object.keys(QUICK)) {
  return ids
    .flatMap((cell) => Object.entries(QUICK[cell] ?? {}).map(([k, v]) => `${cell}.${k}=${v}`))
    .join('&');
}
