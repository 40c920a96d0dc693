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
import { useLocationSearch } from '../useLocationSearch';
import { Cell, type CellTask } from '../cell/Cell';
import { ParamControls } from '../cell/ParamControls';
import { useStrings } from '../LangProvider';
import { useInlineMath } from '../MathText';
import { backendWhyText, dataLabelText } from '@/messages';
import { fixed, precise, scientific, seconds } from '@/messages/format';
import { train2dKernel, useTrain2DKernel } from '../Train2DKernel';
import { dinoPoints, makeDataset, type DatasetId } from '@/lib/data2d';
import { makeRng } from '@/lib/rng';
import { isBuiltinScheduleKind, scheduleSummary, scheduleTable } from '@/lib/diffusion/schedule';
import type { BackendPreference } from '@/lib/backend/decide';
import { type ProgressMsg, type QualityPoint, type SavedModel, type Schedule2DKind, type TrainSpec } from '@/lib/train2d/protocol';
import { paramCount } from '@/lib/train2d/model';
import { TRAIN2D_DEFAULTS, FINAL_SAMPLER } from '@/lib/train2d/defaults';
import { parseParams, type ParamValues } from '@/lib/urlState';
import { SCHEDULE_CELL_ID, SCHEDULE_SPEC, TRAIN2D_SPEC, type CellClientProps } from './catalog';
import type { ParamRule } from '@/lib/paramRules';
import { Scatter, boundsOf, useWorkerClient } from './Train2DCellParts';
import { TrainingCharts, appendLoss, type LossHistory } from './Train2DCharts';
import { DrawPad, Train2DActions, drawnPoints, useDrawing, useUploadedPoints, type Drawing, type Upload } from './Train2DActions';
import styles from './Train2DCell.module.css';

const D = TRAIN2D_DEFAULTS;

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

/**
 * The β-explorer keeps its choice in the URL (read through its own spec, so a renamed or
 * re-ranged parameter cannot drift); offer it when the reader changed it and this trainer supports it.
 */
function explorerChoice(search: string): { kind: Schedule2DKind; T: number } | null {
  const q = new URLSearchParams(search);
  if (![...q.keys()].some((k) => k.startsWith(`${SCHEDULE_CELL_ID}.`))) return null;
  const { kind, T } = parseParams(SCHEDULE_SPEC, q, SCHEDULE_CELL_ID).values;
  if (!isBuiltinScheduleKind(kind) || T < TRAIN2D_SPEC.T.min || T > TRAIN2D_SPEC.T.max) return null;
  return { kind, T };
}

const summaries = new Map<string, ReturnType<typeof scheduleSummary> | null>();
/** The core's schedule summary (for the ᾱ_T warning), cached per (kind, T). */
function summaryFor(kind: Schedule2DKind, T: number) {
  const key = `${kind}:${T}`;
  if (!summaries.has(key)) {
    try { summaries.set(key, scheduleSummary(scheduleTable({ kind, T }))); } catch { summaries.set(key, null); }
  }
  return summaries.get(key) ?? null;
}

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

function buildTrainSpec(v: Values, points: Float32Array, dataLabel: string): TrainSpec {
  return {
    points, dataLabel,
    schedule: v.schedule as Schedule2DKind,
    net: { width: v.width, depth: v.depth, fourier: D.fourier, fourierScale: D.fourierScale, timeDim: D.timeDim, T: v.T },
    train: { batch: v.batch, lr: v.lr, steps: v.steps, seconds: v.seconds, warmupFrac: D.warmupFrac, minLrFrac: D.minLrFrac, emaDecay: D.emaDecay, tPower: D.tPower, seed: v.seed },
    qualityEvery: D.qualityEvery, qualitySamples: D.qualitySamples, finalSamples: 2000, sampler: FINAL_SAMPLER,
  };
}

/** The points to train on: a built-in set, the uploaded file or the drawn strokes (or why there are none). */
function trainingPoints(v: Values, upload: Upload | null, drawing: Drawing, text: { noUpload: string; noDrawing: string }): { points: Float32Array; label: string } {
  if (v.dataset === 'upload') {
    if (!upload?.points) throw new Error(upload?.message ?? text.noUpload);
    return { points: upload.points, label: `upload: ${upload.name}` };
  }
  if (v.dataset === 'draw') return { points: drawnPoints(drawing, v.seed, v.n, text.noDrawing), label: 'drawing' };
  if (v.dataset === 'dino') return { points: dinoPoints(), label: 'dino' };
  return { points: makeDataset(v.dataset as DatasetId, v.n, makeRng(v.seed)), label: v.dataset };
}

