'use client';
/**
 * Memorization made visible: train the same 2D model on very few points (20 by default) and
 * watch its samples collapse onto them; each sample's distance to its nearest training point is
 * measured (lib/metrics2d nearestDistances) and shown as a histogram.
 */
import { useCallback, useMemo, useState } from 'react';
import { Cell, type CellTask } from '../cell/Cell';
import { NumberControl, SelectControl, SliderControl } from '../cell/controls';
import { useLang } from '../LangProvider';
import { makeDataset, type DatasetId } from '@/lib/data2d';
import { nearestDistances } from '@/lib/metrics2d';
import { makeRng } from '@/lib/rng';
import type { BackendPreference } from '@/lib/backend/decide';
import { TRAIN2D_DEFAULTS, FINAL_SAMPLER } from '@/lib/train2d/defaults';
import type { ParamValues } from '@/lib/urlState';
import { MEMO_SPEC, type CellClientProps } from './catalog';
import { Scatter, boundsOf, useWorkerClient } from './Train2DCellParts';
import styles from './Train2DCell.module.css';

const D = TRAIN2D_DEFAULTS;
type Values = ParamValues<typeof MEMO_SPEC>;

/** Distance (standardized units) under which a sample counts as a copy of a training point. */
const COPY_RADIUS = 0.05;
const BINS = 20;
const HIST_MAX = 0.5;

const TEXT = {
  en: {
    title: 'Memorization: train on 20 points',
    points: 'Training points', dataset: 'Drawn from', seconds: 'Time budget (s)', steps: 'Max steps', seed: 'Seed', backend: 'Backend',
    caption: 'With very few training points, a diffusion model can learn to reproduce them instead of the shape they came from. Here the network of the training cell learns from a handful of points; its samples (orange) pile up on the training points (rings). The histogram shows each sample\u2019s distance to its nearest training point.',
    alt: (n: number, k: number) => `${k} training points shown as rings and ${n} samples from the model trained on them.`,
    copies: (share: number, r: number) => `${(share * 100).toFixed(1)} % of samples lie within ${r} (standardized units) of a training point.`,
    median: (d: number) => `Median distance to the nearest training point: ${d.toFixed(3)}.`,
    hist: `Distances to the nearest training point (0 to ${HIST_MAX})`,
    step: (s: number) => `step ${s}`,
  },
  zh: {
    title: '记忆：只用 20 个点训练',
    points: '训练点数', dataset: '取自', seconds: '时间预算（秒）', steps: '最多步数', seed: '随机种子', backend: '计算后端',
    caption: '训练点很少时，扩散模型可能学会的是把这些点原样复现出来，而不是它们背后的形状。这里用训练单元里同样的网络，只学习少数几个点；它生成的样本（橙色）会堆到训练点（圆圈）上。直方图给出每个样本到最近训练点的距离。',
    alt: (n: number, k: number) => `以圆圈表示的 ${k} 个训练点，以及用它们训练出的模型生成的 ${n} 个样本。`,
    copies: (share: number, r: number) => `${(share * 100).toFixed(1)}% 的样本与某个训练点的距离不超过 ${r}（标准化单位）。`,
    median: (d: number) => `到最近训练点的距离中位数：${d.toFixed(3)}。`,
    hist: `到最近训练点的距离（0 到 ${HIST_MAX}）`,
    step: (s: number) => `第 ${s} 步`,
  },
};

export function MemorizationCellClient({ id, code }: CellClientProps) {
  const lang = useLang();
  const text = TEXT[lang];
  const client = useWorkerClient();
  const [train, setTrain] = useState<Float32Array | null>(null);
  const [samples, setSamples] = useState<Float32Array | null>(null);
  const [step, setStep] = useState(0);

  const run = useCallback<CellTask<typeof MEMO_SPEC>>(async (v: Values, ctx) => {
    const pts = makeDataset(v.dataset as DatasetId, v.points, makeRng(v.seed));
    setTrain(pts); setSamples(null); setStep(0);
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
      onReset={() => { setTrain(null); setSamples(null); setStep(0); }}
      controls={({ values, setValue, running }) => (
        <>
          <SliderControl label={text.points} spec={MEMO_SPEC.points} value={values.points} disabled={running} log onChange={(v) => setValue('points', v)} />
          <SelectControl label={text.dataset} spec={MEMO_SPEC.dataset} value={values.dataset} disabled={running} onChange={(v) => setValue('dataset', v)} />
          <NumberControl label={text.seconds} name="seconds" spec={MEMO_SPEC.seconds} value={values.seconds} disabled={running} onChange={(v) => setValue('seconds', v)} />
          <NumberControl label={text.steps} name="steps" spec={MEMO_SPEC.steps} value={values.steps} disabled={running} onChange={(v) => setValue('steps', v)} />
          <NumberControl label={text.seed} name="seed" spec={MEMO_SPEC.seed} value={values.seed} disabled={running} onChange={(v) => setValue('seed', v)} />
          <SelectControl label={text.backend} spec={MEMO_SPEC.backend} value={values.backend} disabled={running} onChange={(v) => setValue('backend', v)} />
        </>
      )}
    >
      {() => (
        <div className={styles.layout}>
          <div>
            <Scatter bounds={bounds} testId="memo-plot" label={text.alt(samples ? samples.length / 2 : 0, train ? train.length / 2 : 0)}
              layers={[{ points: samples, color: '#e8710a', size: 2.5, alpha: 0.5 }, { points: train, color: '--fg', size: 5, alpha: 0.9, ring: true }]} />
            <p className={styles.note}>{text.step(step)}</p>
          </div>
          <div>
            {stats && (
              <>
                <p data-testid="memo-copies" data-share={stats.share.toFixed(4)}>{text.copies(stats.share, COPY_RADIUS)}</p>
                <p data-testid="memo-median" data-median={stats.median.toFixed(4)}>{text.median(stats.median)}</p>
                <figure>
                  <div className={styles.hist} role="img" aria-label={text.hist}>
                    {stats.hist.map((h, i) => <span key={i} style={{ height: `${(100 * h) / Math.max(1, stats.max)}%` }} />)}
                  </div>
                  <figcaption className={styles.note}>{text.hist}</figcaption>
                </figure>
              </>
            )}
          </div>
        </div>
      )}
    </Cell>
  );
}
