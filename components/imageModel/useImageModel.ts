'use client';
import { getImageModelClient, type ImageModelClient, type ModelState } from '@/lib/imageSampling/client';
import { useStoreValue } from '../useStoreValue';

/**
 * The page's shared image model (lib/imageSampling/client.ts): `client` (load / sample / memory /
 * classify) and its current `state`. Every cell that calls this hook on a page talks to the same
 * worker and the same loaded weights.
 */
export function useImageModel(): { client: ImageModelClient; state: ModelState } {
  const client = getImageModelClient();
  return { client, state: useStoreValue(client.store) };
}
