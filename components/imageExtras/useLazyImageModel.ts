'use client';
/**
 * The page's shared image model (components/imageModel/imageModelClient.ts), imported only when a
 * figure first needs it: the client module pulls in TF.js, so a chapter or the home page that
 * shows these figures does not download TF.js before the reader presses Run. It is the same
 * singleton client (one worker, one loaded model per page) that `useImageModel` returns.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ImageModelClient, ModelState } from '../imageModel/imageModelClient';

export function useLazyImageModel(): { get: () => Promise<ImageModelClient>; state: ModelState } {
  const [client, setClient] = useState<ImageModelClient | null>(null);
  const [state, setState] = useState<ModelState>({ status: 'idle' });
  useEffect(() => {
    if (!client) return;
    setState(client.state);
    return client.subscribe(setState);
  }, [client]);
  const get = useCallback(async () => {
    const m = await import('../imageModel/imageModelClient');
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

export function fetchManifestExtras(): Promise<ManifestExtras> {
  if (!manifestPromise) {
    const url = new URL('/models/colour-mnist-unet/manifest.json', location.href).href;
    const p: Promise<ManifestExtras> = fetch(url).then(async (r): Promise<ManifestExtras> => {
      if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
      const m = await r.json();
      const j = m?.vocabulary?.jitter;
      const okNum = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
      if (!j || !okNum(j.hue) || !Array.isArray(j.valueRange) || !okNum(j.valueRange[0]) || !okNum(j.valueRange[1]) || !okNum(j.backgroundRgb)) {
        throw new Error('The model manifest has no colour jitter (vocabulary.jitter).');
      }
      const thr = m?.evaluation?.memorizationThresholds;
      const colours = m?.vocabulary?.colours;
      const background = m?.vocabulary?.background;
      if (!Array.isArray(colours) || colours.length === 0 || !Array.isArray(background) || background.length !== 3) {
        throw new Error('The model manifest has no colour vocabulary.');
      }
      return {
        jitter: { hue: j.hue, valueRange: [j.valueRange[0], j.valueRange[1]], backgroundRgb: j.backgroundRgb },
        memorizationThresholds: thr && typeof thr === 'object' ? thr : null,
        colours,
        background: [background[0], background[1], background[2]],
      };
    });
    manifestPromise = p;
    p.catch(() => { if (manifestPromise === p) manifestPromise = null; });
    return p;
  }
  return manifestPromise;
}
