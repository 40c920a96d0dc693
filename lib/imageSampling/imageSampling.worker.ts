/// <reference lib="webworker" />
/**
 * The image-model worker: one per page, shared by every cell that samples the pretrained
 * coloured-digit model. It picks the TF.js backend with the site's one selector (lib/backend),
 * downloads the U-Net (and the evaluation classifier) lazily on the first request, keeps them
 * for the session, runs sampling jobs (several may interleave; each stops on its own), streams
 * progress and x̂_0 previews, and reports tf.memory() on request. Served through the site's one
 * worker layer (lib/worker); the calls are typed in ./protocol as `ImageWorkerApi`.
 */
import type * as TfNamespace from '@tensorflow/tfjs';
import { BackendHost } from '../backend/host';
import { convBenchmark } from '../imageModel/benchmark';
import type { BackendChoice } from '../backend/session';
import { loadClassifier, loadEpsilonModel, loadUNetManifest } from '../imageModel/load';
import { fetchModelDigests } from '../imageModel/manifest';
import type { EpsilonModel } from '../imageModel/unet';
import type { DigitClassifier } from '../imageModel/classifier';
import { scheduleTable, type ScheduleTable } from '../diffusion/schedule';
import { Jobs, exposeWorker, openStream, transferResult, yieldToEventLoop, type EventStream, type WorkerControl } from '../worker/host';
import { runSampleJob } from './job';
import type { ImageWorkerApi, LoadProgressInfo, ModelInfo, ModelUrls, SampleEvent } from './protocol';
import type { ImageModelShape } from './sampleImages';
import { classifyImages, tfEpsilon } from './tfAdapters';

interface Loaded {
  key: string;
  unet: EpsilonModel;
  classifier: DigitClassifier | null;
  table: ScheduleTable;
  shape: ImageModelShape;
  info: ModelInfo;
}

const backend = new BackendHost('image-model worker', undefined, (tf) => convBenchmark(tf));
const jobs = new Jobs();
let loaded: Loaded | null = null;
let loading: { key: string; promise: Promise<Loaded> } | null = null;

function disposeLoaded(): void {
  loaded?.unet.dispose();
  loaded?.classifier?.dispose();
  loaded = null;
}

const errorMessage = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Downloads and builds both models on the active backend; `progress` reports each phase. */
async function build(tf: typeof TfNamespace, choice: BackendChoice, urls: ModelUrls, key: string, out: EventStream<LoadProgressInfo>): Promise<Loaded> {
  const started = performance.now();
  out.send({ phase: 'unet', fraction: 0 });
  const manifest = await loadUNetManifest(urls.unet);
  const sched = manifest.schedule;
  const table = scheduleTable({ kind: 'linear', T: sched.T, betaStart: sched.beta_1, betaEnd: sched.beta_T });
  const unet = await loadEpsilonModel(urls.unet, { digests: manifest.sha256, onProgress: (p) => out.send({ phase: 'unet', fraction: p.fraction }) });
  let classifier: DigitClassifier | null = null;
  let classifierError: string | undefined;
  if (urls.classifier) {
    try {
      const digests = await fetchModelDigests(urls.classifier);
      classifier = await loadClassifier(urls.classifier, { digests, onProgress: (p) => out.send({ phase: 'classifier', fraction: p.fraction }) });
    } catch (e) {
      classifierError = errorMessage(e);
    }
  }
  // One small forward pass, so the first job does not pay for kernel set-up.
  const warm = tf.tidy(() => unet.predict(tf.zeros([2, unet.spec.imageSize, unet.spec.imageSize, unet.spec.inChannels]) as TfNamespace.Tensor4D, 0, 0, 0));
  await warm.data();
  warm.dispose();
  const voc = manifest.vocabulary;
  const shape: ImageModelShape = { size: unet.spec.imageSize, channels: unet.spec.inChannels, nullDigit: voc.nullDigitIndex, nullColour: voc.nullColourIndex };
  const info: ModelInfo = {
    backend: choice.name, backendReason: choice.reason, backendWhy: choice.why, parameters: manifest.parameters,
    wasmThreads: choice.name === 'wasm' ? backend.wasmThreads() ?? undefined : undefined,
    T: sched.T, betaStart: sched.beta_1, betaEnd: sched.beta_T,
    colours: voc.colours, background: voc.background, nullDigit: voc.nullDigitIndex, nullColour: voc.nullColourIndex,
    defaultGuidance: manifest.sampling.defaultGuidance ?? null,
    classifier: classifier !== null, classifierError,
    loadSeconds: (performance.now() - started) / 1000,
  };
  return { key, unet, classifier, table, shape, info };
}

const api: Omit<ImageWorkerApi, keyof WorkerControl> = {
  async useBackend(preference, cached, events, threads) {
    const out = openStream(events);
    try {
      backend.forceThreads(threads ?? null);
      out.send({ phase: 'backend', fraction: 0, message: 'choosing a compute backend…' });
      const r = await backend.select(preference, cached, jobs.running > 0, (message) => out.send({ phase: 'backend', fraction: 0, message }));
      if (r.changed) disposeLoaded();
      return r.choice;
    } finally {
      await out.close();
    }
  },

  async load(choice, urls, events) {
    const key = `${urls.unet}|${urls.classifier ?? ''}|${choice.name}`;
    const out = openStream(events);
    try {
      if (loaded?.key === key) return loaded.info;
      if (loading?.key === key) return (await loading.promise).info;
      if (jobs.running > 0) throw new Error('The image model cannot be reloaded while a sampling job runs; stop it first.');
      const promise = (async () => {
        const { tf } = await backend.activate(choice, false);
        disposeLoaded();
        return (loaded = await build(tf, choice, urls, key, out));
      })();
      loading = { key, promise };
      try {
        return (await promise).info;
      } finally {
        if (loading?.promise === promise) loading = null;
      }
    } finally {
      await out.close();
    }
  },

  async sample(jobId, job, events) {
    const out = openStream<SampleEvent>(events);
    try {
      if (!loaded) throw new Error('The image model is not loaded yet.');
      const m = loaded;
      const r = await jobs.run(jobId, (signal) => runSampleJob(tfEpsilon(m.unet), m.table, m.shape, job, {
        signal,
        backend: m.info.backend,
        onStep: (done, total) => {
          out.send({ type: 'progress', done, total });
          return yieldToEventLoop(); // Stop arrives here
        },
        onPreview: (start, n, x0Hat, done, total) => out.send({ type: 'preview', start, n, x0Hat, done, total }, [x0Hat.buffer]),
        onChunk: (start, n, images, verdicts) => {
          const copy = Float32Array.from(images);
          out.send({ type: 'chunk', start, n, images: copy, verdicts }, [copy.buffer]);
        },
        classify: m.classifier ? (images, n) => classifyImages(m.classifier!, images, n) : undefined,
      }));
      return transferResult(r, [r.images.buffer]);
    } finally {
      await out.close(); // every event reaches the page before the result
    }
  },

  async classify(images, n) {
    const c = loaded?.classifier;
    if (!c) throw new Error(loaded?.info.classifierError ?? 'The evaluation classifier is not loaded.');
    return classifyImages(c, images, n);
  },

  memory() {
    return backend.memory();
  },
};

exposeWorker(api, jobs);
