'use client';
/**
 * 1000 steps against S steps: the same pretrained model, the same digits, colours, seed (the same
 * x_T) and guidance, sampled with DDPM over all T steps and with DDIM over S steps, timed in the
 * reader's browser. Each side reports wall time, ms per step and the evaluation classifier's
 * agreement with the requested digit and colour. DDIM runs first (seconds); the DDPM result is
 * kept and reused while only S or η change, so exploring S costs seconds, not minutes.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { Cell, throwIfAborted, type CellTask } from '../cell/Cell';
import { useLang, useStrings } from '../LangProvider';
import { MathText } from '../MathText';
import { usePrefersReducedMotion } from '../usePrefersReducedMotion';
import type { ParamValues } from '@/lib/urlState';
import { speedSpec, type CellClientProps } from './catalog';
import { HistoryTable, SidePanel, SpeedControls, type HistoryRow, type Side } from './SpeedQualityParts';
import { drawConditions } from '@/lib/imageExtras/conditions';
import { agreement, compareRuns } from '@/lib/imageExtras/speed';
import type { JobTiming } from '@/lib/imageSampling/protocol';
import type { Verdict } from '@/lib/imageSampling/tfAdapters';
import { useLazyImageModel } from '../imageExtras/useLazyImageModel';
import { ModelStatus } from '../imageModel/ModelStatus';
import type { GridSlot } from '../imageModel/ImageGrid';
import styles from '../imageExtras/imageExtras.module.css';

type Spec = ReturnType<typeof speedSpec>;
type Values = ParamValues<Spec>;

/** The requested digit and colour of every image: fixed, or drawn from the seed. */
function speedConditions(v: Pick<Values, 'count' | 'digit' | 'colour' | 'seed'>): { digits: number[]; colours: number[] } {
  return drawConditions(v, 0x5eed);
}


interface DdpmCache { key: string; images: Float32Array; verdicts: Verdict[] | null; timing: JobTiming }

const PER = 28 * 28 * 3;

function emptySide(digits: number[], colours: number[], state: Side['state']): Side {
  return { slots: digits.map((d, i) => ({ data: null, state: 'empty', requestedDigit: d, requestedColour: colours[i], verdict: null })), state, timing: null, quality: null };
}

function finalSlots(side: Side, images: Float32Array, verdicts: Verdict[] | null): GridSlot[] {
  return side.slots.map((s, i) => ({ ...s, data: images.subarray(i * PER, (i + 1) * PER), state: 'final', verdict: verdicts?.[i] ?? null }));
}