export function Train2DCellClient({ id, code }: CellClientProps) {
  const ui = useStrings();
  const text = ui.cells.train2d;
  const math = useInlineMath();
  const client = useWorkerClient();
  const kernel = useTrain2DKernel();
  const [upload, onFile] = useUploadedPoints(ui);
  const drawing = useDrawing();
  const progressStore = useMemo(() => makeStore<ProgressMsg | null>(null), []);
  const setProgress = progressStore.set;
  // The quality curve and the sample preview update every few seconds while training: like the
  // stats they live in a store read by the output panel only (not the controls, not the Cell).
  const liveStore = useMemo(() => makeStore<LiveOutput>({ quality: [], preview: null }), []);
  const lossStore = useMemo(() => makeStore<LossHistory>(NO_LOSS), []);
  const [trainPts, setTrainPts] = useState<Float32Array | null>(null);
  const [samples, setSamples] = useState<Float32Array | null>(null);
  const [reason, setReason] = useState<BackendNote | null>(null);
  const [paused, setPaused] = useState(false);
  const latest = useRef<ProgressMsg | null>(null);
  const flushTimer = useRef(0);

  const resolveData = useCallback((v: Values) => trainingPoints(v, upload, drawing, text), [upload, drawing, text]);

  const run = useCallback<CellTask<typeof TRAIN2D_SPEC>>(async (v, ctx) => {
    const { points, label } = resolveData(v);
    latest.current = null;
    setTrainPts(points);
    liveStore.set({ quality: [], preview: null }); lossStore.set(NO_LOSS); setSamples(null); setProgress(null); setPaused(false);
    const c = client();
    const log: RunLog = { backend: '', reason: '', progress: [], quality: [] };
    if (window.__train2d) window.__train2d.runs.train2d = log;
    const be = await c.init(v.backend as BackendPreference);
    log.backend = be.name; log.reason = be.reason;
    ctx.setBackend(be.name);
    setReason({ name: be.name, kind: be.why?.kind ?? 'measured', detail: be.why ? backendWhyText(ui, be.why) : be.reason });
    const t0 = performance.now();
    try {
      const res = await c.train(buildTrainSpec(v, points, label), be, {
        signal: ctx.signal,
        onProgress: (p) => {
          // The worker reports every ~40 ms; the page repaints the numbers at most 4 times a second.
          latest.current = p;
          if (!flushTimer.current) {
            flushTimer.current = window.setTimeout(() => {
              flushTimer.current = 0;
              const p = latest.current;
              if (p) { setProgress(p); lossStore.update((h) => appendLoss(h, p.step, p.loss)); ctx.progress(p.progress); }
            }, 250);
          }
          log.progress.push({ t: (performance.now() - t0) / 1000, step: p.step, loss: p.loss, stepsPerSecond: p.stepsPerSecond });
        },
        onQuality: (q, prev) => { log.quality.push(q); liveStore.update((s) => ({ quality: [...s.quality, q], preview: prev })); },
      });
      log.final = res.quality ?? undefined; log.steps = res.model.steps; log.sampleMs = res.sampleMs; log.stopped = res.stopped;
      setProgress(latest.current);
      // A stopped run has no final draw: it shows its last preview (if any) and keeps its curve.
      const final = res.quality;
      if (res.samples.length) setSamples(res.samples);
      if (!res.stopped && final) liveStore.update((s) => ({ quality: [...s.quality, final], preview: res.samples }));
      train2dKernel.set(res.model);
    } finally {
      setPaused(false);
    }
  }, [client, resolveData, liveStore, lossStore, setProgress, ui]);

  const bounds = useMemo(() => boundsOf(trainPts ?? kernel.model?.points), [trainPts, kernel.model]);
  const shownTrain = trainPts ?? kernel.model?.points ?? null;

  return (
    <Cell
      id={id}
      title={text.title}
      spec={TRAIN2D_SPEC}
      rules={TRAIN2D_RULES}
      run={run}
      code={code}
      caption={text.caption(math)}
      onReset={() => { liveStore.set({ quality: [], preview: null }); lossStore.set(NO_LOSS); setSamples(null); setProgress(null); setTrainPts(null); setReason(null); }}
      controls={({ values, setValue, running }) => (
        <Controls values={values} setValue={setValue} running={running} upload={upload} onFile={onFile} drawing={drawing} />
      )}
      extraActions={({ running }) => (
        <Train2DActions running={running} paused={paused} samples={samples} hasModel={!!kernel.model} text={text}
          onPause={async () => { const c = client(); if (paused) { await c.resume(); setPaused(false); } else { await c.pause(); setPaused(true); } }} />
      )}
    >
      {() => (
        <Output bounds={bounds} shownTrain={shownTrain} liveStore={liveStore} lossStore={lossStore} reason={reason}
          paused={paused} progressStore={progressStore} model={kernel.model} source={kernel.source} />
      )}
    </Cell>
  );
}

