'use client';
/**
 * The live 2D training cell: pick data, schedule and network; Run trains ε_θ in a Web Worker
 * (TF.js, backend chosen by lib/backend) while the page shows step, smoothed loss, steps/s,
 * a quality curve and a preview of samples. The trained model goes to the chapter kernel
 * (and IndexedDB) for the sampling cell.
 */
import { memo, useCallback, useMemo, useRef, useState } from 'react';
import { makeStore, type ValueStore } from '@/lib/valueStore';
import { useStoreValue } from '../useStoreValue';
import { Cell, type CellTask, type CodeRef } from '../cell/Cell';
import { NumberControl, SelectControl, SliderControl } from '../cell/controls';
import { useLang } from '../LangProvider';
import { train2dKernel, useTrain2DKernel } from '../Train2DKernel';
import { DATASETS, dinoPoints, makeDataset, parsePointsFile, pointsFromStrokes, type CanvasPoint, type DatasetId } from '@/lib/data2d';
import { makeRng } from '@/lib/rng';
import { scheduleSummary, makeSchedule } from '@/lib/diffusion/schedule';
import { BACKEND_PREFERENCES, type BackendPreference } from '@/lib/backend/decide';
import { SCHEDULE_2D_KINDS, type ProgressMsg, type QualityPoint, type SavedModel, type Schedule2DKind, type TrainSpec } from '@/lib/train2d/protocol';
import { paramCount } from '@/lib/train2d/model';
import { TRAIN2D_DEFAULTS, FINAL_SAMPLER } from '@/lib/train2d/defaults';
import { seedParam, type ParamSpecs, type ParamValues } from '@/lib/urlState';
import type { ParamRule } from '@/lib/paramRules';
import { QualityChart, Scatter, boundsOf, downloadCsv, useWorkerClient } from './Train2DCellParts';
import styles from './Train2DCell.module.css';

const D = TRAIN2D_DEFAULTS;
const DATA_IDS = [...DATASETS.map((d) => d.id), 'upload', 'draw'] as const;

export const TRAIN2D_SPEC = {
  dataset: { kind: 'enum', default: 'dino', values: DATA_IDS },
  n: { kind: 'number', default: 1000, min: 20, max: 5000, integer: true },
  schedule: { kind: 'enum', default: D.schedule, values: SCHEDULE_2D_KINDS },
  T: { kind: 'number', default: D.T, min: 2, max: 1000, integer: true },
  width: { kind: 'number', default: D.width, min: 8, max: 256, integer: true },
  depth: { kind: 'number', default: D.depth, min: 1, max: 6, integer: true },
  lr: { kind: 'number', default: D.lr, min: 1e-4, max: 0.05 },
  batch: { kind: 'number', default: D.batch, min: 16, max: 2048, integer: true },
  steps: { kind: 'number', default: D.steps, min: 1, max: 100000, integer: true },
  seconds: { kind: 'number', default: D.seconds, min: 1, max: 600, integer: true },
  seed: seedParam(1),
  backend: { kind: 'enum', default: 'auto', values: BACKEND_PREFERENCES },
} as const satisfies ParamSpecs;

type Values = ParamValues<typeof TRAIN2D_SPEC>;

const smallestTs = new Map<Schedule2DKind, number>();
/** The smallest T this schedule can be built for (scaled-linear needs T > 20 so that β_T < 1). */
function smallestT(kind: Schedule2DKind): number {
  let T = smallestTs.get(kind);
  if (T === undefined) {
    for (T = TRAIN2D_SPEC.T.min; T < TRAIN2D_SPEC.T.max && !summaryFor(kind, T); T++);
    smallestTs.set(kind, T);
  }
  return T;
}

/** The T control starts where the chosen schedule exists, so every T it offers can train. */
const TRAIN2D_RULES: readonly ParamRule<typeof TRAIN2D_SPEC>[] = [
  (v) => {
    const min = smallestT(v.schedule as Schedule2DKind);
    return v.T < min ? { T: min } : {};
  },
];