export function SpeedQualityCellClient({ id, code, defaultGuidance }: CellClientProps & { defaultGuidance: number }) {
  const lang = useLang();
  const ui = useStrings();
  const text = ui.cells.speed;
  const spec = useMemo(() => speedSpec(defaultGuidance), [defaultGuidance]);
  const reducedMotion = usePrefersReducedMotion();
  const { get, state } = useLazyImageModel();
  const [ddim, setDdim] = useState<Side | null>(null);
  const [ddpm, setDdpm] = useState<Side | null>(null);
  const [T, setT] = useState(1000);
  const [ddimParams, setDdimParams] = useState({ S: 0, eta: 0 });
  const [history, setHistory] = useState<HistoryRow[]>([]);
  const cache = useRef<DdpmCache | null>(null);

  const run = useCallback<CellTask<Spec>>(async (v, ctx) => {
    const { digits, colours } = speedConditions(v);
    setDdim(emptySide(digits, colours, 'running'));
    setDdimParams({ S: v.steps, eta: v.eta });
    setDdpm(emptySide(digits, colours, 'waiting'));
    const client = await get();
    const info = await client.load({ onProgress: (p) => ctx.progress(p.phase === 'backend' ? 0 : p.fraction * 0.05) });
    ctx.setBackend(info.backend);
    setT(info.T);
    throwIfAborted(ctx.signal);
    const key = JSON.stringify([digits, colours, v.seed, v.w, info.T, info.backend]);
    const reuse = cache.current?.key === key ? cache.current : null;
    const work = v.steps + (reuse ? 0 : info.T);
    const base = { guidance: v.w, digits, colours, seed: v.seed, classify: true };

    // 1. DDIM with S steps.
    const d = await client.sample(
      { ...base, sampler: { kind: 'ddim', steps: v.steps, eta: v.eta }, previewEvery: 0 },
      { signal: ctx.signal, onProgress: (done, total) => ctx.progress(0.05 + 0.95 * ((done / total) * v.steps) / work) },
    );
    const dq = d.verdicts ? agreement(d.verdicts, digits, colours) : null;
    setDdim((s) => s && { ...s, slots: finalSlots(s, d.images, d.verdicts), state: 'done', timing: d.timing, quality: dq });
    setHistory((h) => [...h, { S: v.steps, eta: v.eta, seconds: d.timing.totalSeconds, perStep: d.timing.perStepMs, q: dq ? dq.both : null }].slice(-12));

    // 2. DDPM over all T steps (or the kept result).
    if (reuse) {
      setDdpm((s) => s && { ...s, slots: finalSlots(s, reuse.images, reuse.verdicts), state: 'done', timing: reuse.timing,
        quality: reuse.verdicts ? agreement(reuse.verdicts, digits, colours) : null, reused: true });
      return;
    }
    setDdpm((s) => s && { ...s, state: 'running' });
    const previewEvery = Math.max(1, Math.round(info.T / (reducedMotion ? 4 : 20)));
    try {
      const p = await client.sample(
        { ...base, sampler: { kind: 'ddpm' }, previewEvery },
        {
          signal: ctx.signal,
          onProgress: (done, total) => ctx.progress(0.05 + 0.95 * (v.steps + (done / total) * info.T) / work),
          onPreview: (start, n, x0) => setDdpm((s) => s && {
            ...s, slots: s.slots.map((sl, i) => (i >= start && i < start + n ? { ...sl, data: x0.subarray((i - start) * PER, (i - start + 1) * PER), state: 'preview' } : sl)),
          }),
        },
      );
      cache.current = { key, images: p.images, verdicts: p.verdicts, timing: p.timing };
      setDdpm((s) => s && { ...s, slots: finalSlots(s, p.images, p.verdicts), state: 'done', timing: p.timing,
        quality: p.verdicts ? agreement(p.verdicts, digits, colours) : null });
    } catch (e) {
      setDdpm((s) => s && { ...s, state: 'stopped' });
      throw e;
    }
  }, [get, reducedMotion]);

  const cmp = ddim?.timing && ddpm?.timing ? compareRuns(ddpm.timing, ddim.timing) : null;

  return (
    <Cell
      id={id}
      title={text.title}
      spec={spec}
      run={run}
      code={code}
      caption={<p><MathText text={text.caption} /></p>}
      onReset={() => { setDdim(null); setDdpm(null); }}
      controls={(api) => <SpeedControls api={api} spec={spec} text={text} colours={ui.colours} />}
    >
      {() => (
        <>
          <ModelStatus state={state} />
          {ddim && ddpm && (
            <div className={styles.sideBySide}>
              <SidePanel side={ddpm} kind="ddpm" heading={text.ddpm(T)} text={text} lang={lang} />
              <SidePanel side={ddim} kind="ddim" heading={text.ddim(ddimParams.S, ddimParams.eta)} text={text} lang={lang} />
            </div>
          )}
          {cmp && (
            <p data-testid="speed-ratio" data-time-ratio={cmp.timeRatio} data-step-ratio={cmp.stepRatio} data-per-step-ratio={cmp.perStepRatio}>
              {text.ratio(cmp.timeRatio, cmp.stepRatio, cmp.perStepRatio)}
            </p>
          )}
          {history.length > 1 && <HistoryTable history={history} text={text} />}
        </>
      )}
    </Cell>
  );
}
