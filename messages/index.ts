/**
 * The one i18n mechanism: typed message objects per language. Server components call
 * getStrings(lang); client components call useStrings() (components/LangProvider.tsx).
 */
import type { Lang } from '@/lib/chapters';
import type { BackendWhy } from '@/lib/backend/decide';
import type { WasmThreads } from '@/lib/backend/threads';
import type { PointsProblem } from '@/lib/data2d/parse';
import type { ScheduleProblem } from '@/lib/diffusion/schedule';
import type { FormulaProblem } from '@/lib/diffusion/formula';
import { en, type Messages } from './en';
import { millis } from './format';
import { zh } from './zh';

export type { Messages };

export const MESSAGES: Record<Lang, Messages> = { en, zh };

export function getStrings(lang: Lang): Messages {
  return MESSAGES[lang];
}

/** Why the page computes on this backend, in the reader's language (lib/backend/decide.ts). */
export function backendWhyText(ui: Messages, why: BackendWhy): string {
  const t = ui.backendWhy;
  if (why.kind === 'override') return t.override(why.name);
  if (why.kind === 'fallback') return t.fallback(why.name, why.requested);
  const time = (ms: number | undefined, capped = false) => (ms === undefined || !Number.isFinite(ms) ? '' : t.perStep(ms, capped));
  const notes = why.notes.map((n) => {
    if (!n.available) return t.unavailable(n.name);
    const own = n.msPerStep !== undefined ? time(n.msPerStep, n.capped) : n.skipped ? t.notTimed : '';
    if (!n.software) return own ? `${n.name} ${own}` : n.name;
    const wasm = n.msPerStep !== undefined && n.wasmMs !== undefined ? millis(n.wasmMs, n.wasmMs >= 10 ? 0 : 1) : '';
    return t.software(n.name, n.adapter ?? '', !!n.slowerThanWasm, own, wasm);
  });
  return t.measured(why.name, time(why.msPerStep), notes.join(t.separator));
}

/** How many threads the image model's wasm backend runs and why, in the reader's language. */
export function threadsText(ui: Messages, t: WasmThreads): string {
  const m = ui.cells.modelStatus.threads;
  const w = t.why;
  switch (w.kind) {
    case 'not-isolated': case 'unsupported': return m[w.kind];
    case 'one-core': return m[w.kind](w.cores);
    case 'forced': return m[w.kind](t.threads);
    case 'measured': return m[w.kind](t.threads, w.tried, millis(w.singleMs, w.singleMs >= 10 ? 0 : 1), millis(w.threadedMs, w.threadedMs >= 10 ? 0 : 1));
    case 'failed': return m[w.kind](w.tried);
  }
}

/** Why a β schedule cannot be built, in the reader's language (lib/diffusion/schedule.ts). */
export function scheduleProblemText(ui: Messages, p: ScheduleProblem): string {
  const t = ui.scheduleProblems;
  switch (p.code) {
    case 'T-range': return t[p.code](p.T, p.min, p.max);
    case 'endpoint-range': return t[p.code](t.endpoint[p.which], p.value);
    case 'alphaBar-start': case 'maxBeta-range': return t[p.code](p.value);
    case 'alphaBar-not-finite': case 'beta-not-finite': case 'beta-range': return t[p.code](p.value, t.at(p.t, p.u));
    case 'alphaBar-rises': return t[p.code](t.at(p.t, p.u), p.value, p.previous, p.beta);
    case 'scaled-beta-range': return t[p.code](p.scale, p.beta);
    case 'cosine-s-range': return t[p.code](p.s);
    case 'unknown-kind': return t[p.code];
    case 'alphaBar-underflow': return t[p.code](t.at(p.t, p.u));
  }
}

/** Why a typed schedule formula is refused, in the reader's language (lib/diffusion/formula.ts). */
export function formulaProblemText(ui: Messages, p: FormulaProblem): string {
  const t = ui.formulaProblems;
  switch (p.code) {
    case 'not-text': case 'too-complex': case 'named-calls-only': case 'no-property-access': case 'no-assignment': case 'single-expression':
      return t[p.code];
    case 'empty': return t[p.code](p.variable === 'beta' ? 'β' : 'ᾱ', p.example);
    case 'too-long': return t[p.code](p.length, p.max);
    case 'syntax': return t[p.code](p.detail, p.position);
    case 'constant-not-number': return t[p.code](p.found);
    case 'unknown-symbol': return t[p.code](p.name);
    case 'operator-not-allowed': return t[p.code](p.op);
    case 'function-not-allowed': return t[p.code](p.name, p.allowed);
    case 'expression-not-allowed': case 'cannot-compile': return t[p.code](p.kind);
    case 'arity': return t[p.code](p.name, p.min, p.max, p.got);
  }
}

/** An uploaded points file's problem (lib/data2d/parse.ts) in the reader's language. */
export function pointsProblemText(ui: Messages, problem: PointsProblem, line?: number): string {
  const t = ui.pointsProblems;
  let text: string;
  switch (problem.code) {
    case 'not-text': case 'empty': text = t[problem.code]; break;
    case 'header-is-numbers': case 'no-xy-header': text = t[problem.code](problem.found); break;
    case 'too-many-rows': text = t[problem.code](problem.max); break;
    case 'column-count': text = t[problem.code](problem.expected, problem.found, problem.delimiter); break;
    case 'value-missing': text = t[problem.code](problem.column); break;
    case 'value-not-finite': case 'value-not-number': case 'value-too-large': text = t[problem.code](problem.column, problem.value); break;
    case 'too-few-points': text = t[problem.code](problem.min, problem.n); break;
  }
  return line !== undefined ? t.atLine(line, text) : text;
}

/**
 * The name of the data a saved 2D model was trained on. The model file stores a language-free
 * label (lib/train2d: a data set id, 'drawing', or 'upload: <file name>'); this says it in words.
 */
export function dataLabelText(ui: Messages, label: string): string {
  if (Object.hasOwn(ui.datasets, label)) return ui.datasets[label as keyof Messages['datasets']];
  if (label === 'drawing') return ui.drawnData;
  if (label.startsWith('upload: ')) return ui.uploadedData(label.slice('upload: '.length));
  return label;
}
