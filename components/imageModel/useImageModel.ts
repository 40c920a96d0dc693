'use client';
import { useSyncExternalStore } from 'react';
import { getImageModelClient, type ImageModelClient, type ModelState } from './imageModelClient';

const IDLE: ModelState = { status: 'idle' };

/**
 * The page's shared image model: `client` (load / sample / memory / classify) and its current
 * `state` (idle → loading with progress → ready with ModelInfo, or error with the loader's message).
 * Every cell that calls this hook on a page talks to the same worker and the same loaded weights.
 */
export function useImageModel(): { client: ImageModelClient; state: ModelState } {
  const client = getImageModelClient();
  const state = useSyncExternalStore(
    (cb) => client.subscribe(cb),
    () => client.state,
    () => IDLE,
  );
  return { client, state };
}
