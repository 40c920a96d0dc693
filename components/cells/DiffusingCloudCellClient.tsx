'use client';
/**
 * A 2D data cloud diffusing to N(0, I) (intuition chapter): the forward chain
 * x_t = √(1−β_t) x_{t−1} + √β_t ε_t run step by step on 2,000 points, animated on a canvas over
 * a Plot frame. Run plays from the current step, Stop pauses, the slider scrubs (any step is at
 * most 50 steps from a stored checkpoint). A grey N(0, I) sample shows where the cloud ends up.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { Cell, type CellApi, type CellTask } from '../cell/Cell';
import { ParamControls } from '../cell/ParamControls';
import { useStrings } from '../LangProvider';
import { MathText } from '../MathText';
import type { Messages } from '@/messages';
import { usePrefersReducedMotion } from '../usePrefersReducedMotion';
import { CloudFrameBox, useCloudFrame, type FrameGeometry } from '../plot/CloudFrame';
import { drawPoints, prepareCanvas } from '../plot/canvas';
import { useThemeColors } from '../plot/useThemeColors';
import { scheduleTable, type BuiltinScheduleKind, type ScheduleTable } from '@/lib/diffusion/schedule';
import { getDataset, type DatasetId } from '@/lib/data2d';
import { ForwardChain } from '@/lib/plotting/chain';
import { prepareCloud } from '@/lib/plotting/cloudData';
import { meanVariance } from '@/lib/plotting/histogram';
import { builtinSpec } from '@/lib/plotting/scheduleParams';
import type { ParamValues } from '@/lib/urlState';
import { abortError } from '@/lib/abort';
import { CLOUD_SPEC as SPEC, CLOUD_T, type CellClientProps } from './catalog';
import styles from './DiffusingCloudCell.module.css';

const T = CLOUD_T;
type Spec = typeof SPEC;
type Values = ParamValues<Spec>;

const SIZE = 440;
const DOMAIN = 3.6;

type Text = Messages['cells']['cloud'];

interface Sim {
  key: string;
  chain: ForwardChain;
  reference: Float32Array;
  table: ScheduleTable;
}

export function DiffusingCloudCellClient({ id, code }: CellClientProps) {
  const ui = useStrings();
  const text = ui.cells.cloud;
  const reducedMotion = usePrefersReducedMotion();
  const sim = useRef<Sim | null>(null);
  const drawRef = useRef<((t: number) => void) | null>(null);
  const shownTRef = useRef(0);
  const setValueRef = useRef<CellApi<Spec>['setValue'] | null>(null);

  const ensureSim = useCallback((v: Values): Sim => {
    const key = `${v.data}|${v.kind}|${v.seed}`;
    if (!sim.current || sim.current.key !== key) {
      const cloud = prepareCloud(v.data as DatasetId, v.seed);
      const table = scheduleTable(builtinSpec(v.kind as BuiltinScheduleKind, T, 1e-4, 0.02));
      sim.current = { key, chain: new ForwardChain(table, cloud.x0, v.seed), reference: cloud.reference, table };
    }
    return sim.current;
  }, []);

  /** Play from the shown step to T, drawing straight to the canvas (no React render per frame). */
  const play = useCallback<CellTask<Spec>>((v, ctx) => new Promise<void>((resolve, reject) => {
    ctx.setBackend(ui.backendMainThread);
    ensureSim(v);
    const from = shownTRef.current >= T ? 0 : shownTRef.current;
    const start = performance.now();
    let t = from;
    let lastJump = start;
    const finish = (err?: Error) => {
      setValueRef.current?.('t', t);
      if (err) reject(err); else resolve();
    };
    const tick = (now: number) => {
      if (ctx.signal.aborted) { finish(abortError()); return; }
      if (reducedMotion) {
        // No smooth motion: jump a tenth of the way every 0.6 s.
        if (now - lastJump >= 600) { t = Math.min(T, t + T / 10); lastJump = now; }
      } else {
        // rAF's timestamp can precede `start` (it is the frame's start time).
        t = Math.min(T, from + Math.floor((Math.max(0, now - start) * v.speed) / 1000));
      }
      drawRef.current?.(t);
      ctx.progress(t / T);
      if (t >= T) { finish(); return; }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }), [ensureSim, reducedMotion, ui]);

  return (
    <Cell
      id={id}
      title={text.title}
      spec={SPEC}
      preview
      run={play}
      code={code}
      backend={ui.backendMainThread}
      caption={<p><MathText text={text.caption} /></p>}
      onReset={() => { shownTRef.current = 0; drawRef.current?.(0); }}
      controls={({ values, setValue, running }) => {
        const common = { spec: SPEC, values, setValue, disabled: running, labels: text };
        return (<>
          <ParamControls {...common} params={['data', 'kind']}
            options={{ data: { optionLabels: ui.datasets }, kind: { optionLabels: ui.scheduleKinds } }} />
          <div data-control="t">
            <ParamControls {...common} params={['t']} options={{ t: { step: 1 } }} />
          </div>
          {/* The reference cloud can be toggled while the animation plays. */}
          <ParamControls {...common} params={['speed', 'reference', 'seed']}
            options={{ speed: { log: true }, reference: { disabled: false } }} />
        </>);
      }}
    >
      {(api) => (
        <CloudFigure api={api} text={text} datasets={ui.datasets} ensureSim={ensureSim} drawRef={drawRef} shownTRef={shownTRef}
          setValueRef={setValueRef} />
      )}
    </Cell>
  );
}

