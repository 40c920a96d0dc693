/// <reference lib="webworker" />
/**
 * The 2D DDPM worker: picks a TF.js backend (lib/backend), trains ε_θ with live progress and
 * quality, samples from a saved model, and reports its own tensor count. All messages are typed
 * in ./protocol.
 */
import { loadTf, selectBackend, type Tf } from '../backend';
import { runTraining, runSampling, loadModel, modelKey, type LoadedModel } from './engine';
import { Net, initWeights } from './model';
import { Trainer } from './trainer';
import { scheduleFor } from './engine';
import type { Request, Response, TrainSpec } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

let tf: Tf | null = null;
let backendName: string | null = null;
let training: { stop: boolean; paused: boolean; wake: (() => void) | null } | null = null;
let loaded: LoadedModel | null = null;

const post = (msg: Response, transfer: Transferable[] = []) => self.postMessage(msg, transfer);

// A zero-delay yield (setTimeout is clamped to ≥ 4 ms when nested).
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => { waiting.shift()?.(); };
const yieldNow = () => new Promise<void>((r) => { waiting.push(r); channel.port2.postMessage(0); });

/** The backend micro-benchmark: one real training step of a default-sized 2D model. */
function trainStepBenchmark(t: Tf) {
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
    dispose() { if (state) { state.trainer.dispose(); state.net.dispose(); state = null; } void t; },
  };
}

async function handle(req: Request): Promise<void> {
  switch (req.type) {
    case 'init': {
      tf = await loadTf();
      const decision = await selectBackend(tf, req.backend, { benchmark: trainStepBenchmark(tf), cached: req.cached });
      backendName = decision.name;
      if (loaded) { loaded.net.dispose(); loaded = null; }
      post({ type: 'ready', id: req.id, backend: decision.name, reason: decision.reason });
      return;
    }
    case 'train': {
      if (!tf || !backendName) throw new Error('The worker has no backend yet.');
      if (training) throw new Error('A training run is already going; stop it first.');
      const ctl = { stop: false, paused: false, wake: null as (() => void) | null };
      training = ctl;
      try {
        const res = await runTraining(tf, req.spec as TrainSpec, backendName, {
          onProgress: (p) => post({ type: 'progress', id: req.id, p }),
          onQuality: (q, preview) => post({ type: 'quality', id: req.id, q, preview }, [preview.buffer]),
          shouldStop: () => ctl.stop,
          isPaused: () => ctl.paused,
          waitWhilePaused: () => new Promise<void>((r) => { if (!ctl.paused || ctl.stop) r(); else ctl.wake = r; }),
          yieldNow,
          now: () => performance.now(),
        });
        post({ type: 'trained', id: req.id, stopped: res.stopped, model: res.model, samples: res.samples, quality: res.quality, sampleMs: res.sampleMs }, [res.samples.buffer]);
      } finally {
        training = null;
      }
      return;
    }
    case 'pause':
      if (training) training.paused = true;
      post({ type: 'ack', id: req.id });
      return;
    case 'resume':
    case 'stop':
      if (training) {
        if (req.type === 'stop') training.stop = true;
        training.paused = false;
        training.wake?.();
        training.wake = null;
      }
      post({ type: 'ack', id: req.id });
      return;
    case 'sample': {
      if (!tf || !backendName) throw new Error('The worker has no backend yet.');
      const key = modelKey(req.spec.model);
      if (!loaded || loaded.key !== key) {
        loaded?.net.dispose();
        loaded = null;
        loaded = loadModel(tf, req.spec.model);
      }
      const r = await runSampling(tf, loaded, req.spec);
      const transfer: Transferable[] = [r.x0.buffer, r.xT.buffer];
      for (const f of r.frames) transfer.push(f.xt.buffer, f.epsHat.buffer, f.x0Hat.buffer, f.mean.buffer, f.noise.buffer);
      post({ type: 'sampled', id: req.id, ...r }, transfer);
      return;
    }
    case 'memory': {
      // Sampling keeps one model loaded between requests; free it so the count is the baseline.
      if (loaded && !training) { loaded.net.dispose(); loaded = null; }
      const m = tf ? tf.memory() : { numTensors: 0, numBytes: 0 };
      post({ type: 'memory', id: req.id, numTensors: m.numTensors, numBytes: m.numBytes, backend: tf ? tf.getBackend() ?? null : null });
      return;
    }
  }
}

self.onmessage = (e: MessageEvent<Request>) => {
  const req = e.data;
  handle(req).catch((err: unknown) => {
    post({ type: 'error', id: req.id, message: err instanceof Error ? err.message : String(err) });
  });
};
