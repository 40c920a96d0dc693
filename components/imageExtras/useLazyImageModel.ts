'use client';
/**
 * The page's shared image model (lib/imageSampling/client.ts), its module imported only when a
 * figure first needs it: a chapter or the home page that shows these figures does not download
 * the worker client (and comlink) before the reader presses Run. It is the same singleton client
 * (one worker, one loaded model per page) that `useImageModel` returns.
 */
import { useCallback, useState } from 'react';
import type { ImageModelClient, ModelState } from '@/lib/imageSampling/client';
import { fetchUNetManifest, memorizationThresholds } from '@/lib/imageModel/manifest';
import { UNET_MODEL_NAME } from '@/lib/imageModel/spec';
import { makeStore } from '@/lib/valueStore';
import { useStoreValue } from '../useStoreValue';

const IDLE = makeStore<ModelState>({ status: 'idle' });

export function useLazyImageModel(): { get: () => Promise<ImageModelClient>; state: ModelState } {
  const [client, setClient] = useState<ImageModelClient | null>(null);
  const state = useStoreValue(client?.store ?? IDLE);
  const get = useCallback(async () => {
    const m = await import('@/lib/imageSampling/client');
    const c = m.getImageModelClient();
    setClient(c);
    return c;
  }, []);
  return { get, state };
}

/** What the figures read from the U-Net's manifest at run time (the weights may be re-exported). */
export interface ManifestExtras {
  jitter: { hue: number; valueRange: [number, number]; backgroundRgb: number };
  /** training/evaluate.py's per-digit memorization thresholds, when the manifest has an evaluation. */
  memorizationThresholds: Record<string, number> | null;
  colours: { name: string; rgb: [number, number, number] }[];
  background: [number, number, number];
}

let manifestPromise: Promise<ManifestExtras> | null = null;

/** The manifest's colouring and memorization facts (read once per page with the one manifest parser). */
export function fetchManifestExtras(): Promise<ManifestExtras> {
  if (!manifestPromise) {
    const p = fetchUNetManifest(new URL(`/models/${UNET_MODEL_NAME}`, location.href).href).then((m): ManifestExtras => {
      const { jitter, colours, background } = m.vocabulary;
      if (!jitter) throw new Error('The model manifest has no colour jitter (vocabulary.jitter).');
      return { jitter, memorizationThresholds: memorizationThresholds(m), colours, background };
    });
    manifestPromise = p;
    p.catch(() => { if (manifestPromise === p) manifestPromise = null; });
  }
  return manifestPromise;
}