type SetValue = <K extends keyof typeof TRAIN2D_SPEC>(name: K, value: Values[K]) => void;

/** The controls, memoized: the cell's 100 ms status ticker must not re-render them while training. */
const Controls = memo(function Controls({ values, setValue, running, upload, onFile, drawing }: {
  values: Values; setValue: SetValue; running: boolean; upload: Upload | null;
  onFile: (f: File | undefined) => void; drawing: Drawing;
}) {
  const ui = useStrings();
  const text = ui.cells.train2d;
  const search = useLocationSearch();
  const sum = summaryFor(values.schedule as Schedule2DKind, values.T);
  return (
    <>
      {/* The dino has its own points and an upload its own count: no point-count slider for them. */}
      <ParamControls spec={TRAIN2D_SPEC} values={values} setValue={setValue} disabled={running} labels={text}
        params={values.dataset === 'dino' || values.dataset === 'upload' ? ['dataset'] : ['dataset', 'n']}
        options={{ dataset: { optionLabels: { ...ui.datasets, ...text.datasetLabels } } }} />
      {values.dataset === 'upload' && (
        <div className={styles.upload}>
          <label htmlFor="train2d-upload">{text.uploadLabel}</label>
          <input id="train2d-upload" name="points-file" type="file" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
            disabled={running} onChange={(e) => onFile(e.currentTarget.files?.[0])} />
          {upload?.message && <p className={styles.message} role="alert" data-testid="upload-message">{upload.message}</p>}
          {upload?.points && <p className={styles.note} data-testid="upload-ok">{upload.name}: {upload.points.length / 2} points</p>}
        </div>
      )}
      {values.dataset === 'draw' && <DrawPad drawing={drawing} running={running} hint={text.drawHint} clearLabel={text.clearDrawing} />}
      {/* T starts where the chosen schedule exists (TRAIN2D_RULES keeps the value there too). */}
      <ParamControls spec={{ ...TRAIN2D_SPEC, T: { ...TRAIN2D_SPEC.T, min: smallestT(values.schedule as Schedule2DKind) } }}
        values={values} setValue={setValue} disabled={running} labels={text}
        params={['schedule', 'T', 'width', 'depth', 'lr', 'batch', 'steps', 'seconds', 'seed', 'backend']}
        options={{
          schedule: { optionLabels: ui.scheduleKinds }, T: { log: true }, width: { log: true }, lr: { log: true, format: (v) => precise(v, 2) },
          batch: { log: true }, steps: { as: 'number' }, seconds: { as: 'number' }, backend: { optionLabels: ui.backendChoices },
        }} />
      {(() => {
        const ex = explorerChoice(search);
        if (!ex || (ex.kind === values.schedule && ex.T === values.T)) return null;
        return (
          <button type="button" data-action="use-explorer" disabled={running}
            onClick={() => { setValue('schedule', ex.kind); setValue('T', ex.T); }}>
            {text.useExplorer(ui.scheduleKinds[ex.kind], ex.T)}
          </button>
        );
      })()}
      {!sum && <p className={styles.message} role="status">{text.badSchedule}</p>}
      {sum?.terminalSnrWarning && <p className={styles.message} role="status">{text.alphaWarn(sum.alphaBarT)}</p>}
      <p className={styles.note}>{text.params(paramCount({ width: values.width, depth: values.depth, fourier: TRAIN2D_DEFAULTS.fourier, fourierScale: 1, timeDim: TRAIN2D_DEFAULTS.timeDim, T: values.T, seed: 0 }))}</p>
      <p className={styles.note} data-testid="train2d-recipe">{text.recipe(TRAIN2D_DEFAULTS)}</p>
    </>
  );
});

