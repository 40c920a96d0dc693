/**
 * The page side of the site's one worker layer (the worker side is ./host.ts): a `WorkerHandle`
 * owns one Web Worker, started lazily on the first call, and gives
 * - `call(fn)`: a comlink call that also rejects if the worker dies meanwhile;
 * - `job(signal, fn)`: the same with a job id, where aborting the signal sends `stop(jobId)` (the
 *   call then settles as the worker's job decides: an AbortError, or a partial result);
 * - crash handling: an `error` or `messageerror` event, or `terminate()`, rejects EVERY pending
 *   call with one clear message, drops the worker, and the next call starts a fresh one.
 * One handle per page per model kind (lib/train2d/client.ts, lib/imageSampling/client.ts).
 */
import * as Comlink from 'comlink';
import { abortError } from '../abort';
import type { WorkerControl } from './host';

/** What a handle needs from a Worker (a MessagePort pair stands in for one in Jest). */
export interface WorkerLike extends Comlink.Endpoint {
  terminate(): void;
}

/** Every pending call of a worker that died rejects with this. */
export class WorkerCrashedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerCrashedError';
  }
}

/** The handles created on this page, by label: the browser tests reach them through `__ddpmWorkers`. */
const handles = new Map<string, WorkerHandle<WorkerControl>>();

interface WorkersTestHook {
  labels(): string[];
  /** Asks the worker to throw an uncaught error (as a crash would). */
  crash(label: string): void;
  /** Terminates the worker, as the browser would kill it. */
  terminate(label: string): void;
}

function installTestHook(): void {
  const g = globalThis as { __ddpmWorkers?: WorkersTestHook };
  if (g.__ddpmWorkers) return;
  g.__ddpmWorkers = {
    labels: () => [...handles.keys()].filter((l) => handles.get(l)?.started),
    crash: (label) => handles.get(label)?.crashForTests(),
    terminate: (label) => handles.get(label)?.terminate(`The ${label} was terminated. Press Run to start it again.`),
  };
}

export class WorkerHandle<Api extends WorkerControl> {
  private worker: WorkerLike | null = null;
  private remote: Comlink.Remote<Api> | null = null;
  private readonly pending = new Set<(e: Error) => void>();
  private readonly crashListeners = new Set<(e: Error) => void>();
  private nextJobId = 1;

  /** `label` names the worker in messages ("2D model worker"). */
  constructor(readonly label: string, private readonly create: () => WorkerLike) {
    handles.set(label, this as unknown as WorkerHandle<WorkerControl>);
    installTestHook();
  }

  /** A worker is running (calls made, not crashed or terminated since). */
  get started(): boolean {
    return this.worker !== null;
  }

  private ensure(): Comlink.Remote<Api> {
    if (this.remote) return this.remote;
    const w = this.create();
    const onError = (ev: Event) => {
      ev.preventDefault?.();
      const detail = (ev as ErrorEvent).message;
      this.fail(w, `The ${this.label} stopped unexpectedly${detail ? ` (${detail})` : ''}. Press Run to start it again.`);
    };
    const onMessageError = () => this.fail(w, `The ${this.label} sent a message the page could not read. Press Run to start it again.`);
    w.addEventListener('error', onError);
    w.addEventListener('messageerror', onMessageError);
    this.worker = w;
    this.remote = Comlink.wrap<Api>(w);
    return this.remote;
  }

  /** Runs `fn` on the worker's API (starting the worker if needed). */
  call<R>(fn: (api: Comlink.Remote<Api>) => Promise<R>): Promise<R> {
    let api: Comlink.Remote<Api>;
    try {
      api = this.ensure();
    } catch (e) {
      return Promise.reject(new WorkerCrashedError(`The ${this.label} could not start: ${e instanceof Error ? e.message : String(e)}`));
    }
    return new Promise<R>((resolve, reject) => {
      const onCrash = (e: Error) => reject(e);
      this.pending.add(onCrash);
      fn(api).then(resolve, reject).finally(() => this.pending.delete(onCrash));
    });
  }

  /** A stoppable call: aborting `signal` sends stop(jobId) to the worker. */
  job<R>(signal: AbortSignal | undefined, fn: (api: Comlink.Remote<Api>, jobId: number) => Promise<R>): Promise<R> {
    if (signal?.aborted) return Promise.reject(abortError());
    const jobId = this.nextJobId++;
    const onAbort = () => {
      this.remote?.stop(jobId).catch(() => undefined);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    return this.call((api) => fn(api, jobId)).finally(() => signal?.removeEventListener('abort', onAbort));
  }

  /** Called with the error whenever the worker dies (e.g. to forget a loaded model). */
  onCrash(listener: (e: Error) => void): () => void {
    this.crashListeners.add(listener);
    return () => { this.crashListeners.delete(listener); };
  }

  /** Ends the worker now: every pending call rejects with `message`; the next call starts a fresh worker. */
  terminate(message = `The ${this.label} was stopped`): void {
    if (this.worker) this.fail(this.worker, message);
  }

  crashForTests(): void {
    this.remote?.crashForTests().catch(() => undefined);
  }

  private fail(w: WorkerLike, message: string): void {
    if (this.worker !== w) return; // an old worker's late event
    w.terminate();
    this.worker = null;
    this.remote = null;
    const err = new WorkerCrashedError(message);
    const pending = [...this.pending];
    this.pending.clear();
    for (const reject of pending) reject(err);
    for (const l of this.crashListeners) l(err);
  }
}
