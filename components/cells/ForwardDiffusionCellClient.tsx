'use client';
/**
 * Forward diffusion in closed form (theory chapter): a 2D data set of 2,000 points, a schedule,
 * and a t slider. The cloud x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε is drawn on a canvas over a Plot
 * frame, with marginal histograms against the N(0, 1) density. A sliced Wasserstein distance to
 * a sample of N(0, I) is measured at ~50 values of t (Run; restarted automatically when the data
 * set, schedule or seed changes) and live at the current t.
 */
import { useCallback, useEffect, useEffectEvent, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Cell, throwIfAborted, type CellApi, type CellTask } from '../cell/Cell';
import { ParamControls } from '../cell/ParamControls';
import { useStrings } from '../LangProvider';
import { MathText } from '../MathText';
import type { Messages } from '@/messages';
import { CloudFrameBox, useCloudFrame, type FrameGeometry } from '../plot/CloudFrame';
import { drawDensity, drawHistogram, drawPoints, prepareCanvas } from '../plot/canvas';
import { markInput, reportRender } from '../plot/timing';
import { CurveChart, type CurveDot, type CurveFrame, type CurveSeries } from '../plot/CurveChart';
import { useThemeColors, type ThemeColors } from '../plot/useThemeColors';
import { scheduleTable, type BuiltinScheduleKind as BuiltinKind, type ScheduleTable } from '@/lib/diffusion/schedule';
import { qSample } from '@/lib/diffusion/forward';
import { getDataset, type DatasetId } from '@/lib/data2d';
import { CLOUD_POINTS, curveSteps, distanceToNormal, prepareCloud, type CloudData } from '@/lib/plotting/cloudData';
import { histogram, normalCurve, type Histogram } from '@/lib/plotting/histogram';
import { niceCeil125 } from '@/lib/plotting/scales';
import { builtinSpec } from '@/lib/plotting/scheduleParams';
import type { ParamValues } from '@/lib/urlState';
import { FORWARD_SPEC as SPEC, type CellClientProps } from './catalog';
import type { ParamRule } from '@/lib/paramRules';
import styles from './ForwardDiffusionCell.module.css';

type Spec = typeof SPEC;
type Values = ParamValues<Spec>;
/** The slider for t ends at T: a link or a T change past t moves t to T (with a notice for a link). */
const RULES: readonly ParamRule<Spec>[] = [(v) => (v.t > v.T ? { t: v.T } : {})];

const DOMAIN = 3.6;
const SIZE = 440;
const STRIP = 56;
const BINS = 48;
/** Strip pixels per unit of density: N(0, 1)'s peak (0.40) fills about 70% of the strip. */
const PX_PER_DENSITY = (0.7 * (STRIP - 6)) / 0.4;
const NORMAL = normalCurve(-DOMAIN, DOMAIN, 121);
const LIVE_DELAY_MS = 120;

/** The precomputed curve read at t (linear between measured steps). */
function interpolate(c: { ts: number[]; d: number[] }, t: number): number {
  const ts = c.ts;
  if (t <= ts[0]) return c.d[0];
  for (let i = 1; i < ts.length; i++) {
    if (t <= ts[i]) return c.d[i - 1] + ((c.d[i] - c.d[i - 1]) * (t - ts[i - 1])) / (ts[i] - ts[i - 1]);
  }
  return c.d[c.d.length - 1];
}

type Text = Messages['cells']['forward'];

interface Curve {
  key: string;
  ts: number[];
  d: number[];
}

const curveKey = (v: Values) => `${v.data}|${v.kind}|${v.T}|${v.seed}`;

