/**
 * Main-thread handle on one 2D worker: typed requests with promises, progress callbacks, and
 * the session's backend decision shared between workers (measured once, reused by the next).
 * Creating the worker loads TF.js inside it; the page itself never imports TF.js.
 */
import type { BackendName, BackendPreference } from '../backend/decide';
import type { FrameMsg, ProgressMsg, QualityPoint, Request, Response, SampleSpec, SavedModel, TrainSpec } from './protocol';

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

let sessionBackend: { name: BackendName; reason: string } | null = null;

export interface TrainCallbacks {
  onProgress?(p: ProgressMsg): void;
  onQuality?(q: QualityPoint, preview: Float32Array): void;
}

export interface Trained { stopped: boolean; model: SavedModel; samples: Float32Array; quality: QualityPoint; sampleMs: number }
export interface Sampled { x0: Float32Array; xT: Float32Array; frames: FrameMsg[]; ms: number }

export class Train2DClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, { resolve: (r: Response) => void; reject: (e: Error) => void; cb?: TrainCallbacks }>();
  private backendPref: BackendPreference | null = null;
  backend: { name: BackendName; reason: string } | null = null;

  private ensure(): Worker {
    if (!this.worker) {
      const w = new Worker(new URL('./train2d.worker.ts', import.meta.url), { type: 'module' });
      w.onmessage = (e: MessageEvent<Response>) => this.onMessage(e.data);
      w.onerror = (e) => {
        const err = new Error(`The training worker failed: ${e.message || 'unknown error'}`);
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
        this.terminate();
      };
      this.worker = w;
    }
    return this.worker;
  }

  private onMessage(msg: Response) {
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'progress') { p.cb?.onProgress?.(msg.p); return; }
    if (msg.type === 'quality') { p.cb?.onQuality?.(msg.q, msg.preview); return; }
    this.pending.delete(msg.id);
    if (msg.type === 'error') p.reject(new Error(msg.message));
    else p.resolve(msg);
  }

  private request(req: DistributiveOmit<Request, 'id'>, cb?: TrainCallbacks, transfer: Transferable[] = []): Promise<Response> {
    const w = this.ensure();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, cb });
      w.postMessage({ ...req, id } as Request, transfer);
    });
  }

  /** Start the worker and pick its backend (once per preference). */
  async init(pref: BackendPreference): Promise<{ name: BackendName; reason: string }> {
    if (this.backend && this.backendPref === pref && this.worker) return this.backend;
    const cached = pref === 'auto' ? sessionBackend : null;
    const r = await this.request({ type: 'init', backend: pref, cached });
    if (r.type !== 'ready') throw new Error('unexpected reply');
    this.backend = { name: r.backend, reason: r.reason };
    this.backendPref = pref;
    if (pref === 'auto' && !cached) sessionBackend = this.backend;
    return this.backend;
  }

  async train(spec: TrainSpec, cb: TrainCallbacks): Promise<Trained> {
    const r = await this.request({ type: 'train', spec }, cb);
    if (r.type !== 'trained') throw new Error('unexpected reply');
    return { stopped: r.stopped, model: r.model, samples: r.samples, quality: r.quality, sampleMs: r.sampleMs };
  }

  async sample(spec: SampleSpec): Promise<Sampled> {
    const r = await this.request({ type: 'sample', spec });
    if (r.type !== 'sampled') throw new Error('unexpected reply');
    return { x0: r.x0, xT: r.xT, frames: r.frames, ms: r.ms };
  }

  pause(): Promise<unknown> { return this.worker ? this.request({ type: 'pause' }) : Promise.resolve(); }
  resume(): Promise<unknown> { return this.worker ? this.request({ type: 'resume' }) : Promise.resolve(); }
  stop(): Promise<unknown> { return this.worker ? this.request({ type: 'stop' }) : Promise.resolve(); }

  /** The worker's tf.memory().numTensors (0 when no worker is running). */
  async memory(): Promise<{ numTensors: number; numBytes: number; backend: string | null }> {
    if (!this.worker) return { numTensors: 0, numBytes: 0, backend: null };
    const r = await this.request({ type: 'memory' });
    if (r.type !== 'memory') throw new Error('unexpected reply');
    return { numTensors: r.numTensors, numBytes: r.numBytes, backend: r.backend };
  }

  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    this.backend = null;
    for (const p of this.pending.values()) p.reject(Object.assign(new Error('stopped'), { name: 'AbortError' }));
    this.pending.clear();
  }
}

/** For tests and the benchmark: every live client, so a page can report its workers' tensors. */
export const liveClients = new Set<Train2DClient>();
