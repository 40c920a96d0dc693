'use client';
/**
 * The shipped 2D models (public/models/2d/, lib/train2d/pretrained.ts): fetched once per page
 * when a cell needs one (a few KB, same origin), read with the model-file reader, cached.
 */
import { useEffect, useState } from 'react';
import { decodeModelFile } from '@/lib/train2d/modelFile';
import { pretrainedUrl, type PretrainedRecipe } from '@/lib/train2d/pretrained';
import type { SavedModel } from '@/lib/train2d/protocol';

const cache = new Map<string, Promise<SavedModel>>();

export function loadPretrained2D(r: PretrainedRecipe): Promise<SavedModel> {
  const url = pretrainedUrl(r);
  let p = cache.get(url);
  if (!p) {
    p = fetch(url)
      .then((res) => { if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`); return res.text(); })
      .then((text) => {
        const d = decodeModelFile(text);
        if (!d.ok) throw new Error(`${url}: ${d.error.code}`);
        return d.model;
      });
    // A failed fetch may be retried later (e.g. the connection came back).
    p.catch(() => cache.delete(url));
    cache.set(url, p);
  }
  return p;
}

export interface Pretrained2D { model: SavedModel | null; failed: boolean }

/** The pretrained model for `recipe` (null: none wanted). */
export function usePretrained2D(recipe: PretrainedRecipe | null): Pretrained2D {
  const [state, setState] = useState<{ file: string | null; model: SavedModel | null; failed: boolean }>({ file: null, model: null, failed: false });
  useEffect(() => {
    if (!recipe) return;
    let live = true;
    loadPretrained2D(recipe).then(
      (model) => { if (live) setState({ file: recipe.file, model, failed: false }); },
      () => { if (live) setState({ file: recipe.file, model: null, failed: true }); },
    );
    return () => { live = false; };
  }, [recipe]);
  if (!recipe || state.file !== recipe.file) return { model: null, failed: false };
  return { model: state.model, failed: state.failed };
}
