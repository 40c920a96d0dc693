'use client';
/**
 * Loads the model's training digits (public/data/cmnist-train.bin.gz, ~1.4 MB) once per page, on
 * first use, and keeps the per-class reference lines computed from them.
 */
import { TRAINING_SET_URL, gunzipIfNeeded, parseTrainingSet, type TrainingSet } from '@/lib/imageExtras/trainingSet';
import { median, sameClassNearestDistances, type Metric } from '@/lib/imageExtras/nearest';

let setPromise: Promise<TrainingSet> | null = null;

export function loadTrainingSet(): Promise<TrainingSet> {
  if (!setPromise) {
    const url = new URL(TRAINING_SET_URL, location.href).href;
    setPromise = (async () => {
      const r = await fetch(url);
      if (!r.ok) throw new Error(`The training digits could not be downloaded (${url}: HTTP ${r.status}).`);
      return parseTrainingSet(await gunzipIfNeeded(new Uint8Array(await r.arrayBuffer())));
    })();
    setPromise.catch(() => { setPromise = null; });
  }
  return setPromise;
}

const medians = new Map<string, number>();

/** Median same-class nearest-neighbour distance of class `digit` (grey units), computed once per page. */
export async function classMedian(set: TrainingSet, digit: number, metric: Metric): Promise<number> {
  const key = `${digit}|${metric}`;
  const known = medians.get(key);
  if (known !== undefined) return known;
  await new Promise((r) => setTimeout(r, 0)); // let the page paint before a ~0.3 s computation
  const m = median(sameClassNearestDistances(set, digit, metric));
  medians.set(key, m);
  return m;
}
