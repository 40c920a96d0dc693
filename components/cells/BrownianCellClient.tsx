'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Cell, type CellTask } from '../cell/Cell';
import { NumberControl, SliderControl } from '../cell/controls';
import { useStrings } from '../LangProvider';
import { makeRng, type Rng } from '@/lib/rng';
import { brownianStep, createInkDrop, meanSquaredDisplacement, type InkDrop } from '@/lib/brownian';
import type { ParamValues } from '@/lib/urlState';
import { usePrefersReducedMotion } from '../usePrefersReducedMotion';
import { BROWNIAN_SPEC as SPEC, type CellClientProps } from './catalog';

type Values = ParamValues<typeof SPEC>;

const VIEW = 1.2; // half-width of the square view in data units

export function BrownianCellClient({ id, code }: CellClientProps) {
  const ui = useStrings();
  const text = ui.cells.brownian;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const sim = useRef<{ drop: InkDrop; rng: Rng; key: string } | null>(null);
  const [frame, setFrame] = useState(0); // index of the shown step
  const reducedMotion = usePrefersReducedMotion();

  const ensureSim = useCallback((v: Values) => {
    const key = `${v.n}|${v.step}|${v.seed}`;
    if (!sim.current || sim.current.key !== key) {
      const rng = makeRng(v.seed);
      sim.current = { drop: createInkDrop(v.n, 0.02, v.step, rng), rng, key };
    }
    return sim.current;
  }, []);

  const draw = useCallback((k: number) => {
    const canvas = canvasRef.current;
    const s = sim.current;
    if (!canvas || !s) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const size = canvas.width;
    ctx.clearRect(0, 0, size, size);
    const pts = s.drop.positions[Math.min(k, s.drop.positions.length - 1)];
    const scale = size / (2 * VIEW);
    ctx.fillStyle = getComputedStyle(canvas).getPropertyValue('--ink').trim() || '#2456c7';
    ctx.globalAlpha = 0.55;
    for (let i = 0; i < pts.length; i += 2) {
      ctx.fillRect((pts[i] + VIEW) * scale - 1.5, (VIEW - pts[i + 1]) * scale - 1.5, 3, 3);
    }
    ctx.globalAlpha = 1;
  }, []);

  useEffect(() => { draw(frame); }, [frame, draw]);

  /** Animate from the shown frame towards `target`, one recorded step per animation frame. */
  const animate = useCallback(
    (direction: 1 | -1): CellTask<typeof SPEC> =>
      (v, ctx) =>
        new Promise<void>((resolve, reject) => {
          const s = ensureSim(v);
          ctx.setBackend(ui.backendMainThread);
          let k = direction === 1 ? Math.min(frameRef.current, s.drop.positions.length - 1) : frameRef.current;
          if (direction === 1 && k >= v.steps) k = 0; // finished run: Run replays from the drop
          const perFrame = reducedMotion ? 10 : 1;
          const tick = () => {
            if (ctx.signal.aborted) { reject(Object.assign(new Error('stopped'), { name: 'AbortError' })); return; }
            for (let j = 0; j < perFrame; j++) {
              if (direction === 1 && k < v.steps) {
                if (k + 1 >= s.drop.positions.length) brownianStep(s.drop, s.rng);
                k++;
              } else if (direction === -1 && k > 0) k--;
            }
            setFrame(k);
            ctx.progress(direction === 1 ? k / v.steps : 1 - k / Math.max(1, v.steps));
            if ((direction === 1 && k >= v.steps) || (direction === -1 && k <= 0)) resolve();
            else requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        }),
    [ensureSim, reducedMotion, ui],
  );

  const frameRef = useRef(0);
  frameRef.current = frame;

  const runForward = useCallback<CellTask<typeof SPEC>>((v, ctx) => animate(1)(v, ctx), [animate]);

  const s = sim.current;
  const stats = s && frame < s.drop.positions.length ? meanSquaredDisplacement(s.drop, frame) : null;

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
        <>
          <SliderControl label={text.n} spec={SPEC.n} value={values.n} disabled={running}
            onChange={(v) => { setValue('n', v); sim.current = null; setFrame(0); }} />
          <SliderControl label={text.step} spec={SPEC.step} value={values.step} disabled={running} log
            format={(v) => v.toFixed(3)}
            onChange={(v) => { setValue('step', v); sim.current = null; setFrame(0); }} />
          <SliderControl label={text.steps} spec={SPEC.steps} value={values.steps} disabled={running}
            onChange={(v) => setValue('steps', v)} />
          <NumberControl label={text.seed} name="seed" spec={SPEC.seed} value={values.seed} disabled={running}
            onChange={(v) => { setValue('seed', v); sim.current = null; setFrame(0); }} />
        </>
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
            <canvas ref={canvasRef} width={480} height={480} className="square-canvas" role="img"
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