/** The line under the cloud: the step, ᾱ_t and the cloud's mean and variance per axis. */
function readoutOf(text: Text, s: Sim, t: number, x: Float32Array): string {
  const mx = meanVariance(x, 2, 0), my = meanVariance(x, 2, 1);
  return text.readout(t, t === 0 ? 1 : s.table.alphaBar[t - 1], mx.mean, my.mean, mx.variance, my.variance);
}

function CloudFigure({
  api, text, datasets, ensureSim, drawRef, shownTRef, setValueRef,
}: {
  api: CellApi<Spec>;
  text: Text;
  datasets: Messages['datasets'];
  ensureSim: (v: Values) => Sim;
  drawRef: React.MutableRefObject<((t: number) => void) | null>;
  shownTRef: React.MutableRefObject<number>;
  setValueRef: React.MutableRefObject<CellApi<Spec>['setValue'] | null>;
}) {
  const { values, running } = api;
  // The parent's playback loop moves the t slider through this (set after each commit).
  useLayoutEffect(() => { setValueRef.current = api.setValue; });
  const colors = useThemeColors();
  const s = ensureSim(values);
  const readoutRef = useRef<HTMLParagraphElement>(null);
  const name = datasets[values.data as DatasetId];
  const showRef = values.reference;
  const drawn = useRef(0);

  const frame = useCloudFrame({ size: SIZE, domain: DOMAIN, colors, onFrame: () => drawRef.current?.(shownTRef.current) });

  const { canvasRef, geometryRef } = frame;
  const draw = useCallback((t: number) => {
    const canvas = canvasRef.current;
    const g: FrameGeometry | null = geometryRef.current;
    if (!canvas || !g) return;
    const t0 = performance.now();
    const ctx = prepareCanvas(canvas, g.width, g.height);
    if (!ctx) return;
    const x = s.chain.at(t);
    ctx.clearRect(0, 0, g.width, g.height);
    if (showRef) drawPoints(ctx, s.reference, g.map, colors.fgSoft, 2, 0.28, g.inner);
    drawPoints(ctx, x, g.map, colors.ink, 2.4, 0.6, g.inner);
    shownTRef.current = t;
    drawn.current++;
    canvas.setAttribute('data-t', String(t));
    canvas.setAttribute('data-drawn', String(drawn.current));
    if (readoutRef.current) readoutRef.current.textContent = readoutOf(text, s, t, x);
    if (Array.isArray(window.__ddpmUiTimings)) window.__ddpmUiTimings.push({ name: 'cloud-frame', ms: performance.now() - t0 });
  }, [canvasRef, geometryRef, shownTRef, s, showRef, colors, text]);
  useLayoutEffect(() => { drawRef.current = draw; }, [draw, drawRef]);

  // Outside playback the URL's t is what is shown.
  useLayoutEffect(() => {
    if (!running) draw(Math.min(T, values.t));
  }, [draw, values.t, running]);
  useEffect(() => () => { drawRef.current = null; }, [drawRef]);

  const initialAlt = useMemo(() => text.alt(name, values.t, T), [text, name, values.t]);
  // The readout of the step the URL shows, in the prerendered HTML too: an empty line that filled
  // in on the first frame moved everything below it.
  const initialReadout = useMemo(() => { const t = Math.min(T, values.t); return readoutOf(text, s, t, s.chain.at(t)); }, [text, s, values.t]);
  return (
    <figure className={styles.figure} data-testid="cloud-figure">
      <CloudFrameBox frame={frame} size={SIZE} label={initialAlt} />
      <figcaption>
        <p ref={readoutRef} className={styles.readout} data-testid="cloud-readout">{initialReadout}</p>
        {getDataset(values.data as DatasetId).credit && <p className={styles.credit} lang="en">{getDataset(values.data as DatasetId).credit}</p>}
      </figcaption>
    </figure>
  );
}
