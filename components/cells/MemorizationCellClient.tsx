'use client';
/**
 * Memorization made visible: train the same 2D model on very few points (20 by default) and
 * watch its samples collapse onto them; each sample's distance to its nearest training point is
 * measured (lib/metrics2d nearestDistances) and shown as a histogram.
 */
import { useCallback, useMemo, useState } from 'react';
import { Cell, type CellTask } from '../cell/Cell';
import { ParamControls } from '../cell/ParamControls';
import { useStrings } from '../LangProvider';
import { makeDataset, type DatasetId } from '@/lib/data2d';
import { nearestDistances } from '@/lib/metrics2d';
import { makeRng } from '@/lib/rng';
import type { BackendPreference } from '@/lib/backend/decide';
import { TRAIN2D_DEFAULTS, FINAL_SAMPLER } from '@/lib/train2d/defaults';
import type { ParamValues } from '@/lib/urlState';
import { MEMO_SPEC, type CellClientProps } from './catalog';
import { Scatter, boundsOf, useWorkerClient } from './Train2DCellParts';
import { PretrainedMemorization, type PretrainedShown } from '../model2d/PretrainedMemorization';
import styles from './Train2DCell.module.css';

const D = TRAIN2D_DEFAULTS;
type Values = ParamValues<typeof MEMO_SPEC>;

/** Distance (standardized units) under which a sample counts as a copy of a training point. */
const COPY_RADIUS = 0.05;
const BINS = 20;
const HIST_MAX = 0.5;

export function MemorizationCellClient({ id, code }: CellClientProps) {
  const ui = useStrings();
  const text = ui.cells.memorize2d;
  const client = useWorkerClient();
  const [train, setTrain] = useState<Float32Array | null>(null);
  const [samples, setSamples] = useState<Float32Array | null>(null);
  const [step, setStep] = useState(0);
  // Before the first Run the cell shows a shipped model trained on the same points (components/model2d/).
  const [fromPretrained, setFromPretrained] = useState(false);
  const showPretrained = useCallback((r: PretrainedShown | null) => {
    if (r) { setTrain(r.train); setSamples(r.samples); setStep(r.steps); setFromPretrained(true); return; }
    // Only called while the cell shows nothing of its own (PretrainedMemorization's `active`).
    setTrain(null); setSamples(null); setStep(0); setFromPretrained(false);
  }, []);

  const run = useCallback<CellTask<typeof MEMO_SPEC>>(async (v: Values, ctx) => {
    const pts = makeDataset(v.dataset as DatasetId, v.points, makeRng(v.seed));
    setTrain(pts); setSamples(null); setStep(0); setFromPretrained(false);
    const c = client();
    const be = await c.init(v.backend as BackendPreference);
    ctx.setBackend(be.name);
    const res = await c.train({
      points: pts, dataLabel: `${v.points} ${v.dataset} points`, schedule: D.schedule,
      net: { width: D.width, depth: D.depth, fourier: D.fourier, fourierScale: D.fourierScale, timeDim: D.timeDim, T: D.T },
      train: { batch: D.batch, lr: D.lr, steps: v.steps, seconds: v.seconds, warmupFrac: D.warmupFrac, minLrFrac: D.minLrFrac, emaDecay: D.emaDecay, seed: v.seed },
      qualityEvery: 2, qualitySamples: 500, finalSamples: 1000, sampler: FINAL_SAMPLER,
    }, be, {
      signal: ctx.signal,
      onProgress: (p) => { setStep(p.step); ctx.progress(p.progress); },
      onQuality: (_q, prev) => setSamples(prev),
    });
    if (res.samples.length) setSamples(res.samples); // after Stop: the last preview stays
    setStep(res.model.steps);
  }, [client]);

  const stats = useMemo(() => {
    if (!train || !samples) return null;
    const { distance } = nearestDistances(samples, train);
    const sorted = Float32Array.from(distance).sort();
    const hist = new Array(BINS).fill(0);
    let copies = 0;
    for (const d of distance) {
      if (d <= COPY_RADIUS) copies++;
      hist[Math.min(BINS - 1, Math.floor((d / HIST_MAX) * BINS))]++;
    }
    return { share: copies / distance.length, median: sorted[Math.floor(sorted.length / 2)], hist, max: Math.max(...hist) };
  }, [train, samples]);

  const bounds = useMemo(() => boundsOf(train), [train]);

  return (
    <Cell
      id={id}
      title={text.title}
      spec={MEMO_SPEC}
      run={run}
      code={code}
      caption={<p>{text.caption}</p>}
      onReset={() => { setTrain(null); setSamples(null); setStep(0); setFromPretrained(false); }}
      controls={({ values, setValue, running }) => (
        <ParamControls spec={MEMO_SPEC} values={values} setValue={setValue} disabled={running} labels={text}
          params={['points', 'dataset', 'seconds', 'steps', 'seed', 'backend']}
          options={{
            points: { log: true }, dataset: { optionLabels: ui.datasets }, seconds: { as: 'number' }, steps: { as: 'number' },
            backend: { optionLabels: ui.backendChoices },
          }} />
      )}
    >
      {(api) => (
        <div className={styles.layout}>
          <div>
            <Scatter bounds={bounds} testId="memo-plot" label={text.alt(samples ? samples.length / 2 : 0, train ? train.length / 2 : 0)}
              layers={[{ points: samples, color: 'warn', size: 2.5, alpha: 0.5 }, { points: train, color: 'fg', size: 5, alpha: 0.9, ring: true }]} />
            <p className={styles.note}>{text.step(step)}</p>
            <PretrainedMemorization values={api.values} active={api.status === 'idle' && (!samples || fromPretrained)} client={client} onShow={showPretrained} />
          </div>
          <div>
            {stats && (
              <>
                <p data-testid="memo-copies" data-share={stats.share.toFixed(4)}>{text.copies(stats.share, COPY_RADIUS)}</p>
                <p data-testid="memo-median" data-median={stats.median.toFixed(4)}>{text.median(stats.median)}</p>
                <figure>
                  <div className={styles.hist} role="img" aria-label={text.hist(HIST_MAX)}>
                    {stats.hist.map((h, i) => <span key={i} style={{ height: `${(100 * h) / Math.max(1, stats.max)}%` }} />)}
                  </div>
                  <figcaption className={styles.note}>{text.hist(HIST_MAX)}</figcaption>
                </figure>
              </>
            )}
          </div>
        </div>
      )}
    </Cell>
  );
}
