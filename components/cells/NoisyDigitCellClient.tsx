'use client';
/**
 * One real MNIST digit getting noisier as t grows (intuition chapter): x_0 scaled to [−1, 1],
 * x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε by the core's `qSample`, shown as an enlarged pixel image beside
 * the histogram of its 784 pixel values against the N(0, 1) density. Run plays t from the
 * slider's value (from 0 when it is at T) up to T.
 */
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Cell, type CellApi, type CellTask } from '../cell/Cell';
import { abortError } from '@/lib/abort';
import { usePrefersReducedMotion } from '../usePrefersReducedMotion';
import { SelectControl } from '../cell/controls';
import { ParamControls } from '../cell/ParamControls';
import { useStrings } from '../LangProvider';
import { MathText } from '../MathText';
import { drawGrayImage } from '../plot/canvas';
import { markInput, reportRender } from '../plot/timing';
import { usePlot, type PlotModule } from '../plot/usePlot';
import { useThemeColors } from '../plot/useThemeColors';
import { scheduleTable, type BuiltinScheduleKind } from '@/lib/diffusion/schedule';
import { qSample } from '@/lib/diffusion/forward';
import { MNIST_SIDE, mnistDigitSigned } from '@/lib/data/mnistSamples';
import { histogram, meanVariance, normalCurve } from '@/lib/plotting/histogram';
import { builtinSpec } from '@/lib/plotting/scheduleParams';
import { makeRng } from '@/lib/rng';
import type { ParamValues } from '@/lib/urlState';
import type { Messages } from '@/messages';
import { DIGIT_T, NOISY_DIGIT_SPEC as SPEC, type CellClientProps } from './catalog';
import styles from './NoisyDigitCell.module.css';

const T = DIGIT_T;
type Spec = typeof SPEC;
type Values = ParamValues<Spec>;

const LO = -4;
const HI = 4;
const BINS = 64;
/** The histogram's size in CSS pixels at full width. */
const HIST_WIDTH = 400;
const HIST_HEIGHT = 260;
const NORMAL = normalCurve(LO, HI, 161);

type Text = Messages['cells']['digit'];

/**
 * Step the shown t from the slider's value (0 when it is at T) to T at `speed` steps per second,
 * then leave the slider there (under reduced motion: ten jumps, 0.6 s apart).
 */
function usePlayT(setValueRef: React.RefObject<CellApi<Spec>['setValue'] | null>) {
  const reduced = usePrefersReducedMotion();
  const [playT, setPlayT] = useState<number | null>(null);
  const play = useCallback<CellTask<Spec>>((v, ctx) => new Promise<void>((resolve, reject) => {
    const from = v.t >= T ? 0 : v.t;
    const start = performance.now();
    let t = from, lastJump = start;
    const finish = (err?: Error) => {
      setValueRef.current?.('t', t);
      setPlayT(null);
      if (err) reject(err); else resolve();
    };
    const tick = (now: number) => {
      if (ctx.signal.aborted) { finish(abortError()); return; }
      if (reduced) {
        if (now - lastJump >= 600) { t = Math.min(T, t + T / 10); lastJump = now; }
      } else {
        // v.speed steps per second (rAF's timestamp can precede `start`).
        t = Math.min(T, from + Math.floor((Math.max(0, now - start) * v.speed) / 1000));
      }
      setPlayT(t);
      ctx.progress(t / T);
      if (t >= T) { finish(); return; }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }), [reduced, setValueRef]);
  return { playT, play };
}

export function NoisyDigitCellClient({ id, code }: CellClientProps) {
  const ui = useStrings();
  const text = ui.cells.digit;
  const setValueRef = useRef<CellApi<Spec>['setValue'] | null>(null);
  const { playT, play } = usePlayT(setValueRef);
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
      controls={({ values: v, setValue }) => {
        // While Run plays, the slider follows the shown t.
        const values = playT === null ? v : { ...v, t: playT };
        return (
          <>
            <SelectControl label={text.digit} name="digit" spec={{ kind: 'enum', default: '3', values: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] }}
              value={String(values.digit)} onChange={(v) => setValue('digit', Number(v))} />
            <div data-control="t">
              <ParamControls spec={SPEC} values={values} setValue={setValue} labels={text} params={['t']} options={{ t: { step: 1 } }}
                onChange={() => markInput('digit')} />
            </div>
            <ParamControls spec={SPEC} values={values} setValue={setValue} labels={text} params={['kind', 'seed', 'speed']}
              options={{ kind: { optionLabels: ui.scheduleKinds } }} />
          </>
        );
      }}
    >
      {(api) => <DigitFigure values={playT === null ? api.values : { ...api.values, t: playT }} text={text} api={api} setValueRef={setValueRef} />}
    </Cell>
  );
}

