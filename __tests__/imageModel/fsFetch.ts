/** A fetch that serves files from disk, so the loader can be tested without a server. */
import * as fs from 'fs';
import * as path from 'path';
import type { FetchLike, FetchResponse } from '@/lib/imageModel/load';

const PUBLIC_DIR = path.join(__dirname, '..', '..', 'public');

function bufferResponse(buf: Buffer | Uint8Array, status = 200): FetchResponse {
  const bytes = new Uint8Array(buf);
  return {
    ok: status >= 200 && status < 300,
    status,
    text: async () => Buffer.from(bytes).toString('utf8'),
    arrayBuffer: async () => bytes.slice().buffer,
  };
}

/** Serves `<root><url>`; `edit` may rewrite a file's bytes before serving (to simulate damage). */
export function fsFetch(root: string = PUBLIC_DIR, edit?: (url: string, data: Buffer) => Buffer | Uint8Array | null): FetchLike {
  return async (url: string) => {
    const file = path.join(root, url);
    let data: Buffer;
    try {
      data = await fs.promises.readFile(file);
    } catch {
      return bufferResponse(Buffer.from('Not found'), 404);
    }
    const out = edit ? edit(url, data) : data;
    return out === null ? bufferResponse(Buffer.from('Not found'), 404) : bufferResponse(out);
  };
}

export function readFixture<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', name), 'utf8')) as T;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
