/**
 * Downloading the model files with messages that name the file and what went wrong. No TF.js
 * here, so the page can read the manifest (./manifest.ts) without loading it.
 */

/** The part of a fetch Response the loaders use. */
export interface FetchResponse {
  ok: boolean;
  status: number;
  statusText?: string;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
  body?: { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }> } } | null;
}
export type FetchLike = (url: string) => Promise<FetchResponse>;

export function joinUrl(base: string, file: string): string {
  return base.endsWith('/') ? base + file : `${base}/${file}`;
}

/** `custom`, or the global fetch. */
export function getFetch(custom?: FetchLike): FetchLike {
  if (custom) return custom;
  if (typeof fetch !== 'function') throw new Error('No fetch function is available to download the model.');
  return (url: string) => fetch(url) as unknown as Promise<FetchResponse>;
}

export async function fetchOk(f: FetchLike, url: string): Promise<FetchResponse> {
  let res: FetchResponse;
  try {
    res = await f(url);
  } catch (e) {
    throw new Error(`Could not download model file ${url}: ${(e as Error).message}`);
  }
  if (!res.ok) {
    throw new Error(`Could not download model file ${url} (HTTP ${res.status}${res.statusText ? ' ' + res.statusText : ''}).`);
  }
  return res;
}

export async function fetchJson(f: FetchLike, url: string): Promise<unknown> {
  const text = await (await fetchOk(f, url)).text();
  try {
    return JSON.parse(text);
  } catch {
    const start = text.slice(0, 40).replace(/\s+/g, ' ');
    throw new Error(`Model file ${url} is not valid JSON (it starts with "${start}") — the server may have returned an error page.`);
  }
}
