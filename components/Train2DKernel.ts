'use client';
/**
 * The chapter "kernel" for the live 2D model: a module-level store (one per page) holding the
 * model the training cell produced, so the sampling cell uses the same model — like variables
 * shared between notebook cells. It is saved to IndexedDB and restored on reload until the
 * reader presses "clear saved model".
 */
import { useEffect, useSyncExternalStore } from 'react';
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
let state: KernelState = { model: null, source: null, ready: false };
const listeners = new Set<() => void>();
let loading: Promise<void> | null = null;

function emit(next: KernelState) {
  state = next;
  listeners.forEach((l) => l());
}

function ensureLoaded() {
  if (loading) return;
  loading = loadSavedModel(KEY).then((m) => {
    // A model trained while we were reading wins over the stored one.
    if (state.model) emit({ ...state, ready: true });
    else emit({ model: m, source: m ? 'restored' : null, ready: true });
  }, () => emit({ ...state, ready: true }));
}

export const train2dKernel = {
  get: () => state,
  subscribe(l: () => void) { listeners.add(l); return () => { listeners.delete(l); }; },
  async set(model: SavedModel): Promise<void> {
    emit({ model, source: 'trained', ready: true });
    await saveModel(KEY, model);
  },
  async clear(): Promise<void> {
    emit({ model: null, source: null, ready: true });
    await clearSavedModel(KEY);
  },
};

const SERVER_STATE: KernelState = { model: null, source: null, ready: false };

export function useTrain2DKernel(): KernelState {
  useEffect(() => { ensureLoaded(); }, []);
  return useSyncExternalStore(train2dKernel.subscribe, train2dKernel.get, () => SERVER_STATE);
}
