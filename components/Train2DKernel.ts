'use client';
/**
 * The chapter "kernel" for the live 2D model: a module-level store (one per page) holding the
 * model the training cell produced, so the sampling cell uses the same model — like variables
 * shared between notebook cells. It is saved to IndexedDB and restored on reload until the
 * reader presses "clear saved model".
 */
import { useEffect, useSyncExternalStore } from 'react';
import { makeStore } from '@/lib/valueStore';
import type { SavedModel } from '@/lib/train2d/protocol';
import { clearSavedModel, loadSavedModel, saveModel } from '@/lib/train2d/storage';

export interface KernelState {
  model: SavedModel | null;
  /** 'trained' in this page, 'restored' from IndexedDB, or null. */
  source: 'trained' | 'restored' | null;
  /** IndexedDB has been read. */
  ready: boolean;
}

const KEY = 'theory-2d';
const store = makeStore<KernelState>({ model: null, source: null, ready: false });
let loading: Promise<void> | null = null;
/**
 * IndexedDB writes, one after another (a Clear pressed during a save must land after it). Nothing
 * awaits them: the model is the page's as soon as it is in the store, and a run's end (Stop
 * included) need not wait for the disk (measured: the write took 50–65 ms of a 90–160 ms Stop, quiet).
 */
let writes: Promise<unknown> = Promise.resolve();
const persist = (write: () => Promise<unknown>) => { writes = writes.then(write, write); };

function ensureLoaded() {
  if (loading) return;
  loading = loadSavedModel(KEY).then((m) => {
    // A model trained while we were reading wins over the stored one.
    if (store.get().model) store.update((s) => ({ ...s, ready: true }));
    else store.set({ model: m, source: m ? 'restored' : null, ready: true });
  }, () => store.update((s) => ({ ...s, ready: true })));
}

export const train2dKernel = {
  get: store.get,
  subscribe: store.subscribe,
  set(model: SavedModel): void {
    store.set({ model, source: 'trained', ready: true });
    persist(() => saveModel(KEY, model));
  },
  clear(): void {
    store.set({ model: null, source: null, ready: true });
    persist(() => clearSavedModel(KEY));
  },
  /** Resolves once IndexedDB has been read (a cell run from a link may start before that). */
  whenReady(): Promise<void> {
    ensureLoaded();
    return loading ?? Promise.resolve();
  },
};

const SERVER_STATE: KernelState = { model: null, source: null, ready: false };

export function useTrain2DKernel(): KernelState {
  useEffect(() => { ensureLoaded(); }, []);
  return useSyncExternalStore(train2dKernel.subscribe, train2dKernel.get, () => SERVER_STATE);
}
