/// <reference lib="webworker" />
/**
 * The image-model worker: one per page, shared by every cell that samples the pretrained
 * coloured-digit model. It picks the TF.js backend with the site's one selector (lib/backend),
 * downloads the U-Net (and the evaluation classifier) lazily on the first request, keeps them
 * for the session, runs sampling jobs (several may interleave; each stops on its own), streams
 * progress and x̂_0 previews, and reports tf.memory() on request.
 */
import type * as TfNamespace from '@tensorflow/tfjs';
import { loadTf, selectBackend, type BackendPreference } from '../backend';
import { loadClassifier, loadEpsilonModel, loadUNetManifest } from '../imageModel/load';
import type { EpsilonModel } from '../imageModel/unet';
import type { DigitClassifier } from '../imageModel/classifier';
import type { UNetManifest } from '../imageModel/spec';
import { makeSchedule, type ScheduleTable } from '../diffusion/schedule';
import { runSampleJob } from './job';
import type { FromWorker, ModelInfo, ToWorker } from './protocol';
import type { ImageModelShape } from './sampleImages';
import { classifyImages, tfEpsilon } from './tfAdapters';

declare const self: DedicatedWorkerGlobalScope;

interface Loaded {
  key: string;
  preference: BackendPreference;
  tf: typeof TfNamespace;
  unet: EpsilonModel;
  classifier: DigitClassifier | null;
  table: ScheduleTable;
  shape: ImageModelShape;
  info: ModelInfo;
}

let loaded: Loaded | null = null;
let loading: { key: string; promise: Promise<Loaded> } | null = null;
const jobs = new Map<number, { aborted: boolean }>();

function post(msg: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

// A macrotask yield without timer clamping, so 'stop' messages are handled between steps.
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
function yieldToQueue(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(0);
  });
}

function disposeLoaded(): void {
  loaded?.unet.dispose();
  loaded?.classifier?.dispose();
  loaded = null;
}

async function load(msg: Extract<ToWorker, { type: 'load' }>): Promise<Loaded> {
  const key = `${msg.unetUrl}|${msg.classifierUrl ?? ''}|${msg.backend}`;
  if (loaded && loaded.key === key) return loaded;
  if (loading && loading.key === key) return loading.promise;
  const progress = (phase: 'backend' | 'unet' | 'classifier', fraction: number, message?: string) =>
    post({ type: 'load-progress', id: msg.id, phase, fraction, message });
  const promise = (async () => {
    const started = performance.now();
    if (jobs.size > 0) throw new Error('The image model cannot be reloaded while a sampling job runs; stop it first.');
    disposeLoaded();
    const tf = await loadTf(msg.wasmPath);
    progress('backend', 0, 'choosing a compute backend…');
    const decision = await selectBackend(tf, msg.backend, { onProbe: (m) => progress('backend', 0, m) });
    progress('unet', 0);
    const manifest: UNetManifest = await loadUNetManifest(msg.unetUrl);
    const sched = manifest.schedule;
    if (sched.type !== 'linear' || sched.parameterization !== 'epsilon') {
      throw new Error(`Model file ${msg.unetUrl}/manifest.json describes a ${sched.type} schedule with ${sched.parameterization} prediction; this page samples a linear-schedule ε-model.`);
    }
    const table = makeSchedule({ kind: 'linear', T: sched.T, betaStart: sched.beta_1, betaEnd: sched.beta_T });
    const unet = await loadEpsilonModel(msg.unetUrl, { onProgress: (p) => progress('unet', p.fraction) });
    let classifier: DigitClassifier | null = null;
    let classifierError: string | undefined;
    if (msg.classifierUrl) {
      try {
        classifier = await loadClassifier(msg.classifierUrl, { onProgress: (p) => progress('classifier', p.fraction) });
      } catch (e) {
        classifierError = errorMessage(e);
      }
    }
    // One small forward pass, so the first job does not pay for kernel set-up.
    const warm = tf.tidy(() => unet.predict(tf.zeros([2, unet.spec.imageSize, unet.spec.imageSize, unet.spec.inChannels]) as TfNamespace.Tensor4D, 0, 0, 0));
    await warm.data();
    warm.dispose();
    const voc = manifest.vocabulary;
    const shape: ImageModelShape = {
      size: unet.spec.imageSize, channels: unet.spec.inChannels, nullDigit: voc.nullDigitIndex, nullColour: voc.nullColourIndex,
    };
    const info: ModelInfo = {
      backend: decision.name,
      backendReason: decision.reason,
      parameters: manifest.parameters,
      T: sched.T,
      betaStart: sched.beta_1,
      betaEnd: sched.beta_T,
      colours: voc.colours,
      background: voc.background,
      nullDigit: voc.nullDigitIndex,
      nullColour: voc.nullColourIndex,
      defaultGuidance: manifest.sampling?.defaultGuidance ?? null,
      classifier: classifier !== null,
      classifierError,
      loadSeconds: (performance.now() - started) / 1000,
    };
    loaded = { key, preference: msg.backend, tf, unet, classifier, table, shape, info };
    return loaded;
  })();
  loading = { key, promise };
  try {
    return await promise;
  } finally {
    if (loading?.promise === promise) loading = null;
  }
}