function DigitFigure({ values, text, api, setValueRef }: {
  values: Values; text: Text; api: CellApi<Spec>; setValueRef: React.RefObject<CellApi<Spec>['setValue'] | null>;
}) {
  useLayoutEffect(() => { setValueRef.current = api.setValue; });
  const colors = useThemeColors();
  const table = useMemo(() => scheduleTable(builtinSpec(values.kind as BuiltinScheduleKind, T, 1e-4, 0.02)), [values.kind]);
  const x0 = useMemo(() => mnistDigitSigned(values.digit), [values.digit]);
  const eps = useMemo(() => {
    const e = new Float32Array(x0.length);
    makeRng(values.seed).fillNormal(e);
    return e;
  }, [values.seed, x0.length]);
  const t = values.t;
  const xt = useMemo(() => (t === 0 ? x0 : qSample(table, x0, t, eps)), [table, x0, eps, t]);
  const alphaBar = t === 0 ? 1 : table.alphaBar[t - 1];
  const hist = useMemo(() => histogram(xt, LO, HI, BINS), [xt]);
  const stats = meanVariance(xt);

  const canvasRef = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    if (canvasRef.current) drawGrayImage(canvasRef.current, xt, MNIST_SIDE);
  }, [xt]);

  const buildHist = useCallback((Plot: PlotModule) => {
    const k = { length: BINS };
    const x1 = Float64Array.from(k, (_, i) => LO + i * hist.width);
    const x2 = Float64Array.from(k, (_, i) => LO + (i + 1) * hist.width);
    return Plot.plot({
      width: HIST_WIDTH, height: HIST_HEIGHT, marginLeft: 44, marginRight: 12, marginTop: 16, marginBottom: 36,
      style: { background: 'transparent', color: colors.fgSoft, fontSize: '11px' },
      x: { domain: [LO, HI], label: text.xLabel, labelAnchor: 'center', labelArrow: 'none' },
      // Spikes at ±1 when t is small go far above the N(0, 1) peak: a square-root axis keeps both readable.
      // 8 % headroom above the tallest bar, so it is never flush with (or cut by) the frame.
      y: { type: 'sqrt', domain: [0, 1.08 * Math.max(0.5, ...hist.density)], label: text.yLabel, labelAnchor: 'top', grid: true, ticks: 5 },
      marks: [
        Plot.rectY(k, { x1, x2, y1: 0, y2: hist.density, fill: colors.ink, fillOpacity: 0.6, inset: 0.3 }),
        Plot.line({ length: NORMAL.x.length }, { x: NORMAL.x, y: NORMAL.y, stroke: colors.warn, strokeWidth: 2 }),
        Plot.frame({ stroke: colors.border }),
      ],
    });
  }, [hist, colors, text]);
  const { containerRef: histRef } = usePlot(buildHist);

  const figRef = useRef<HTMLElement>(null);
  useLayoutEffect(() => { reportRender('digit', figRef.current); });

  return (
    <figure className={styles.figure} ref={figRef} data-testid="digit-figure">
      <div className={styles.panels}>
        <canvas ref={canvasRef} width={MNIST_SIDE} height={MNIST_SIDE} className={styles.image} role="img"
          aria-label={text.imageAlt(values.digit, t, T)} data-t={t} />
        {/* Its aspect ratio holds the histogram's height before Plot has drawn it (no layout shift). */}
        <div ref={histRef} className={styles.hist} role="img" aria-label={text.histAlt(t)}
          style={{ maxWidth: HIST_WIDTH, aspectRatio: `${HIST_WIDTH} / ${HIST_HEIGHT}` }} />
      </div>
      <figcaption className={styles.readout} data-testid="digit-readout">
        {text.readout(t, alphaBar, stats.mean, stats.variance)}
      </figcaption>
    </figure>
  );
}
