/**
 * Where a code panel's source lives: one static text file per function, written at build time by
 * app/code/[file]/route.ts (read from the module with `readFunctionSource`, so it cannot drift) and
 * fetched when the reader opens the panel. The sources stay out of the page's HTML and its RSC
 * payload, where every cell's panel used to carry them closed or open.
 */
export interface CodeName {
  file: string;
  name: string;
}

/** `lib/diffusion/schedule.ts` + `makeSchedule` → `lib_diffusion_schedule_ts__makeSchedule.txt`. */
export function codeSourceFile({ file, name }: CodeName): string {
  return `${file.replace(/[^A-Za-z0-9]/g, '_')}__${name.replace(/[^A-Za-z0-9]/g, '_')}.txt`;
}

const codeSourceUrl = (ref: CodeName) => `/code/${codeSourceFile(ref)}`;

const loaded = new Map<string, Promise<string>>();

/** The source of one function, fetched once per page (a failed fetch may be tried again). */
export function loadCodeSource(ref: CodeName): Promise<string> {
  const url = codeSourceUrl(ref);
  let source = loaded.get(url);
  if (!source) {
    source = fetch(url).then((r) => {
      if (!r.ok) throw new Error(`${r.status} ${r.statusText}`);
      return r.text();
    });
    source.catch(() => loaded.delete(url));
    loaded.set(url, source);
  }
  return source;
}