const TEXT = {
  en: {
    title: 'Train a diffusion model on 2D points, live in your browser',
    dataset: 'Data', n: 'Points', schedule: 'β schedule', T: 'Steps T', width: 'Width', depth: 'Hidden layers',
    lr: 'Learning rate', batch: 'Batch', steps: 'Max training steps', seconds: 'Time budget (s)', seed: 'Seed', backend: 'Backend',
    upload: 'Upload', draw: 'Draw', uploadLabel: 'Points file (CSV or TSV with columns x and y)',
    drawHint: 'Draw strokes in the box; the points are spread along them.', clearDrawing: 'Clear drawing',
    noUpload: 'Choose a points file first (CSV or TSV with a header line naming x and y).',
    noDrawing: 'Draw at least one stroke in the box first.',
    pause: 'Pause', resume: 'Resume', exportCsv: 'Export samples (CSV)', clearSaved: 'Clear saved model',
    step: 'step', loss: 'loss (smoothed)', sps: 'steps/s', lrNow: 'lr', paused: 'paused', elapsed: 'training time',
    preview: (n: number) => `Samples from the current model (${n} points, orange) over the training points (grey).`,
    previewAlt: (n: number, k: number) => `Scatter plot: ${k} training points and ${n} samples from the model being trained.`,
    quality: { title: 'Quality', precision: 'precision@0.1', coverage: 'coverage@0.1', swd: 'sliced Wasserstein', seconds: 's',
      alt: 'Line chart of precision, coverage and sliced Wasserstein distance against training time.' },
    saved: (label: string, steps: number) => `Saved model: ${label}, ${steps} steps (kept in this browser until cleared).`,
    restored: 'restored from an earlier visit', noneSaved: 'No saved model yet.',
    alphaWarn: (a: string) => `Warning: ᾱ_T = ${a} is not close to 0, so x_T is not pure noise; sampling from N(0, I) will miss the data. Use a larger T or another schedule.`,
    params: (p: number) => `${p.toLocaleString('en-US')} parameters`,
    useExplorer: (k: string, T: number) => `Use the β explorer's choice (${k}, T = ${T})`,
    badSchedule: 'This schedule cannot be built for this T (for example, scaled-linear needs T > 20 so that β_T stays below 1). Choose a larger T or another schedule.',
    caption: <>
      <p>The network ε<sub>θ</sub>(x<sub>t</sub>, t) is a small multilayer perceptron. The point x<sub>t</sub> enters through random Fourier features [x, sin 2πxB, cos 2πxB] (they let a small network draw sharp curves), the step t through a sinusoidal embedding; then <i>depth</i> ReLU layers of <i>width</i> units and a linear layer output ε̂. Training is Algorithm 1: pick x<sub>0</sub>, t and ε, form x<sub>t</sub> = √ᾱ<sub>t</sub> x<sub>0</sub> + √(1−ᾱ<sub>t</sub>) ε, and step Adam on ‖ε − ε̂‖². The learning rate warms up, then follows a cosine down to a small value over the run (the step limit or the time budget, whichever ends first); samples use an exponential moving average of the weights.</p>
      <p>Quality is measured on standardized points: <b>precision@0.1</b> is the share of samples within 0.1 of some training point, <b>coverage@0.1</b> the share of training points within 0.1 of some sample.</p>
    </>,
    datasetLabels: { upload: 'Upload a file…', draw: 'Draw…' } as Record<string, string>,
  },
  zh: {
    title: '在浏览器里实时训练一个二维扩散模型',
    dataset: '数据', n: '点数', schedule: 'β 调度', T: '步数 T', width: '宽度', depth: '隐藏层数',
    lr: '学习率', batch: '批大小', steps: '最多训练步数', seconds: '时间预算（秒）', seed: '随机种子', backend: '计算后端',
    upload: '上传', draw: '手绘', uploadLabel: '点数据文件（CSV 或 TSV，表头含 x 和 y 两列）',
    drawHint: '在框里画几笔，训练点会沿笔画均匀分布。', clearDrawing: '清除手绘',
    noUpload: '请先选择一个点数据文件（CSV 或 TSV，第一行是写有 x 和 y 的表头）。',
    noDrawing: '请先在框里至少画一笔。',
    pause: '暂停', resume: '继续', exportCsv: '导出样本（CSV）', clearSaved: '清除已保存的模型',
    step: '步数', loss: '损失（平滑后）', sps: '步/秒', lrNow: '学习率', paused: '已暂停', elapsed: '训练时间',
    preview: (n: number) => `当前模型生成的 ${n} 个样本（橙色），叠在训练点（灰色）上。`,
    previewAlt: (n: number, k: number) => `散点图：${k} 个训练点，以及正在训练的模型生成的 ${n} 个样本。`,
    quality: { title: '质量', precision: '精确率@0.1', coverage: '覆盖率@0.1', swd: '切片 Wasserstein 距离', seconds: '秒',
      alt: '折线图：精确率、覆盖率和切片 Wasserstein 距离随训练时间的变化。' },
    saved: (label: string, steps: number) => `已保存的模型：${label}，训练了 ${steps} 步（保存在本浏览器中，直到你清除它）。`,
    restored: '从上次访问中恢复', noneSaved: '还没有保存的模型。',
    alphaWarn: (a: string) => `注意：ᾱ_T = ${a} 离 0 还远，x_T 不是纯噪声；从 N(0, I) 出发采样会偏离数据。请加大 T 或换一种调度。`,
    params: (p: number) => `共 ${p.toLocaleString('zh-CN')} 个参数`,
    useExplorer: (k: string, T: number) => `使用 β 调度探索器中的选择（${k}，T = ${T}）`,
    badSchedule: '在这个 T 下无法构造该调度（例如缩放线性调度要求 T > 20，β_T 才会小于 1）。请加大 T 或换一种调度。',
    caption: <>
      <p>网络 ε<sub>θ</sub>(x<sub>t</sub>, t) 是一个小型多层感知机。点 x<sub>t</sub> 先经过随机傅里叶特征 [x, sin 2πxB, cos 2πxB]（它让小网络也能画出锐利的曲线），步数 t 经过正弦时间嵌入；接着是 <i>层数</i> 个宽为 <i>宽度</i> 的 ReLU 层，最后一个线性层输出 ε̂。训练就是算法 1：取 x<sub>0</sub>、t 和 ε，构造 x<sub>t</sub> = √ᾱ<sub>t</sub> x<sub>0</sub> + √(1−ᾱ<sub>t</sub>) ε，再用 Adam 对 ‖ε − ε̂‖² 做一步梯度下降。学习率先预热，再按余弦曲线在整个训练过程（步数上限或时间预算，先到为准）中降到很小；采样使用权重的指数滑动平均。</p>
      <p>质量在标准化后的坐标里衡量：<b>精确率@0.1</b> 是离某个训练点不超过 0.1 的样本所占比例，<b>覆盖率@0.1</b> 是离某个样本不超过 0.1 的训练点所占比例。</p>
    </>,
    datasetLabels: { upload: '上传文件…', draw: '手绘…' } as Record<string, string>,
  },
};

