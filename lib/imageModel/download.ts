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
/** `init.cache: 'reload'` asks for a fresh copy past the HTTP cache (a retry after a damaged download). */
export type FetchLike = (url: string, init?: { cache?: 'reload' }) => Promise<FetchResponse>;

export function joinUrl(base: string, file: string): string {
  return base.endsWith('/') ? base + file : `${base}/${file}`;
}

/** `custom`, or the global fetch. */
export function getFetch(custom?: FetchLike): FetchLike {
  if (custom) return custom;
  if (typeof fetch !== 'function') throw new Error('No fetch function is available to download the model.');
  return (url: string, init?: { cache?: 'reload' }) => fetch(url, init) as unknown as Promise<FetchResponse>;
}

export async function fetchOk(f: FetchLike, url: string, init?: { cache?: 'reload' }): Promise<FetchResponse> {
  let res: FetchResponse;
  try {
    res = init ? await f(url, init) : await f(url);
  } catch (e) {
    throw new Error(`Could not download model file ${url}: ${(e as Error).message}`);
  }
  if (!res.ok) {
    throw new Error(`Could not download model file ${url} (HTTP ${res.status}${res.statusText ? ' ' + res.statusText : ''}).`);
  }
  return res;
}

export async function fetchJson(f: FetchLike, url: string): Promise<unknown> {
  return parseJsonText(await (await fetchOk(f, url)).text(), url);
}

export function parseJsonText(text: string, url: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const start = text.slice(0, 40).replace(/\s+/g, ' ');
    throw new Error(`Model file ${url} is not valid JSON (it starts with "${start}") — the server may have returned an error page.`);
  }
}

/** Thrown when a model file's SHA-256 digest differs from the one its manifest.json records. */
export class ModelDamagedError extends Error {
  constructor(readonly url: string) {
    super(`The model file ${url} is damaged: its SHA-256 digest does not match the one in manifest.json `
      + '(a corrupted download or a changed file). It was downloaded twice and removed from the browser\'s caches; press Run to try again.');
    this.name = 'ModelDamagedError';
  }
}

const HEX64 = /^[0-9a-f]{64}$/;

/** The `sha256` field of a model manifest (file name → lowercase hex digest), checked; null when absent. */
export function parseDigests(v: unknown, where: string): Record<string, string> | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'object' || Array.isArray(v)) throw new Error(`Model file ${where} is malformed: "sha256" must map file names to digests.`);
  const out: Record<string, string> = {};
  for (const [file, d] of Object.entries(v as Record<string, unknown>)) {
    if (typeof d !== 'string' || !HEX64.test(d)) throw new Error(`Model file ${where} is malformed: "sha256.${file}" is not a 64-digit hex SHA-256 digest.`);
    out[file] = d;
  }
  return out;
}

/** SHA-256 of `data` as lowercase hex (Web Crypto), or null where Web Crypto is missing (an insecure origin). */
async function sha256Hex(data: ArrayBuffer | Uint8Array): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Drops every Cache Storage copy of `url` (the service worker's precache included), so the next request downloads it again. */
async function forgetCachedCopies(url: string): Promise<void> {
  if (typeof caches === 'undefined') return;
  try {
    for (const name of await caches.keys()) await (await caches.open(name)).delete(url, { ignoreSearch: true });
  } catch {
    /* storage unavailable: nothing cached there either */
  }
}

/**
 * Checks `data` (just downloaded from `url`) against `expected` (hex SHA-256; no check when null
 * or where Web Crypto is missing). On a mismatch the cached copies are dropped and `refetch`
 * downloads it once more past the HTTP cache; a second mismatch throws ModelDamagedError.
 */
export async function checkDigest<T extends { bytes: ArrayBuffer | Uint8Array }>(
  url: string, expected: string | null | undefined, data: T, refetch: () => Promise<T>,
): Promise<T> {
  if (!expected) return data;
  const got = await sha256Hex(data.bytes);
  if (got === null || got === expected) return data;
  await forgetCachedCopies(url);
  const again = await refetch().catch(() => null);
  if (again && (await sha256Hex(again.bytes)) === expected) return again;
  await forgetCachedCopies(url);
  throw new ModelDamagedError(url);
}
