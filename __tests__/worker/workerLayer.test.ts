/** @jest-environment node */
/**
 * The one worker layer (lib/worker) over a MessageChannel instead of a Web Worker: the same
 * comlink calls, streamed progress, AbortSignal → stop between steps, and a dead worker
 * rejecting every pending call with one clear message.
 */
import * as Comlink from 'comlink';
import { isAbortError, throwIfAborted } from '@/lib/abort';
import { WorkerHandle, WorkerCrashedError, type WorkerLike } from '@/lib/worker/client';
import { Jobs, exposeWorker, openStream, yieldToEventLoop, type RemoteCallback, type WorkerControl } from '@/lib/worker/host';

interface Progress { step: number }

/** A worker-side API shaped like the real ones: a loop of steps that yields between them. */
function makeApi(jobs: Jobs) {
  return {
    async count(jobId: number, steps: number, onProgress?: RemoteCallback<Progress>): Promise<{ steps: number; stopped: boolean }> {
      return jobs.run(jobId, async (signal) => {
        const out = openStream(onProgress);
        let k = 0;
        try {
          for (; k < steps && !signal.aborted; k++) {
            out.send({ step: k + 1 });
            await yieldToEventLoop();
          }
        } finally {
          await out.close();
        }
        return { steps: k, stopped: signal.aborted };
      });
    },
    async sampleUntilStopped(jobId: number): Promise<number> {
      return jobs.run(jobId, async (signal) => {
        for (;;) {
          throwIfAborted(signal);
          await yieldToEventLoop();
        }
      });
    },
    never(): Promise<never> {
      return new Promise(() => undefined);
    },
    async fail(): Promise<never> {
      throw new RangeError('bad input, explained');
    },
    running: () => jobs.running,
  };
}
type Api = ReturnType<typeof makeApi> & WorkerControl;

/** A Worker stand-in: the page holds port1, the "worker" serves on port2. */
class FakeWorker extends EventTarget implements WorkerLike {
  terminated = false;
  readonly channel = new MessageChannel();
  constructor() {
    super();
    const jobs = new Jobs();
    exposeWorker(makeApi(jobs), jobs, this.channel.port2 as unknown as Comlink.Endpoint);
  }
  postMessage(message: unknown, transfer: Transferable[] = []): void {
    this.channel.port1.postMessage(message, transfer);
  }
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: AddEventListenerOptions): void {
    if (type === 'message') this.channel.port1.addEventListener('message', listener as EventListener, options);
    else super.addEventListener(type, listener, options);
  }
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void {
    if (type === 'message') this.channel.port1.removeEventListener('message', listener as EventListener);
    else super.removeEventListener(type, listener);
  }
  start(): void {
    this.channel.port1.start();
  }
  terminate(): void {
    this.terminated = true;
    this.channel.port1.close();
    this.channel.port2.close();
  }
  /** What a browser raises on the Worker object when the worker throws an uncaught error. */
  crash(message: string): void {
    this.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message }));
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const handle = new WorkerHandle<Api>('test worker', () => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  return { handle, workers };
}

const cleanups: (() => void)[] = [];
afterEach(() => { cleanups.splice(0).forEach((f) => f()); });

test('the worker starts on the first call, not before', async () => {
  const { handle, workers } = setup();
  cleanups.push(() => handle.terminate());
  expect(handle.started).toBe(false);
  expect(workers).toHaveLength(0);
  await expect(handle.call((api) => api.running())).resolves.toBe(0);
  expect(handle.started).toBe(true);
  await handle.call((api) => api.running());
  expect(workers).toHaveLength(1);
});

test('progress events all reach the page, in order, before the result', async () => {
  const { handle } = setup();
  cleanups.push(() => handle.terminate());
  const seen: number[] = [];
  let seenAtResult = -1;
  const r = await handle.job(undefined, (api, id) => api.count(id, 25, Comlink.proxy((p: Progress) => { seen.push(p.step); })))
    .then((v) => { seenAtResult = seen.length; return v; });
  expect(r).toEqual({ steps: 25, stopped: false });
  expect(seenAtResult).toBe(25);
  expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
});