/** The β-explorer cell (id "schedule") keeps its choice in the URL; offer it when it is one this trainer supports. */
function explorerChoice(): { kind: Schedule2DKind; T: number } | null {
  if (typeof window === 'undefined') return null;
  const q = new URLSearchParams(window.location.search);
  const kind = q.get('schedule.kind');
  const T = Number(q.get('schedule.T') ?? 1000);
  if (!kind || !(SCHEDULE_2D_KINDS as readonly string[]).includes(kind)) return null;
  if (!Number.isInteger(T) || T < 2 || T > 1000) return null;
  return { kind: kind as Schedule2DKind, T };
}

const summaries = new Map<string, ReturnType<typeof scheduleSummary> | null>();
/** The core's schedule summary (for the ᾱ_T warning), cached per (kind, T). */
function summaryFor(kind: Schedule2DKind, T: number) {
  const key = `${kind}:${T}`;
  if (!summaries.has(key)) {
    try { summaries.set(key, scheduleSummary(makeSchedule({ kind, T }))); } catch { summaries.set(key, null); }
  }
  return summaries.get(key) ?? null;
}

interface Upload { name: string; points: Float32Array | null; message: string | null }

export interface RunLog {
  backend: string;
  reason: string;
  progress: { t: number; step: number; loss: number; stepsPerSecond: number }[];
  quality: QualityPoint[];
  final?: QualityPoint;
  steps?: number;
  sampleMs?: number;
  stopped?: boolean;
}