async function sample(msg: Extract<ToWorker, { type: 'sample' }>): Promise<void> {
  if (!loaded) throw new Error('The image model is not loaded yet.');
  const m = loaded;
  const signal = { aborted: false };
  jobs.set(msg.id, signal);
  try {
    const eps = tfEpsilon(m.unet);
    const classifier = m.classifier;
    const r = await runSampleJob(eps, m.table, m.shape, msg.job, {
      signal,
      backend: m.info.backend,
      onStep: async (done, total) => {
        post({ type: 'progress', id: msg.id, done, total });
        await yieldToQueue();
      },
      onPreview: (start, n, x0Hat, done, total) => post({ type: 'preview', id: msg.id, start, n, x0Hat, done, total }, [x0Hat.buffer]),
      onChunk: (start, n, images, verdicts) => {
        const copy = Float32Array.from(images);
        post({ type: 'chunk', id: msg.id, start, n, images: copy, verdicts }, [copy.buffer]);
      },
      classify: classifier ? (images, n) => classifyImages(classifier, images, n) : undefined,
    });
    post({ type: 'result', id: msg.id, images: r.images, verdicts: r.verdicts, timing: r.timing }, [r.images.buffer]);
  } catch (e) {
    if (signal.aborted || (e instanceof Error && e.name === 'AbortError')) post({ type: 'stopped', id: msg.id });
    else throw e;
  } finally {
    jobs.delete(msg.id);
  }
}

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  const fail = (e: unknown) => post({ type: 'error', id: msg.id, message: errorMessage(e) });
  switch (msg.type) {
    case 'load':
      load(msg).then((l) => post({ type: 'loaded', id: msg.id, info: l.info }), fail);
      break;
    case 'sample':
      sample(msg).catch(fail);
      break;
    case 'stop': {
      const j = jobs.get(msg.id);
      if (j) j.aborted = true;
      break;
    }
    case 'memory': {
      const tf = loaded?.tf;
      const mem = tf?.memory();
      post({ type: 'memory', id: msg.id, numTensors: mem?.numTensors ?? 0, numBytes: mem?.numBytes ?? 0, backend: tf ? tf.getBackend() : null });
      break;
    }
    case 'classify': {
      const c = loaded?.classifier;
      if (!c) { fail(new Error(loaded?.info.classifierError ?? 'The evaluation classifier is not loaded.')); break; }
      classifyImages(c, msg.images, msg.n).then((verdicts) => post({ type: 'verdicts', id: msg.id, verdicts }), fail);
      break;
    }
    default:
      fail(new Error(`Unknown message ${JSON.stringify((msg as { type?: unknown }).type)}.`));
  }
};
