'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Cell, type CellTask, type RunContext } from '../cell/Cell';
import { abortError } from '@/lib/abort';
import { ParamControls } from '../cell/ParamControls';
import { drawPoints, prepareCanvas, type Affine } from '../plot/canvas';
import { useThemeColors } from '../plot/useThemeColors';
import { useStrings } from '../LangProvider';
import { makeRng, type Rng } from '@/lib/rng';
import { brownianStep, createInkDrop, meanSquaredDisplacement, type InkDrop } from '@/lib/brownian';
import type { ParamValues } from '@/lib/urlState';
import { usePrefersReducedMotion } from '../usePrefersReducedMotion';
import { BROWNIAN_SPEC as SPEC, type CellClientProps } from './catalog';
import { fixed } from '@/messages/format';

type Values = ParamValues<typeof SPEC>;

const VIEW = 1.2; // half-width of the square view in data units
const BOX = 480; // CSS pixels
/** Data → CSS pixels: [−VIEW, VIEW]² onto the box, y upwards. */
const VIEW_MAP: Affine = { ax: BOX / 2, kx: BOX / (2 * VIEW), ay: BOX / 2, ky: -BOX / (2 * VIEW) };

/**
 * Animate from frame `from` one way (1: forward, simulating steps not yet recorded; −1: back
 * along the recorded path), `perFrame` steps per animation frame, until the end or Stop.
 */
function play(
  s: { drop: InkDrop; rng: Rng }, steps: number, direction: 1 | -1, from: number, perFrame: number,
  show: (k: number) => void, ctx: RunContext,
  /** Under reduced motion: a still every frameMs (no smooth motion) instead of every frame. */
  frameMs = 0,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let k = direction === 1 ? Math.min(from, s.drop.positions.length - 1) : from;
    if (direction === 1 && k >= steps) k = 0; // finished run: Run replays from the drop
    const tick = () => {
      if (ctx.signal.aborted) { reject(abortError()); return; }
      for (let j = 0; j < perFrame; j++) {
        if (direction === 1 && k < steps) {
          if (k + 1 >= s.drop.positions.length) brownianStep(s.drop, s.rng);
          k++;
        } else if (direction === -1 && k > 0) k--;
      }
      show(k);
      ctx.progress(direction === 1 ? k / steps : 1 - k / Math.max(1, steps));
      if ((direction === 1 && k >= steps) || (direction === -1 && k <= 0)) resolve();
      else if (frameMs) window.setTimeout(tick, frameMs);
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

export function BrownianCellClient({ id, code }: CellClientProps) {
  const ui = useStrings();
  const text = ui.cells.brownian;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const sim = useRef<{ drop: InkDrop; rng: Rng; key: string } | null>(null);
  // The shown step and its statistics, computed when the step is shown (the simulation itself is
  // mutable and lives in a ref, so render never reads it).
  const [shown, setShown] = useState<{ frame: number; stats: { measured: number; expected: number } | null }>({ frame: 0, stats: null });
  const frame = shown.frame;
  const frameRef = useRef(0);
  const setFrame = useCallback((k: number) => {
    const s = sim.current;
    frameRef.current = k;
    setShown({ frame: k, stats: s && k < s.drop.positions.length ? meanSquaredDisplacement(s.drop, k) : null });
  }, []);
  const reducedMotion = usePrefersReducedMotion();

  const ensureSim = useCallback((v: Values) => {
    const key = `${v.n}|${v.step}|${v.seed}`;
    if (!sim.current || sim.current.key !== key) {
      const rng = makeRng(v.seed);
      sim.current = { drop: createInkDrop(v.n, 0.02, v.step, rng), rng, key };
    }
    return sim.current;
  }, []);

  const colors = useThemeColors();
  const draw = useCallback((k: number) => {
    const canvas = canvasRef.current;
    const s = sim.current;
    if (!canvas || !s) return;
    const ctx = prepareCanvas(canvas, BOX, BOX);
    if (!ctx) return;
    ctx.clearRect(0, 0, BOX, BOX);
    drawPoints(ctx, s.drop.positions[Math.min(k, s.drop.positions.length - 1)], VIEW_MAP, colors.ink, 3, 0.55);
  }, [colors]);

  useEffect(() => { draw(frame); }, [frame, draw]);

  const animate = useCallback(
    (direction: 1 | -1): CellTask<typeof SPEC> => (v, ctx) => {
      ctx.setBackend(ui.backendMainThread);
      return play(ensureSim(v), v.steps, direction, frameRef.current, reducedMotion ? Math.ceil(v.steps / 6) : 1, setFrame, ctx, reducedMotion ? 450 : 0);
    },
    [ensureSim, reducedMotion, ui, setFrame],
  );

  const runForward = useCallback<CellTask<typeof SPEC>>((v, ctx) => animate(1)(v, ctx), [animate]);

  const stats = shown.stats;

  return (
    <Cell
      id={id}
      title={text.title}
      spec={SPEC}
      run={(v, ctx) => { return runForward(v, ctx); }}
      code={code}
      backend={ui.backendMainThread}
      caption={<p>{text.caption}</p>}
      onReset={() => { sim.current = null; setFrame(0); draw(0); }}
      controls={({ values, setValue, running }) => (
        <ParamControls spec={SPEC} values={values} setValue={setValue} disabled={running} labels={text}
          params={['n', 'step', 'steps', 'seed']} options={{ step: { log: true, format: (v) => fixed(v, 3) } }}
          // A new drop, step size or seed is a new simulation; more steps extend the recorded one.
          onChange={(name) => { if (name !== 'steps') { sim.current = null; setFrame(0); } }} />
      )}
      extraActions={({ running, start, values }) => (
        <>
          <button type="button" data-action="step" disabled={running}
            onClick={() => {
              const sm = ensureSim(values);
              const k = Math.min(frameRef.current + 1, values.steps);
              if (k >= sm.drop.positions.length) brownianStep(sm.drop, sm.rng);
              setFrame(k);
            }}>
            {text.stepOnce}
          </button>
          <button type="button" data-action="backwards" disabled={running || frame === 0}
            onClick={() => start(animate(-1))}>
            {text.backwards}
          </button>
        </>
      )}
    >
      {({ values }) => {
        ensureSim(values);
        return (
          <figure className="brownian-figure">
            <canvas ref={canvasRef} width={BOX} height={BOX} className="square-canvas" role="img"
              aria-label={text.alt(frame, values.n)} data-frame={frame} />
            <figcaption data-testid="brownian-stats">
              {stats ? text.stats(frame, stats.measured, stats.expected) : text.stats(0, 0, 0)}
            </figcaption>
          </figure>
        );
      }}
    </Cell>
  );
}
