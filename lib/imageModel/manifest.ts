/**
 * The one reader of the U-Net's manifest.json (schedule, vocabulary, default guidance,
 * evaluation): a pure parser that checks every field the site reads and says which one is wrong,
 * used by the worker's loader, by the build (components/imageModel/manifestAtBuild.ts) and by
 * the page's figures (components/imageExtras/useLazyImageModel.ts). No TF.js.
 */
import { fetchJson, getFetch, joinUrl, parseDigests, type FetchLike } from './download';
import type { ColourEntry, ColourJitter, UNetManifest } from './spec';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isInt = (v: unknown): v is number => Number.isInteger(v);
const isRgb = (v: unknown): v is [number, number, number] =>
  Array.isArray(v) && v.length === 3 && v.every((c) => isNum(c) && c >= 0 && c <= 255);

function parseColours(v: unknown, bad: (what: string) => Error): ColourEntry[] {
  if (!Array.isArray(v) || v.length === 0) throw bad('"vocabulary.colours" must be a non-empty list');
  return v.map((c, i) => {
    if (!isObj(c) || typeof c.name !== 'string' || !isRgb(c.rgb)) throw bad(`"vocabulary.colours[${i}]" needs a name and an rgb triple in 0–255`);
    return { name: c.name, rgb: [c.rgb[0], c.rgb[1], c.rgb[2]] };
  });
}

function parseJitter(v: unknown, bad: (what: string) => Error): ColourJitter | undefined {
  if (v === undefined) return undefined;
  if (!isObj(v) || !isNum(v.hue) || !Array.isArray(v.valueRange) || !isNum(v.valueRange[0]) || !isNum(v.valueRange[1]) || !isNum(v.backgroundRgb)) {
    throw bad('"vocabulary.jitter" needs numbers hue, valueRange [lo, hi] and backgroundRgb');
  }
  return { hue: v.hue, valueRange: [v.valueRange[0], v.valueRange[1]], backgroundRgb: v.backgroundRgb };
}

function checkSchedule(s: unknown, bad: (what: string) => Error, where: string): void {
  if (!isObj(s) || !isInt(s.T) || s.T < 1 || !isNum(s.beta_1) || !isNum(s.beta_T)) throw bad('"schedule" needs an integer T ≥ 1 and numbers beta_1, beta_T');
  if (s.type !== 'linear' || s.parameterization !== 'epsilon') {
    throw new Error(`Model file ${where} describes a ${String(s.type)} schedule with ${String(s.parameterization)} prediction; this page samples a linear-schedule ε-model.`);
  }
}

/**
 * Checks a parsed manifest.json (`where` names the file in messages) and returns it typed:
 * the fields the site reads are validated, the others pass through unchanged.
 */
export function parseUNetManifest(json: unknown, where: string): UNetManifest {
  const bad = (what: string) => new Error(`Model file ${where} is malformed: ${what}.`);
  if (!isObj(json)) throw bad('it is not a JSON object');
  for (const k of ['spec', 'schedule', 'vocabulary', 'sampling'] as const) {
    if (!isObj(json[k])) throw bad(`it needs "spec", "schedule", "vocabulary" and "sampling" (no "${k}")`);
  }
  checkSchedule(json.schedule, bad, where);
  const voc = json.vocabulary as Obj;
  const colours = parseColours(voc.colours, bad);
  if (!isRgb(voc.background)) throw bad('"vocabulary.background" must be an rgb triple in 0–255');
  if (!isInt(voc.nullDigitIndex) || !isInt(voc.nullColourIndex)) throw bad('"vocabulary" needs integer nullDigitIndex and nullColourIndex');
  if (voc.nullColourIndex !== colours.length) throw bad(`"vocabulary.nullColourIndex" is ${voc.nullColourIndex} but there are ${colours.length} colours`);
  const jitter = parseJitter(voc.jitter, bad);
  const w = (json.sampling as Obj).defaultGuidance;
  if (!isNum(w) || w < 0) throw bad('"sampling.defaultGuidance" must be a number ≥ 0');
  if (!isNum(json.parameters)) throw bad('"parameters" must be a number');
  if (json.evaluation !== undefined && json.evaluation !== null && !isObj(json.evaluation)) throw bad('"evaluation" must be an object or null');
  const m = json as unknown as UNetManifest;
  return {
    ...m,
    sha256: parseDigests(json.sha256, where),
    vocabulary: { ...m.vocabulary, colours, background: [voc.background[0], voc.background[1], voc.background[2]], jitter },
    evaluation: m.evaluation ?? null,
  };
}

/** training/evaluate.py's per-digit memorization thresholds, when the manifest records them. */
export function memorizationThresholds(m: UNetManifest): Record<string, number> | null {
  const thr = m.evaluation?.memorizationThresholds;
  if (!isObj(thr)) return null;
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(thr)) if (isNum(v)) out[k] = v;
  return out;
}

/** Downloads and parses `<baseUrl>/manifest.json`. */
export async function fetchUNetManifest(baseUrl: string, fetchImpl?: FetchLike): Promise<UNetManifest> {
  const url = joinUrl(baseUrl, 'manifest.json');
  return parseUNetManifest(await fetchJson(getFetch(fetchImpl), url), url);
}

/** The SHA-256 digests (file name → hex) that `<baseUrl>/manifest.json` records, for a model whose manifest the page does not otherwise read (the classifier). */
export async function fetchModelDigests(baseUrl: string, fetchImpl?: FetchLike): Promise<Record<string, string> | null> {
  const url = joinUrl(baseUrl, 'manifest.json');
  const json = await fetchJson(getFetch(fetchImpl), url);
  return parseDigests(typeof json === 'object' && json !== null ? (json as Obj).sha256 : undefined, url);
}