export function buildTrainSpec(v: Values, points: Float32Array, dataLabel: string): TrainSpec {
  return {
    points, dataLabel,
    schedule: v.schedule as Schedule2DKind,
    net: { width: v.width, depth: v.depth, fourier: D.fourier, fourierScale: D.fourierScale, timeDim: D.timeDim, T: v.T },
    train: { batch: v.batch, lr: v.lr, steps: v.steps, seconds: v.seconds, warmupFrac: D.warmupFrac, minLrFrac: D.minLrFrac, emaDecay: D.emaDecay, seed: v.seed },
    qualityEvery: D.qualityEvery, qualitySamples: D.qualitySamples, finalSamples: 2000, sampler: FINAL_SAMPLER,
  };
}

export function Train2DCellClient({ code }: { code: CodeRef[] }) {
  const lang = useLang();
  const text = TEXT[lang];
  const client = useWorkerClient();
  const kernel = useTrain2DKernel();
  const [upload, setUpload] = useState<Upload | null>(null);
  const [strokes, setStrokes] = useState<CanvasPoint[][]>([]);
  const progressStore = useMemo(() => makeStore<ProgressMsg | null>(null), []);
  const setProgress = progressStore.set;
  // The quality curve and the sample preview update every few seconds while training: like the
  // stats they live in a store read by the output panel only (not the controls, not the Cell).
  const liveStore = useMemo(() => makeStore<LiveOutput>({ quality: [], preview: null }), []);
  const [trainPts, setTrainPts] = useState<Float32Array | null>(null);
  const [samples, setSamples] = useState<Float32Array | null>(null);
  const [reason, setReason] = useState<string | null>(null);
  const [paused, setPaused] = useState(false);
  const drawRef = useRef<HTMLCanvasElement>(null);
  const latest = useRef<ProgressMsg | null>(null);
  const flushTimer = useRef(0);

  const resolveData = useCallback((v: Values): { points: Float32Array; label: string } => {
    if (v.dataset === 'upload') {
      if (!upload?.points) throw new Error(upload?.message ?? text.noUpload);
      return { points: upload.points, label: `upload: ${upload.name}` };
    }
    if (v.dataset === 'draw') {
      const c = drawRef.current;
      const pts = c ? pointsFromStrokes(strokes, { width: c.width, height: c.height }, makeRng(v.seed), { n: v.n }) : new Float32Array(0);
      if (pts.length < 4) throw new Error(text.noDrawing);
      return { points: pts, label: 'drawing' };
    }
    if (v.dataset === 'dino') return { points: dinoPoints(), label: 'dino' };
    return { points: makeDataset(v.dataset as DatasetId, v.n, makeRng(v.seed)), label: v.dataset };
  }, [upload, strokes, text]);

  const run = useCallback<CellTask<typeof TRAIN2D_SPEC>>(async (v, ctx) => {
    const { points, label } = resolveData(v);
    latest.current = null;
    setTrainPts(points);
    liveStore.set({ quality: [], preview: null }); setSamples(null); setProgress(null); setPaused(false);
    const c = client();
    const log: RunLog = { backend: '', reason: '', progress: [], quality: [] };
    if (window.__train2d) window.__train2d.runs.train2d = log;
    const be = await c.init(v.backend as BackendPreference);
    log.backend = be.name; log.reason = be.reason;
    ctx.setBackend(be.name);
    setReason(be.reason);
    const onAbort = () => { void c.stop(); };
    ctx.signal.addEventListener('abort', onAbort);
    const t0 = performance.now();
    try {
      const res = await c.train(buildTrainSpec(v, points, label), {
        onProgress: (p) => {
          // The worker reports every ~40 ms; the page repaints the numbers at most 4 times a second.
          latest.current = p;
          if (!flushTimer.current) {
            flushTimer.current = window.setTimeout(() => {
              flushTimer.current = 0;
              if (latest.current) { setProgress(latest.current); ctx.progress(latest.current.progress); }
            }, 250);
          }
          log.progress.push({ t: (performance.now() - t0) / 1000, step: p.step, loss: p.loss, stepsPerSecond: p.stepsPerSecond });
        },
        onQuality: (q, prev) => { log.quality.push(q); liveStore.update((s) => ({ quality: [...s.quality, q], preview: prev })); },
      });
      log.final = res.quality; log.steps = res.model.steps; log.sampleMs = res.sampleMs; log.stopped = res.stopped;
      setProgress(latest.current);
      setSamples(res.samples);
      liveStore.update((s) => ({ quality: [...s.quality, res.quality], preview: res.samples }));
      await train2dKernel.set(res.model);
    } finally {
      ctx.signal.removeEventListener('abort', onAbort);
      setPaused(false);
    }
  }, [client, resolveData, liveStore]);

  const onFile = useCallback(async (file: File | undefined) => {
    if (!file) return;
    let textContent: string;
    try { textContent = await file.text(); } catch { setUpload({ name: file.name, points: null, message: 'The file could not be read.' }); return; }
    const r = parsePointsFile(textContent);
    setUpload(r.ok ? { name: file.name, points: r.points, message: null } : { name: file.name, points: null, message: r.message });
  }, []);

  const bounds = useMemo(() => boundsOf(trainPts ?? kernel.model?.points), [trainPts, kernel.model]);
  const shownTrain = trainPts ?? kernel.model?.points ?? null;

  return (
    <Cell
      id="train2d"
      title={text.title}
      spec={TRAIN2D_SPEC}
      rules={TRAIN2D_RULES}
      run={run}
      code={code}
      caption={text.caption}
      onReset={() => { liveStore.set({ quality: [], preview: null }); setSamples(null); setProgress(null); setTrainPts(null); setReason(null); }}
      controls={({ values, setValue, running }) => (
        <Controls values={values} setValue={setValue} running={running} lang={lang} upload={upload} onFile={onFile}
          strokes={strokes} setStrokes={setStrokes} drawRef={drawRef} />
      )}
      extraActions={({ running }) => (
        <>
          <button type="button" data-action="pause" disabled={!running}
            onClick={async () => { const c = client(); if (paused) { await c.resume(); setPaused(false); } else { await c.pause(); setPaused(true); } }}>
            {paused ? text.resume : text.pause}
          </button>
          <button type="button" data-action="export" disabled={!samples} onClick={() => samples && downloadCsv(samples, 'ddpm-2d-samples.csv')}>{text.exportCsv}</button>
          <button type="button" data-action="clear-saved" disabled={running || !kernel.model} onClick={() => { void train2dKernel.clear(); }}>{text.clearSaved}</button>
        </>
      )}
    >
      {() => (
        <Output lang={lang} bounds={bounds} shownTrain={shownTrain} liveStore={liveStore} reason={reason}
          paused={paused} progressStore={progressStore} model={kernel.model} source={kernel.source} />
      )}
    </Cell>
  );
}

