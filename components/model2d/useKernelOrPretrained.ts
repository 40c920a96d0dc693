'use client';
/**
 * The model a 2D sampling cell uses: the chapter kernel's (trained, restored or loaded from a
 * file) when there is one, else the shipped model pretrained for the data set the training cell
 * has selected, so a link opens with a model ready on a machine that never trained one.
 */
import { useMemo } from 'react';
import { train2dKernel, type KernelState } from '../Train2DKernel';
import { TRAIN2D_SPEC } from '../cells/catalog';
import { isDatasetId, type DatasetId } from '@/lib/data2d';
import { parseParams } from '@/lib/urlState';
import { pretrainedRecipe, type PretrainedRecipe } from '@/lib/train2d/pretrained';
import type { SavedModel } from '@/lib/train2d/protocol';
import type { BackendPreference } from '@/lib/backend/decide';
import type { BackendChoice } from '@/lib/backend/session';
import type { Train2DClient } from '@/lib/train2d/client';
import type { RunContext } from '../cell/Cell';
import { loadPretrained2D, usePretrained2D, type Pretrained2D } from './usePretrained2D';

/** The training cell's data set, read through its spec; an upload or a drawing falls back to its default. */
function selectedDataset(): DatasetId {
  const v = parseParams(TRAIN2D_SPEC, new URLSearchParams(window.location.search), 'train2d').values.dataset;
  const fallback = TRAIN2D_SPEC.dataset.default as DatasetId;
  return isDatasetId(v) ? v : fallback;
}

export interface ModelSource {
  model: SavedModel | null;
  /** Set while the shipped model stands in for the kernel's. */
  pretrained: { state: Pretrained2D; recipe: PretrainedRecipe } | null;
}

export function useKernelOrPretrained(kernel: KernelState): ModelSource {
  const recipe = useMemo(
    () => (kernel.ready && !kernel.model ? pretrainedRecipe('sample', selectedDataset()) : null),
    [kernel.ready, kernel.model],
  );
  const state = usePretrained2D(recipe);
  return { model: kernel.model ?? state.model, pretrained: recipe && !kernel.model ? { state, recipe } : null };
}

/** For a run: the kernel's model once IndexedDB has been read, else the pretrained one (null if none). */
async function kernelOrPretrainedModel(): Promise<SavedModel | null> {
  await train2dKernel.whenReady();
  const own = train2dKernel.get().model;
  if (own) return own;
  const r = pretrainedRecipe('sample', selectedDataset());
  return r ? loadPretrained2D(r) : null;
}

/**
 * How every run on a 2D model starts: the model (above), the page's 2D worker on the chosen
 * backend, and that backend in the status line. Throws `noModel` when there is none.
 */
export async function startModelRun(client: () => Train2DClient, backend: string, ctx: RunContext, noModel: string):
  Promise<{ model: SavedModel; worker: Train2DClient; choice: BackendChoice }> {
  const model = await kernelOrPretrainedModel();
  if (!model) throw new Error(noModel);
  const worker = client();
  const choice = await worker.init(backend as BackendPreference);
  ctx.setBackend(choice.name);
  return { model, worker, choice };
}