export function ForwardDiffusionCellClient({ id, code }: CellClientProps) {
  const ui = useStrings();
  const text = ui.cells.forward;
  const [curve, setCurve] = useState<Curve | null>(null);
  const clouds = useRef(new Map<string, CloudData>());

  const getCloud = useCallback((id: DatasetId, seed: number) => {
    const key = `${id}|${seed}`;
    let c = clouds.current.get(key);
    if (!c) {
      if (clouds.current.size > 8) clouds.current.clear();
      c = prepareCloud(id, seed);
      clouds.current.set(key, c);
    }
    return c;
  }, []);
  const getTable = useCallback((kind: BuiltinKind, T: number) => scheduleTable(builtinSpec(kind, T, 1e-4, 0.02)), []);

  const run = useCallback<CellTask<Spec>>(async (v, ctx) => {
    ctx.setBackend(ui.backendMainThread);
    const key = curveKey(v);
    const cloud = getCloud(v.data as DatasetId, v.seed);
    const table = getTable(v.kind as BuiltinKind, v.T);
    const ts = curveSteps(v.T, 50);
    const d: number[] = [];
    const buf = new Float32Array(cloud.x0.length);
    let last = performance.now();
    for (let i = 0; i < ts.length; i++) {
      const t = ts[i];
      d.push(distanceToNormal(t === 0 ? cloud.x0 : qSample(table, cloud.x0, t, cloud.eps, buf), cloud));
      // Yield about every frame so scrubbing stays responsive while the curve is measured.
      if (performance.now() - last > 12) {
        ctx.progress((i + 1) / ts.length);
        await new Promise((r) => setTimeout(r, 0));
        throwIfAborted(ctx.signal);
        last = performance.now();
      }
    }
    throwIfAborted(ctx.signal);
    setCurve({ key, ts, d });
  }, [getCloud, getTable, ui]);

  return (
    <Cell
      id={id}
      title={text.title}
      spec={SPEC}
      rules={RULES}
      run={run}
      code={code}
      backend={ui.backendMainThread}
      caption={<p><MathText text={text.caption} /></p>}
      controls={({ values, setValue }) => {
        // The t slider ends at T (the rule in RULES keeps the value there too).
        const spec = { ...SPEC, t: { ...SPEC.t, max: values.T } };
        const shown = { ...values, t: Math.min(values.t, values.T) };
        const common = { spec, values: shown, setValue, labels: text };
        return (
          <>
            <ParamControls {...common} params={['data', 'kind', 'T']}
              options={{ data: { optionLabels: ui.datasets }, kind: { optionLabels: ui.scheduleKinds }, T: { log: true } }} />
            <div data-control="t">
              <ParamControls {...common} params={['t']} options={{ t: { step: 1 } }} onChange={() => markInput('forward')} />
            </div>
            <ParamControls {...common} params={['seed']} />
          </>
        );
      }}
    >
      {(api) => (
        <ForwardFigure api={api} text={text} datasets={ui.datasets} curve={curve} getCloud={getCloud} getTable={getTable} />
      )}
    </Cell>
  );
}