type SetValue = <K extends keyof typeof TRAIN2D_SPEC>(name: K, value: Values[K]) => void;

/** The controls, memoized: the cell's 100 ms status ticker must not re-render them while training. */
const Controls = memo(function Controls({ values, setValue, running, lang, upload, onFile, strokes, setStrokes, drawRef }: {
  values: Values; setValue: SetValue; running: boolean; lang: 'en' | 'zh'; upload: Upload | null;
  onFile: (f: File | undefined) => void; strokes: CanvasPoint[][]; setStrokes: (s: CanvasPoint[][]) => void;
  drawRef: React.RefObject<HTMLCanvasElement | null>;
}) {
  const text = TEXT[lang];
  const drawing = useRef<CanvasPoint[] | null>(null);
  const canvasPoint = (e: React.PointerEvent<HTMLCanvasElement>): CanvasPoint => {
    const c = e.currentTarget, r = c.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * c.width, y: ((e.clientY - r.top) / r.height) * c.height };
  };
  const redrawStrokes = (all: CanvasPoint[][]) => {
    const c = drawRef.current; const g = c?.getContext('2d');
    if (!c || !g) return;
    g.clearRect(0, 0, c.width, c.height);
    g.strokeStyle = getComputedStyle(c).getPropertyValue('--accent').trim() || '#2456c7';
    g.lineWidth = 3;
    for (const s of all) { g.beginPath(); s.forEach((p, i) => (i ? g.lineTo(p.x, p.y) : g.moveTo(p.x, p.y))); if (s.length === 1) g.arc(s[0].x, s[0].y, 2, 0, 7); g.stroke(); }
  };
  const sum = summaryFor(values.schedule as Schedule2DKind, values.T);
  return (
    <>
      <SelectControl label={text.dataset} spec={TRAIN2D_SPEC.dataset} value={values.dataset} disabled={running}
        labels={{ ...Object.fromEntries(DATASETS.map((d) => [d.id, d.label[lang]])), ...text.datasetLabels }}
        onChange={(v) => setValue('dataset', v)} />
      {values.dataset !== 'dino' && values.dataset !== 'upload' && (
        <SliderControl label={text.n} spec={TRAIN2D_SPEC.n} value={values.n} disabled={running} onChange={(v) => setValue('n', v)} />
      )}
      {values.dataset === 'upload' && (
        <div className={styles.upload}>
          <label htmlFor="train2d-upload">{text.uploadLabel}</label>
          <input id="train2d-upload" name="points-file" type="file" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
            disabled={running} onChange={(e) => onFile(e.currentTarget.files?.[0])} />
          {upload?.message && <p className={styles.message} role="alert" data-testid="upload-message">{upload.message}</p>}
          {upload?.points && <p className={styles.note} data-testid="upload-ok">{upload.name}: {upload.points.length / 2} points</p>}
        </div>
      )}
      {values.dataset === 'draw' && (
        <div className={styles.draw}>
          <span className={styles.note}>{text.drawHint}</span>
          <canvas ref={drawRef} width={300} height={300} className={styles.drawCanvas} aria-label={text.drawHint} data-testid="draw-canvas"
            onPointerDown={(e) => { if (running) return; e.currentTarget.setPointerCapture(e.pointerId); drawing.current = [canvasPoint(e)]; }}
            onPointerMove={(e) => { if (!drawing.current) return; drawing.current.push(canvasPoint(e)); redrawStrokes([...strokes, drawing.current]); }}
            onPointerUp={() => { if (drawing.current) { const s = [...strokes, drawing.current]; drawing.current = null; setStrokes(s); redrawStrokes(s); } }} />
          <button type="button" disabled={running || strokes.length === 0} onClick={() => { setStrokes([]); redrawStrokes([]); }}>{text.clearDrawing}</button>
        </div>
      )}
      <SelectControl label={text.schedule} spec={TRAIN2D_SPEC.schedule} value={values.schedule} disabled={running} onChange={(v) => setValue('schedule', v)} />
      <SliderControl label={text.T} spec={{ ...TRAIN2D_SPEC.T, min: smallestT(values.schedule as Schedule2DKind) }} value={values.T} disabled={running} onChange={(v) => setValue('T', v)} log />
      <SliderControl label={text.width} spec={TRAIN2D_SPEC.width} value={values.width} disabled={running} onChange={(v) => setValue('width', v)} log />
      <SliderControl label={text.depth} spec={TRAIN2D_SPEC.depth} value={values.depth} disabled={running} onChange={(v) => setValue('depth', v)} />
      <SliderControl label={text.lr} spec={TRAIN2D_SPEC.lr} value={values.lr} disabled={running} log format={(v) => v.toPrecision(2)} onChange={(v) => setValue('lr', v)} />
      <SliderControl label={text.batch} spec={TRAIN2D_SPEC.batch} value={values.batch} disabled={running} log onChange={(v) => setValue('batch', v)} />
      <NumberControl label={text.steps} name="steps" spec={TRAIN2D_SPEC.steps} value={values.steps} disabled={running} onChange={(v) => setValue('steps', v)} />
      <NumberControl label={text.seconds} name="seconds" spec={TRAIN2D_SPEC.seconds} value={values.seconds} disabled={running} onChange={(v) => setValue('seconds', v)} />
      <NumberControl label={text.seed} name="seed" spec={TRAIN2D_SPEC.seed} value={values.seed} disabled={running} onChange={(v) => setValue('seed', v)} />
      <SelectControl label={text.backend} spec={TRAIN2D_SPEC.backend} value={values.backend} disabled={running} onChange={(v) => setValue('backend', v)} />
      {(() => {
        const ex = explorerChoice();
        if (!ex || (ex.kind === values.schedule && ex.T === values.T)) return null;
        return (
          <button type="button" data-action="use-explorer" disabled={running}
            onClick={() => { setValue('schedule', ex.kind); setValue('T', ex.T); }}>
            {text.useExplorer(ex.kind, ex.T)}
          </button>
        );
      })()}
      {!sum && <p className={styles.message} role="status">{text.badSchedule}</p>}
      {sum?.terminalSnrWarning && <p className={styles.message} role="status">{text.alphaWarn(sum.alphaBarT.toPrecision(3))}</p>}
      <p className={styles.note}>{text.params(paramCount({ width: values.width, depth: values.depth, fourier: TRAIN2D_DEFAULTS.fourier, fourierScale: 1, timeDim: TRAIN2D_DEFAULTS.timeDim, T: values.T, seed: 0 }))}</p>
    </>
  );
});

