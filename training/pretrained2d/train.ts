/**
 * Trains the shipped 2D models (lib/train2d/pretrained.ts lists them) with the page's own
 * trainer (lib/train2d/engine.ts#runTraining) on TF.js's wasm backend in Node, single-threaded,
 * with fixed seeds and a step count instead of a time budget, so one command reproduces them.
 * Each model is written as a model file (lib/train2d/modelFile.ts), then read back and measured
 * as shipped (after float16 / 8-bit rounding): precision@0.1 and coverage@0.1 of 2,000 samples.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { applyStandardize } from '@/lib/data2d';
import { runTraining, loadModel, runSampling, measureQuality, type TrainHooks } from '@/lib/train2d/engine';
import { TRAIN2D_DEFAULTS as D, FINAL_SAMPLER } from '@/lib/train2d/defaults';
import { PRETRAINED_2D, type PretrainedRecipe } from '@/lib/train2d/pretrained';
import { decodeModelFile, encodeModelFile, modelFileText, pointsOfData, type ArrayEncoding } from '@/lib/train2d/modelFile';
import { paramCount } from '@/lib/train2d/model';

/** Smaller than the training cell's width 64 and weights in 8 bits so a file is a few KB (q8 measured no worse than float16 on the dino); trained longer to make up for it. */
export const PRETRAINED_SETTINGS = { width: 32, depth: 3, steps: 6000, memorizeSteps: 3000, enc: 'q8' as ArrayEncoding, seed: 1, evalSeed: 7, evalN: 2000 };

interface Options { only: string[] | null; steps: number | null; width: number; enc: ArrayEncoding; dry: boolean; out: string }

function parseArgs(argv: string[]): Options {
  const o: Options = { only: null, steps: null, width: PRETRAINED_SETTINGS.width, enc: PRETRAINED_SETTINGS.enc, dry: false, out: 'public/models/2d' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i], v = argv[i + 1];
    if (a === '--only') { o.only = v.split(','); i++; }
    else if (a === '--steps') { o.steps = Number(v); i++; }
    else if (a === '--width') { o.width = Number(v); i++; }
    else if (a === '--enc') { o.enc = v as ArrayEncoding; i++; }
    else if (a === '--out') { o.out = v; i++; }
    else if (a === '--dry') o.dry = true;
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

const hooks: TrainHooks = {
  onProgress() {}, onQuality() {}, shouldStop: () => false, isPaused: () => false,
  waitWhilePaused: async () => {}, yieldNow: async () => {}, now: () => Date.now(),
};

async function trainOne(r: PretrainedRecipe, points: Float32Array, o: Options) {
  const steps = o.steps ?? (r.purpose === 'memorize' ? PRETRAINED_SETTINGS.memorizeSteps : PRETRAINED_SETTINGS.steps);
  const net = { width: o.width, depth: PRETRAINED_SETTINGS.depth, fourier: D.fourier, fourierScale: D.fourierScale, timeDim: D.timeDim, T: D.T };
  const train = { batch: D.batch, lr: D.lr, steps, seconds: 0, warmupFrac: D.warmupFrac, minLrFrac: D.minLrFrac, emaDecay: D.emaDecay, seed: PRETRAINED_SETTINGS.seed };
  const label = r.purpose === 'memorize' ? `${r.n} ${r.dataset} points` : r.dataset;
  const t0 = Date.now();
  const res = await runTraining(tf, {
    points, dataLabel: label, schedule: D.schedule, net, train,
    qualityEvery: 0, qualitySamples: 0, finalSamples: 16, sampler: FINAL_SAMPLER,
  }, 'wasm (Node)', hooks);
  return { model: res.model, seconds: (Date.now() - t0) / 1000, steps, net, train };
}

/** Sample the model as read back from its file and measure it against its training points. */
async function measureShipped(text: string) {
  const back = decodeModelFile(text);
  if (!back.ok) throw new Error(`the written file does not read back: ${JSON.stringify(back.error)}`);
  const loaded = loadModel(tf, back.model);
  try {
    const s = await runSampling(tf, loaded, { model: back.model, sampler: FINAL_SAMPLER, n: PRETRAINED_SETTINGS.evalN, seed: PRETRAINED_SETTINGS.evalSeed, maxFrames: 0 });
    return measureQuality(applyStandardize(back.model.points, back.model.stats), s.x0, 12345);
  } finally {
    loaded.net.dispose();
  }
}

export async function main(argv: string[]): Promise<void> {
  const o = parseArgs(argv);
  await tf.setBackend('wasm');
  await tf.ready();
  if (!o.dry) mkdirSync(o.out, { recursive: true });
  const rows = [];
  for (const [i, r] of PRETRAINED_2D.entries()) {
    if (o.only && !o.only.includes(r.file.replace(/\.json$/, ''))) continue;
    const points = pointsOfData(r.data);
    if (typeof points === 'string') throw new Error(points);
    const { model, seconds, steps, net, train } = await trainOne(r, points, o);
    const trainedWith = { script: 'training/pretrained2d/train.ts', steps, batch: train.batch, lr: train.lr, seed: train.seed, width: net.width, depth: net.depth, weights: o.enc, evalSamples: PRETRAINED_SETTINGS.evalN, evalSeed: PRETRAINED_SETTINGS.evalSeed, sampler: 'ddpm, sigma^2 = beta-tilde' };
    // savedAt is distinct per file: a worker keeps a loaded model by (savedAt, steps, T).
    const savedAt = i + 1;
    const draft = modelFileText(encodeModelFile({ ...model, savedAt, backend: 'wasm (Node)' }, { weights: o.enc, data: r.data, trainedWith }));
    const q = await measureShipped(draft);
    const quality = { step: steps, seconds, precision: q.precision, coverage: q.coverage, swd: q.swd };
    const text = modelFileText(encodeModelFile({ ...model, savedAt, backend: 'wasm (Node)', quality }, { weights: o.enc, data: r.data, trainedWith }));
    if (!o.dry) writeFileSync(path.join(o.out, r.file), text);
    const row = { file: r.file, params: paramCount({ ...net, seed: 0 }), steps, trainSeconds: Math.round(seconds), precision: q.precision, coverage: q.coverage, swd: Number(q.swd.toFixed(4)), bytes: text.length };
    rows.push(row);
    console.log(JSON.stringify(row));
  }
  if (!o.dry && !o.only) writeFileSync('training/results/pretrained2d.json', `${JSON.stringify({ settings: PRETRAINED_SETTINGS, models: rows }, null, 1)}\n`);
}