function ForwardFigure({
  api, text, datasets, curve, getCloud, getTable,
}: {
  api: CellApi<Spec>;
  text: Text;
  datasets: Messages['datasets'];
  curve: Curve | null;
  getCloud: (id: DatasetId, seed: number) => CloudData;
  getTable: (kind: BuiltinKind, T: number) => ScheduleTable;
}) {
  const { values } = api;
  const colors = useThemeColors();
  const key = curveKey(values);
  const cloud = getCloud(values.data as DatasetId, values.seed);
  const table = getTable(values.kind as BuiltinKind, values.T);
  const t = Math.min(values.t, values.T);
  const alphaBar = t === 0 ? 1 : table.alphaBar[t - 1];

  // (Re)measure the curve whenever the data set, schedule or seed changes.
  const start = useEffectEvent(() => api.start());
  useEffect(() => { start(); }, [key]);

  const buf = useMemo(() => new Float32Array(2 * CLOUD_POINTS), []);
  const xt = useMemo(
    () => (t === 0 ? cloud.x0 : qSample(table, cloud.x0, t, cloud.eps, buf)),
    [cloud, table, t, buf],
  );
  const histX = useMemo(() => histogram(xt, -DOMAIN, DOMAIN, BINS, { stride: 2, offset: 0 }), [xt]);
  const histY = useMemo(() => histogram(xt, -DOMAIN, DOMAIN, BINS, { stride: 2, offset: 1 }), [xt]);
  const floor = useMemo(() => distanceToNormal(cloud.reference2, cloud), [cloud]);

  // The live distance at the current t, measured once scrubbing pauses (a measurement costs
  // several milliseconds; while the slider moves, the marker follows the precomputed curve).
  const [live, setLive] = useState<{ key: string; t: number; d: number } | null>(null);
  useEffect(() => {
    const id = window.setTimeout(() => setLive({ key, t, d: distanceToNormal(xt, cloud) }), LIVE_DELAY_MS);
    return () => window.clearTimeout(id);
  }, [key, t, xt, cloud]);
  const liveD = live && live.key === key && live.t === t ? live.d : null;
  const ready = curve && curve.key === key ? curve : null;
  const markerD = liveD ?? (ready ? interpolate(ready, t) : null);

  const draw = useCallback((g: FrameGeometry | null, canvas: HTMLCanvasElement | null) => {
    if (!canvas || !g) return;
    const ctx = prepareCanvas(canvas, g.width, g.height);
    if (!ctx) return;
    ctx.clearRect(0, 0, g.width, g.height);
    drawPoints(ctx, xt, g.map, colors.ink, 2.4, 0.55, g.inner);
    drawMarginals(ctx, g, histX, histY, colors);
  }, [xt, histX, histY, colors]);
  const frame = useCloudFrame({ size: SIZE, domain: DOMAIN, strip: STRIP, colors, onFrame: draw });
  const { geometryRef, canvasRef } = frame;
  useLayoutEffect(() => { draw(geometryRef.current, canvasRef.current); }, [draw, geometryRef, canvasRef]);

  const maxD = Math.max(floor * 2, ...(ready ? ready.d : [0]), liveD ?? 0);
  const curveFrame: CurveFrame = {
    width: 640, height: 210, xDomain: [0, values.T], yDomain: [0, niceCeil125(maxD * 1.05)], yLog: false,
    xLabel: text.curveX, yLabel: text.curveY, rules: [{ y: floor, color: colors.fgSoft, label: text.floor }],
  };
  const curveSeries: CurveSeries[] = [];
  const curveDots: CurveDot[] = [];
  if (ready) {
    curveSeries.push({ x: ready.ts, y: ready.d, color: colors.accent, width: 2 });
    for (let i = 0; i < ready.ts.length; i++) curveDots.push({ x: ready.ts[i], y: ready.d[i], color: colors.accent, r: 2 });
  }
  curveSeries.push({ x: [t, t], y: [0, curveFrame.yDomain[1]], color: colors.warn, width: 1.5, alpha: 0.8 });
  if (markerD !== null) curveDots.push({ x: t, y: markerD, color: colors.warn, r: 5.5 });

  const figRef = useRef<HTMLElement>(null);
  useLayoutEffect(() => { reportRender('forward', figRef.current); });

  const name = datasets[values.data as DatasetId];
  const credit = getDataset(values.data as DatasetId).credit;
  return (
    <figure className={styles.figure} ref={figRef} data-testid="forward-figure">
      <div className={styles.cloud}>
        <CloudFrameBox frame={frame} size={SIZE} label={text.cloudAlt(name, t)} canvasProps={{ 'data-t': t }} />
      </div>
      <div className={styles.side}>
        <div data-testid="forward-curve" data-ready={ready ? 'true' : 'false'}>
          <CurveChart frame={curveFrame} series={curveSeries} dots={curveDots} colors={colors} label={text.curveAlt(t, ready ? markerD : null)} />
        </div>
        <p className={styles.readout}>{text.readout(t, alphaBar)}</p>
        <p className={styles.readout} data-testid="forward-distance" data-value={liveD ?? ''} aria-live="polite">
          {text.distance(liveD, floor)}
        </p>
        {credit && <p className={styles.credit} lang="en">{credit}</p>}
      </div>
    </figure>
  );
}

function drawMarginals(ctx: CanvasRenderingContext2D, g: FrameGeometry, hx: Histogram, hy: Histogram, colors: ThemeColors) {
  const top = g.inner.y0 - 3; // baseline of the top strip
  const right = g.inner.x1 + 3; // baseline of the right strip
  const maxLen = g.strip - 6;
  ctx.save();
  ctx.beginPath();
  ctx.rect(g.inner.x0, 0, g.inner.x1 - g.inner.x0, top + 1);
  ctx.rect(right - 1, g.inner.y0, g.width - right + 1, g.inner.y1 - g.inner.y0);
  ctx.clip();
  drawHistogram(ctx, hx, g.map, 'x', top, PX_PER_DENSITY, maxLen, colors.ink, 0.45);
  drawHistogram(ctx, hy, g.map, 'y', right, PX_PER_DENSITY, maxLen, colors.ink, 0.45);
  drawDensity(ctx, NORMAL.x, NORMAL.y, g.map, 'x', top, PX_PER_DENSITY, colors.warn, 1.6);
  drawDensity(ctx, NORMAL.x, NORMAL.y, g.map, 'y', right, PX_PER_DENSITY, colors.warn, 1.6);
  ctx.restore();
}