function Stats({ store, paused, lang }: { store: ValueStore<ProgressMsg | null>; paused: boolean; lang: 'en' | 'zh' }) {
  const text = TEXT[lang];
  const progress = useStoreValue(store);
  return (
    <div className={styles.stats} data-testid="train2d-stats" data-step={progress?.step ?? 0}>
      <span>{text.step} <b data-testid="train2d-step">{progress?.step ?? 0}</b></span>
      <span>{text.loss} <b>{progress && Number.isFinite(progress.loss) ? progress.loss.toFixed(4) : '–'}</b></span>
      <span>{text.sps} <b>{progress ? progress.stepsPerSecond.toFixed(0) : '–'}</b></span>
      <span>{text.lrNow} <b>{progress ? progress.lr.toExponential(1) : '–'}</b></span>
      <span>{text.elapsed} <b>{progress ? progress.seconds.toFixed(1) : '0.0'} s</b></span>
      {paused && <span data-testid="train2d-paused"><b>{text.paused}</b></span>}
    </div>
  );
}

interface LiveOutput { quality: QualityPoint[]; preview: Float32Array | null }

const Output = memo(function Output({ lang, bounds, shownTrain, liveStore, reason, paused, progressStore, model, source }: {
  lang: 'en' | 'zh'; bounds: ReturnType<typeof boundsOf>; shownTrain: Float32Array | null; liveStore: ValueStore<LiveOutput>;
  reason: string | null; paused: boolean; progressStore: ValueStore<ProgressMsg | null>;
  model: SavedModel | null; source: 'trained' | 'restored' | null;
}) {
  const text = TEXT[lang];
  const { quality, preview } = useStoreValue(liveStore);
  return (
    <div className={styles.layout}>
      <div>
        <Scatter bounds={bounds} testId="train2d-preview"
          layers={[{ points: shownTrain, color: '--fg-soft', size: 4, alpha: 0.7 }, { points: preview, color: '#e8710a', size: 2.5, alpha: 0.55 }]}
          label={text.previewAlt(preview ? preview.length / 2 : 0, shownTrain ? shownTrain.length / 2 : 0)} />
        <p className={styles.note}>{text.preview(preview ? preview.length / 2 : 0)}</p>
      </div>
      <div>
        <Stats store={progressStore} paused={paused} lang={lang} />
        {reason && <p className={styles.reason} data-testid="backend-reason">{text.backend}: {reason}</p>}
        <QualityChart points={quality} labels={text.quality} />
        <p className={styles.note} data-testid="kernel-status">
          {model ? `${text.saved(model.dataLabel, model.steps)}${source === 'restored' ? ` (${text.restored})` : ''}` : text.noneSaved}
        </p>
      </div>
    </div>
  );
});
