/// <reference lib="webworker" />
/**
 * The race worker, one per page: the features chapter's GAN, VAE, RealNVP flow and the theory
 * chapter's DDPM, trained on the same points (./engine.ts), one after another or several at
 * once (each job yields between chunks of steps, so concurrent jobs share the thread). Served
 * through the site's one worker layer (lib/worker); calls typed in ./protocol as `RaceWorkerApi`.
 */
import { BackendHost } from '../backend/host';
import { Jobs, exposeWorker, openStream, transferResult, yieldToEventLoop } from '../worker/host';
import type { WorkerControl } from '../worker/host';
import { runRace } from './engine';
import type { RaceEvent, RaceWorkerApi } from './protocol';

const backend = new BackendHost('race model worker');
const jobs = new Jobs();

const api: Omit<RaceWorkerApi, keyof WorkerControl> = {
  async useBackend(preference, cached) {
    return (await backend.select(preference, cached, jobs.running > 0)).choice;
  },

  async train(jobId, choice, spec, events) {
    const { tf } = await backend.activate(choice, jobs.running > 0);
    const out = openStream<RaceEvent>(events);
    try {
      const res = await jobs.run(jobId, (signal) => runRace(tf, spec, choice.name, {
        onProgress: (p) => out.send({ type: 'progress', p }),
        onQuality: (q, preview) => out.send({ type: 'quality', model: spec.model, q, preview }, [preview.buffer]),
        shouldStop: () => signal.aborted,
        yieldNow: yieldToEventLoop,
        now: () => performance.now(),
      }));
      return transferResult(res, [res.samples.buffer]);
    } finally {
      await out.close(); // every event reaches the page before the result
    }
  },

  memory() {
    return backend.memory();
  },
};

exposeWorker(api, jobs);
