/**
 * IndexedDB persistence for the chapter's trained 2D model (the notebook "kernel"), so a reload
 * keeps it until the reader clears it. Never throws to the caller for a missing / blocked
 * IndexedDB (private mode, old browsers): the model then simply lives for the page only.
 */
import type { SavedModel } from './protocol';

const DB_NAME = 'ddpm-explorable-train2d';
const STORE = 'models';

function idb(): IDBFactory | null {
  return typeof indexedDB !== 'undefined' ? indexedDB : null;
}

function open(): Promise<IDBDatabase | null> {
  const f = idb();
  if (!f) return Promise.resolve(null);
  return new Promise((resolve) => {
    let req: IDBOpenDBRequest;
    try {
      req = f.open(DB_NAME, 1);
    } catch {
      resolve(null);
      return;
    }
    req.onupgradeneeded = () => { if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE); };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => resolve(null);
    req.onblocked = () => resolve(null);
  });
}

async function tx<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T | undefined> {
  const db = await open();
  if (!db) return undefined;
  try {
    return await new Promise<T | undefined>((resolve) => {
      const t = db.transaction(STORE, mode);
      const r = fn(t.objectStore(STORE));
      t.oncomplete = () => resolve(r.result);
      t.onerror = () => resolve(undefined);
      t.onabort = () => resolve(undefined);
    });
  } finally {
    db.close();
  }
}

/** Minimal shape check of a stored record (a stale or foreign record is ignored, not trusted). */
export function isSavedModel(x: unknown): x is SavedModel {
  const m = x as SavedModel;
  return !!m && m.version === 1 && !!m.weights && Array.isArray(m.weights.layers) && m.weights.layers.length >= 2
    && m.points instanceof Float32Array && typeof m.schedule?.T === 'number' && !!m.stats;
}

export async function saveModel(key: string, model: SavedModel): Promise<boolean> {
  const r = await tx('readwrite', (s) => s.put(model, key));
  return r !== undefined;
}

export async function loadSavedModel(key: string): Promise<SavedModel | null> {
  const r = await tx('readonly', (s) => s.get(key));
  return isSavedModel(r) ? r : null;
}

export async function clearSavedModel(key: string): Promise<void> {
  await tx('readwrite', (s) => s.delete(key));
}