test('aborting the signal stops the loop between steps (a partial result, or an AbortError)', async () => {
  const { handle } = setup();
  cleanups.push(() => handle.terminate());
  const ac = new AbortController();
  let t0 = Date.now();
  const partial = handle.job(ac.signal, (api, id) => api.count(id, 1e9));
  setTimeout(() => { t0 = Date.now(); ac.abort(); }, 30);
  const r = await partial;
  expect(r.stopped).toBe(true);
  expect(r.steps).toBeGreaterThan(0);
  expect(Date.now() - t0).toBeLessThan(500);

  const ac2 = new AbortController();
  const p = handle.job(ac2.signal, (api, id) => api.sampleUntilStopped(id));
  setTimeout(() => { t0 = Date.now(); ac2.abort(); }, 30);
  const err = await p.catch((e: unknown) => e);
  expect(isAbortError(err)).toBe(true);
  expect(Date.now() - t0).toBeLessThan(500);
  await expect(handle.call((api) => api.running())).resolves.toBe(0);
});

test('a signal aborted before the call rejects at once, without a message to the worker', async () => {
  const { handle, workers } = setup();
  const ac = new AbortController();
  ac.abort();
  const err = await handle.job(ac.signal, (api, id) => api.sampleUntilStopped(id)).catch((e: unknown) => e);
  expect(isAbortError(err)).toBe(true);
  expect(workers).toHaveLength(0);
});

test('an error thrown in the worker reaches the caller with its message and type name', async () => {
  const { handle } = setup();
  cleanups.push(() => handle.terminate());
  await expect(handle.call((api) => api.fail())).rejects.toMatchObject({ name: 'RangeError', message: 'bad input, explained' });
  await expect(handle.call((api) => api.running())).resolves.toBe(0);
});

test('a crashed worker rejects every pending call with one clear message; the next call starts a fresh worker', async () => {
  const { handle, workers } = setup();
  cleanups.push(() => handle.terminate());
  const crashes: Error[] = [];
  handle.onCrash((e) => crashes.push(e));
  const a = handle.call((api) => api.never());
  const b = handle.job(new AbortController().signal, (api, id) => api.sampleUntilStopped(id));
  const c = handle.job(undefined, (api, id) => api.count(id, 1e9));
  await handle.call((api) => api.running()); // the calls above have reached the worker
  workers[0].crash('out of memory');
  const results = await Promise.allSettled([a, b, c]);
  for (const r of results) {
    expect(r.status).toBe('rejected');
    const e = (r as PromiseRejectedResult).reason;
    expect(e).toBeInstanceOf(WorkerCrashedError);
    expect(e.message).toBe('The test worker stopped unexpectedly (out of memory). Press Run to start it again.');
  }
  expect(crashes).toHaveLength(1);
  expect(workers[0].terminated).toBe(true);
  expect(handle.started).toBe(false);
  await expect(handle.call((api) => api.running())).resolves.toBe(0);
  expect(workers).toHaveLength(2);
});

test('terminate() and a messageerror reject pending calls the same way', async () => {
  const { handle, workers } = setup();
  cleanups.push(() => handle.terminate());
  const a = handle.call((api) => api.never());
  await handle.call((api) => api.running());
  handle.terminate('The test worker was terminated');
  await expect(a).rejects.toThrow('The test worker was terminated');

  const b = handle.call((api) => api.never());
  await handle.call((api) => api.running());
  workers[1].dispatchEvent(new Event('messageerror'));
  await expect(b).rejects.toThrow(/test worker sent a message the page could not read/);
  // A late event from a worker already replaced changes nothing.
  const c = handle.call((api) => api.running());
  workers[0].crash('late');
  await expect(c).resolves.toBe(0);
});

test('a stop that reaches the worker before its job started still stops it', async () => {
  const jobs = new Jobs();
  jobs.stop(7);
  const r = await jobs.run(7, async (signal) => signal.aborted);
  expect(r).toBe(true);
  expect(await jobs.run(8, async (signal) => signal.aborted)).toBe(false);
});
