/**
 * The worker side of the site's one worker layer (the page side is ./client.ts). A worker builds
 * an object of async methods and hands it to `exposeWorker`; comlink carries the calls. What the
 * layer adds on top of plain RPC:
 * - stoppable jobs: `Jobs.run(jobId, fn)` gives `fn` an AbortSignal that the page's `stop(jobId)`
 *   fires. The stop arrives as a message, so a long loop must yield to the event loop between
 *   steps (`yieldToEventLoop`) and check the signal there;
 * - streamed events: `openStream` sends progress to a callback the page passed with
 *   Comlink.proxy without waiting for each, and `close()` waits for all of them, so no event
 *   reaches the page after the job's result;
 * - a test-only crash, so the page's crash handling can be tried in a browser.
 * No TF.js here (both TF.js workers use it; so could any other).
 */
import * as Comlink from 'comlink';

/** What every worker of the site answers, besides its own calls. */
export interface WorkerControl {
  /** Fires the stop signal of job `jobId` (the job sees it at its next step). */
  stop(jobId: number): void;
  /** Tests only: an uncaught error inside the worker, as a real crash would raise. */
  crashForTests(): void;
}

/** Stop signals of the jobs running in this worker, by the page's job id. */
export class Jobs {
  private readonly controllers = new Map<number, AbortController>();
  /** Stops that arrived before their job started (the job may await something first). */
  private readonly early = new Set<number>();

  get running(): number {
    return this.controllers.size;
  }

  stop(jobId: number): void {
    const c = this.controllers.get(jobId);
    if (c) c.abort();
    else if (this.early.size < 64) this.early.add(jobId);
  }

  async run<T>(jobId: number, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.controllers.has(jobId)) throw new Error(`Job ${jobId} is already running in this worker.`);
    const c = new AbortController();
    if (this.early.delete(jobId)) c.abort();
    this.controllers.set(jobId, c);
    try {
      return await fn(c.signal);
    } finally {
      this.controllers.delete(jobId);
    }
  }
}

// A macrotask turn without timer clamping (nested setTimeout waits ≥ 4 ms): the page's stop and
// pause messages are handled here. One channel per worker realm.
let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];

/** Resolves after one turn of the event loop, so queued messages (Stop) are handled first. */
export function yieldToEventLoop(): Promise<void> {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
    // Node (Jest) would otherwise keep the process alive for the open port.
    (channel.port1 as { unref?: () => void }).unref?.();
  }
  const port = channel.port2;
  return new Promise((resolve) => {
    waiting.push(resolve);
    port.postMessage(0);
  });
}

/** A callback from the page (Comlink.proxy) as the worker sees it. */
export type RemoteCallback<E> = Comlink.Remote<((event: E) => void) & Comlink.ProxyMarked>;

export interface EventStream<E> {
  /** Sends without waiting; `transfer` hands typed-array buffers over instead of copying them. */
  send(event: E, transfer?: Transferable[]): void;
  /** Waits until the page has handled every event sent, then releases the callback. */
  close(): Promise<void>;
}

/** Events of one job, sent to the page's callback (or dropped when the page passed none). */
export function openStream<E>(remote: RemoteCallback<E> | undefined): EventStream<E> {
  const callback = remote as unknown as ((event: E) => Promise<void>) | undefined;
  const inFlight = new Set<Promise<unknown>>();
  let closed = false;
  return {
    send(event, transfer) {
      if (!callback || closed) return;
      const p: Promise<unknown> = Promise.resolve(callback(transfer ? Comlink.transfer(event, transfer) : event))
        .catch(() => undefined) // a throwing page handler must not fail the job
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...inFlight]);
      remote?.[Comlink.releaseProxy]();
    },
  };
}

/** Hands a job's result back, moving its typed arrays' buffers instead of copying them. */
export function transferResult<T>(value: T, buffers: ArrayBufferLike[]): T {
  return Comlink.transfer(value, buffers as Transferable[]);
}

/** Serves `api` (plus stop and the test crash) on `endpoint` (the worker's global scope by default). */
export function exposeWorker<T extends object>(api: T, jobs: Jobs, endpoint?: Comlink.Endpoint): void {
  const control: WorkerControl = {
    stop: (jobId) => jobs.stop(jobId),
    crashForTests: () => {
      setTimeout(() => {
        throw new Error('crash requested by a test');
      }, 0);
    },
  };
  Comlink.expose({ ...api, ...control }, endpoint);
}
