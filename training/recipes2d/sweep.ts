/**
 * Offline recipe comparison for the training cell (lib/train2d/defaults.ts): the page's own
 * trainer (lib/train2d/engine.ts#runTraining) on TF.js's wasm backend in Node, one thread, with
 * a step count instead of a time budget, so recipes compare by quality per step without the
 * noise of a shared machine's clock; `speed` measures steps/s on its own.
 *
 *   node training/recipes2d/run.mjs quality '{"batch":256,"tPower":1}' dino,moons 1500 1,2,3
 *   node training/recipes2d/run.mjs speed '[{"batch":512},{"batch":256,"width":32}]' 300
 *
 * A config overrides TRAIN2D_DEFAULTS (and may name `sampler`, `backend`); quality is the cell's
 * final figure: precision/coverage@0.1 and sliced Wasserstein of 2,000 samples. Every line also
 * prints /proc/loadavg, since steps/s depend on what else the machine runs.
 */
import * as tf from '@tensorflow/tfjs';
import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import fs from 'node:fs';
import { runTraining, scheduleFor, type TrainHooks } from '@/lib/train2d/engine';
import { TRAIN2D_DEFAULTS, FINAL_SAMPLER } from '@/lib/train2d/defaults';
import { dinoPoints, makeDataset, type DatasetId } from '@/lib/data2d';
import { makeRng } from '@/lib/rng';
import { Net, initWeights, paramCount } from '@/lib/train2d/model';
import { Trainer } from '@/lib/train2d/trainer';
import type { SamplerSpec } from '@/lib/diffusion/samplers';

type Recipe = typeof TRAIN2D_DEFAULTS & { sampler?: SamplerSpec; backend?: string };

const hooks: TrainHooks = {
  onProgress() {}, onQuality() {}, shouldStop: () => false, isPaused: () => false,
  waitWhilePaused: async () => {}, yieldNow: async () => {}, now: () => performance.now(),
};

const loadavg = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

async function startBackend(name: string): Promise<void> {
  if (name === 'wasm') setThreadsCount(1);
  await tf.setBackend(name);
  await tf.ready();
}

/** The cell's default draw: the 142 dino points, else 1,000 points with seed 1. */
function pointsFor(set: string): Float32Array {
  return set === 'dino' ? dinoPoints() : makeDataset(set as DatasetId, 1000, makeRng(1));
}

/** Train each (data set, steps, seed) with one recipe and print the final quality. */
async function quality(argv: string[]): Promise<void> {
  const P: Recipe = { ...TRAIN2D_DEFAULTS, ...JSON.parse(argv[0] ?? '{}') };
  const sets = (argv[1] ?? 'dino').split(',');
  const stepsList = (argv[2] ?? '1500').split(',').map(Number);
  const seeds = (argv[3] ?? '1').split(',').map(Number);
  const backend = P.backend ?? 'wasm';
  await startBackend(backend);
  for (const set of sets) for (const steps of stepsList) for (const seed of seeds) {
    const net = { width: P.width, depth: P.depth, fourier: P.fourier, fourierScale: P.fourierScale, timeDim: P.timeDim, T: P.T };
    const train = { batch: P.batch, lr: P.lr, steps, seconds: 0, warmupFrac: P.warmupFrac, minLrFrac: P.minLrFrac, emaDecay: P.emaDecay, tPower: P.tPower, seed };
    let trainSeconds = 0;
    const r = await runTraining(tf, {
      points: pointsFor(set), dataLabel: set, schedule: P.schedule, net, train,
      qualityEvery: 0, qualitySamples: 0, finalSamples: 2000, sampler: P.sampler ?? FINAL_SAMPLER,
    }, backend, { ...hooks, onProgress: (p) => { trainSeconds = p.seconds; } });
    const q = r.quality!;
    console.log(JSON.stringify({
      set, steps, seed, params: paramCount({ ...net, seed: 0 }), stepsPerSecond: +(steps / trainSeconds).toFixed(1), sampleMs: Math.round(r.sampleMs),
      precision: +q.precision.toFixed(3), coverage: +q.coverage.toFixed(3), swd: +q.swd.toFixed(3), loadavg: loadavg(), recipe: argv[0] ?? '{}',
    }));
  }
}

/** Steps per second of each recipe: `steps` training steps on the dino, no sampling. */
async function speed(argv: string[]): Promise<void> {
  const recipes: Partial<Recipe>[] = JSON.parse(argv[0] ?? '[{}]');
  const steps = Number(argv[1] ?? 300);
  await startBackend(argv[2] ?? 'wasm');
  const data = dinoPoints();
  for (const c of recipes) {
    const P: Recipe = { ...TRAIN2D_DEFAULTS, ...c };
    const net = new Net(tf, initWeights({ width: P.width, depth: P.depth, fourier: P.fourier, fourierScale: P.fourierScale, timeDim: P.timeDim, T: P.T, seed: 1 }));
    const tr = new Trainer(tf, net, data, scheduleFor(P.schedule, P.T), { batch: P.batch, lr: 1e-3, steps: 1e9, seconds: 0, warmupFrac: 0, minLrFrac: 1, emaDecay: P.emaDecay, tPower: P.tPower, seed: 1 });
    const run = async (n: number) => {
      let last: tf.Scalar | null = null;
      // Read the loss every few steps, as the worker reads once per chunk.
      for (let i = 0; i < n; i++) { last?.dispose(); last = tr.trainStep(0.5); if (i % 5 === 4) await last.data(); }
      await last?.data();
      last?.dispose();
    };
    await run(20); // warm-up: kernels compiled, memory allocated
    const t0 = performance.now();
    await run(steps);
    const ms = (performance.now() - t0) / steps;
    tr.dispose();
    net.dispose();
    console.log(JSON.stringify({ recipe: c, msPerStep: +ms.toFixed(2), stepsPerSecond: Math.round(1000 / ms), loadavg: loadavg() }));
  }
}

export async function main(argv: string[]): Promise<void> {
  const [cmd, ...rest] = argv;
  if (cmd === 'quality') await quality(rest);
  else if (cmd === 'speed') await speed(rest);
  else throw new Error('usage: run.mjs quality RECIPE SETS STEPS SEEDS | speed RECIPES STEPS [BACKEND]');
}