function Stats({ store, paused }: { store: ValueStore<ProgressMsg | null>; paused: boolean }) {
  const ui = useStrings();
  const text = ui.cells.train2d;
  const progress = useStoreValue(store);
  return (
    <div className={styles.stats} data-testid="train2d-stats" data-step={progress?.step ?? 0}>
      <span>{text.step} <b data-testid="train2d-step">{progress?.step ?? 0}</b></span>
      <span>{text.loss} <b>{progress && Number.isFinite(progress.loss) ? fixed(progress.loss, 4) : '–'}</b></span>
      <span>{text.sps} <b>{progress ? fixed(progress.stepsPerSecond, 0) : '–'}</b></span>
      <span>{text.lrNow} <b>{progress ? scientific(progress.lr) : '–'}</b></span>
      <span>{text.elapsed} <b>{seconds(progress ? progress.seconds * 1000 : 0)}</b></span>
      {paused && <span data-testid="train2d-paused"><b>{text.paused}</b></span>}
    </div>
  );
}

interface LiveOutput { quality: QualityPoint[]; preview: Float32Array | null }
/** The backend in use: a plain summary from its kind of decision, and the measured detail. */
interface BackendNote { name: string; kind: 'measured' | 'override' | 'fallback'; detail: string }
const NO_LOSS: LossHistory = { step: [], loss: [] };

/** The charts, re-rendered by the loss store (4 times a second while training) without the rest of the output. */
function Charts({ liveStore, lossStore }: { liveStore: ValueStore<LiveOutput>; lossStore: ValueStore<LossHistory> }) {
  const ui = useStrings();
  const { quality } = useStoreValue(liveStore);
  const loss = useStoreValue(lossStore);
  return <TrainingCharts quality={quality} loss={loss} text={ui.cells.train2d.quality} />;
}

const Output = memo(function Output({ bounds, shownTrain, liveStore, lossStore, reason, paused, progressStore, model, source }: {
  bounds: ReturnType<typeof boundsOf>; shownTrain: Float32Array | null; liveStore: ValueStore<LiveOutput>; lossStore: ValueStore<LossHistory>;
  reason: BackendNote | null; paused: boolean; progressStore: ValueStore<ProgressMsg | null>;
  model: SavedModel | null; source: 'trained' | 'restored' | null;
}) {
  const ui = useStrings();
  const text = ui.cells.train2d;
  const { preview } = useStoreValue(liveStore);
  return (
    <div className={styles.layout}>
      <div>
        <Scatter bounds={bounds} testId="train2d-preview"
          layers={[{ points: shownTrain, color: 'fgSoft', size: 4, alpha: 0.7 }, { points: preview, color: 'warn', size: 2.5, alpha: 0.55 }]}
          label={text.previewAlt(preview ? preview.length / 2 : 0, shownTrain ? shownTrain.length / 2 : 0)} />
        <p className={styles.note}>{text.preview(preview ? preview.length / 2 : 0)}</p>
      </div>
      <div>
        <Stats store={progressStore} paused={paused} />
        {reason && (
          // A plain sentence; how the backend was chosen (timings, adapters) behind a disclosure.
          <details className={styles.reason} data-testid="backend-note">
            <summary>{text.backendSummary(reason.kind, reason.name)}</summary>
            <p data-testid="backend-reason">{text.backend}: {reason.detail}</p>
          </details>
        )}
        <Charts liveStore={liveStore} lossStore={lossStore} />
        <p className={styles.note} data-testid="kernel-status">
          {model ? `${text.saved(dataLabelText(ui, model.dataLabel), model.steps)}${source === 'restored' ? ` (${text.restored})` : ''}` : text.noneSaved}
        </p>
      </div>
    </div>
  );
});
