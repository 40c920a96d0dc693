/// <reference lib="webworker" />
/**
 * The 2D model worker, one per page (every 2D cell on the page shares it): picks a TF.js backend
 * (lib/backend), trains ε_θ with live progress and quality, samples from a saved model, and
 * reports its own tensor count. Served through the site's one worker layer (lib/worker); the
 * calls are typed in ./protocol as `Train2DWorkerApi`.
 */
import { BackendHost } from '../backend/host';
import type { Tf } from '../backend';
import { Jobs, exposeWorker, openStream, transferResult, yieldToEventLoop } from '../worker/host';
import { runTraining, runSampling, loadModel, modelKey, scheduleFor, type LoadedModel } from './engine';
import { Net, initWeights } from './model';
import { Trainer } from './trainer';
import { runBound, runScoreField } from './analysis';
import type { SavedModel, Train2DWorkerApi, TrainEvent } from './protocol';
import type { BackendChoice } from '../backend/session';
import type { WorkerControl } from '../worker/host';

/** The backend micro-benchmark: one real training step of a default-sized 2D model. */
function trainStepBenchmark() {
  let state: { net: Net; trainer: Trainer } | null = null;
  return {
    async step(tfx: Tf) {
      if (!state) {
        const T = 50;
        const net = new Net(tfx, initWeights({ width: 64, depth: 3, fourier: 16, fourierScale: 1, timeDim: 16, T, seed: 1 }));
        const data = new Float32Array(512);
        for (let i = 0; i < data.length; i++) data[i] = Math.sin(i * 1.7);
        state = { net, trainer: new Trainer(tfx, net, data, scheduleFor('scaled-linear', T), { batch: 256, lr: 1e-3, steps: 1e9, seconds: 0, warmupFrac: 0, minLrFrac: 1, emaDecay: 0.99, seed: 1 }) };
      }
      const loss = state.trainer.trainStep(0.5);
      await loss.data();
      loss.dispose();
    },
    dispose() { if (state) { state.trainer.dispose(); state.net.dispose(); state = null; } },
  };
}

const backend = new BackendHost('2D model worker', trainStepBenchmark);
const jobs = new Jobs();
let pause: { paused: boolean; wake: (() => void) | null } | null = null;
/** The model last used, kept for the next sampling or analysis request (freed by memory() and on a backend change). */
let loaded: LoadedModel | null = null;
/** Jobs using a loaded model right now. */
let sampling = 0;

function dropLoaded(): void {
  loaded?.net.dispose();
  loaded = null;
}

function wake(): void {
  if (!pause) return;
  pause.paused = false;
  pause.wake?.();
  pause.wake = null;
}

/**
 * Runs one job with `saved` loaded: the kept model serves it unless another job is using a
 * different one (then a model of its own is loaded and freed afterwards).
 */
async function withModel<R>(
  jobId: number, choice: BackendChoice, saved: SavedModel, fn: (tf: Tf, model: LoadedModel, signal: AbortSignal) => Promise<R>,
): Promise<R> {
  const { tf, changed } = await backend.activate(choice, jobs.running > 0);
  if (changed) dropLoaded();
  return jobs.run(jobId, async (signal) => {
    const key = modelKey(saved);
    let own: LoadedModel | null = null;
    if (loaded?.key !== key) {
      if (sampling === 0) { dropLoaded(); loaded = loadModel(tf, saved); } else own = loadModel(tf, saved);
    }
    const model = own ?? loaded!;
    sampling++;
    try {
      return await fn(tf, model, signal);
    } finally {
      sampling--;
      own?.net.dispose();
    }
  });
}

const api: Omit<Train2DWorkerApi, keyof WorkerControl> = {
  async useBackend(preference, cached) {
    const r = await backend.select(preference, cached, jobs.running > 0);
    if (r.changed) dropLoaded();
    return r.choice;
  },

  async train(jobId, choice, spec, events) {
    if (pause) throw new Error('A training run is already going in this page; stop it first.');
    const { tf, changed } = await backend.activate(choice, jobs.running > 0);
    if (changed) dropLoaded();
    const out = openStream<TrainEvent>(events);
    const ctl = { paused: false, wake: null as (() => void) | null };
    pause = ctl;
    try {
      const res = await jobs.run(jobId, (signal) => {
        signal.addEventListener('abort', wake);
        return runTraining(tf, spec, choice.name, {
          onProgress: (p) => out.send({ type: 'progress', p }),
          onQuality: (q, preview) => out.send({ type: 'quality', q, preview }, [preview.buffer]),
          shouldStop: () => signal.aborted,
          isPaused: () => ctl.paused,
          waitWhilePaused: () => new Promise<void>((r) => { if (!ctl.paused || signal.aborted) r(); else ctl.wake = r; }),
          yieldNow: yieldToEventLoop,
          now: () => performance.now(),
        });
      });
      return transferResult(res, [res.samples.buffer]);
    } finally {
      await out.close(); // every event reaches the page before the result
      pause = null;
    }
  },

  async sample(jobId, choice, spec) {
    const r = await withModel(jobId, choice, spec.model, (tf, model, signal) => runSampling(tf, model, spec, { signal, yieldNow: yieldToEventLoop }));
    const buffers: ArrayBufferLike[] = [r.x0.buffer, r.xT.buffer];
    for (const f of r.frames) buffers.push(f.xt.buffer, f.epsHat.buffer, f.x0Hat.buffer, f.mean.buffer, f.noise.buffer);
    return transferResult(r, buffers);
  },

  async bound(jobId, choice, spec, progress) {
    const out = openStream<number>(progress);
    try {
      const r = await withModel(jobId, choice, spec.model, (tf, model, signal) =>
        runBound(tf, model, spec, { signal, yieldNow: yieldToEventLoop, onProgress: (f) => out.send(f) }));
      return transferResult(r, [r.terms.buffer, r.mse.buffer, r.termStdErr.buffer, r.weight.buffer]);
    } finally {
      await out.close();
    }
  },

  async scoreField(jobId, choice, spec, progress) {
    const out = openStream<number>(progress);
    try {
      const r = await withModel(jobId, choice, spec.model, (tf, model, signal) =>
        runScoreField(tf, model, spec, { signal, yieldNow: yieldToEventLoop, onProgress: (f) => out.send(f) }));
      return transferResult(r, [r.grid.buffer, r.x0.buffer, ...r.fields.map((f) => f.buffer), ...r.clouds.map((c) => c.buffer)]);
    } finally {
      await out.close();
    }
  },

  pause() {
    if (pause) pause.paused = true;
  },

  resume() {
    wake();
  },

  memory() {
    // Sampling keeps one model loaded between requests; free it so the count is the baseline.
    if (jobs.running === 0) dropLoaded();
    return backend.memory();
  },
};

exposeWorker(api, jobs);
