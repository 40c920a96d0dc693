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
import { SPEED_PREVIEW_STEPS, speedSpec, type CellClientProps } from './catalog';
import { HistoryTable, SidePanel, SpeedControls, SpeedRatio, type HistoryRow, type Side } from './SpeedQualityParts';
import { drawConditions } from '@/lib/imageExtras/conditions';
import { agreement, projectFullRun, type PartialRun } from '@/lib/imageExtras/speed';
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


type ImageClient = Awaited<ReturnType<ReturnType<typeof useLazyImageModel>['get']>>;
type SampleRequest = Parameters<ImageClient['sample']>[0];
type SampleResult = Awaited<ReturnType<ImageClient['sample']>>;
interface DdpmCallbacks {
  onProgress: (done: number, total: number) => void;
  onPreview: (start: number, n: number, x0: Float32Array) => void;
  onStopped: () => void;
}

/**
 * DDPM over all T steps, or only its first `stopAt` (the cell's default): then the run is stopped
 * on purpose once that many steps are done, and its measured cost per step projects the whole run.
 * A Stop by the reader still rejects with AbortError.
 */
async function runDdpm(client: ImageClient, request: SampleRequest, T: number, stopAt: number, signal: AbortSignal, cb: DdpmCallbacks):
  Promise<{ result: SampleResult } | { projection: PartialRun }> {
  const early = new AbortController();
  const follow = () => early.abort();
  signal.addEventListener('abort', follow, { once: true });
  const t0 = performance.now();
  let stepsDone = 0;
  try {
    const result = await client.sample(request, {
      signal: early.signal,
      onProgress: (done, total) => {
        stepsDone = Math.round((done / total) * T);
        cb.onProgress(done, total);
        if (stopAt < T && stepsDone >= stopAt) early.abort();
      },
      onPreview: cb.onPreview,
    });
    return { result };
  } catch (e) {
    if (!signal.aborted && stopAt < T && stepsDone >= stopAt) return { projection: projectFullRun(stepsDone, T, (performance.now() - t0) / 1000) };
    cb.onStopped();
    throw e;
  } finally {
    signal.removeEventListener('abort', follow);
  }
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
    const work = v.steps + (reuse ? 0 : v.ddpmRun === 'preview' ? Math.min(SPEED_PREVIEW_STEPS, info.T) : info.T);
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
    const stopAt = v.ddpmRun === 'preview' ? Math.min(SPEED_PREVIEW_STEPS, info.T) : info.T;
    const previewEvery = Math.max(1, Math.round(stopAt / (reducedMotion ? 4 : 20)));
    const out = await runDdpm(client, { ...base, sampler: { kind: 'ddpm' }, previewEvery }, info.T, stopAt, ctx.signal, {
      onProgress: (done, total) => ctx.progress(0.05 + 0.95 * (v.steps + Math.min((done / total) * info.T, stopAt)) / work),
      onPreview: (start, n, x0) => setDdpm((s) => s && {
        ...s, slots: s.slots.map((sl, i) => (i >= start && i < start + n ? { ...sl, data: x0.subarray((i - start) * PER, (i - start + 1) * PER), state: 'preview' } : sl)),
      }),
      onStopped: () => setDdpm((s) => s && { ...s, state: 'stopped' }),
    });
    if ('projection' in out) {
      setDdpm((s) => s && { ...s, state: 'partial', projection: out.projection });
      return;
    }
    const p = out.result;
    cache.current = { key, images: p.images, verdicts: p.verdicts, timing: p.timing };
    setDdpm((s) => s && { ...s, slots: finalSlots(s, p.images, p.verdicts), state: 'done', timing: p.timing,
      quality: p.verdicts ? agreement(p.verdicts, digits, colours) : null });
  }, [get, reducedMotion]);


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
      {(api) => (
        <>
          <ModelStatus state={state} />
          {ddim && ddpm && (
            <div className={styles.sideBySide}>
              <SidePanel side={ddpm} kind="ddpm" heading={text.ddpm(T)} text={text} lang={lang}
                onRunFull={api.running ? undefined : () => { api.setValue('ddpmRun', 'full'); api.start((v, ctx) => run({ ...v, ddpmRun: 'full' }, ctx)); }} />
              <SidePanel side={ddim} kind="ddim" heading={text.ddim(ddimParams.S, ddimParams.eta)} text={text} lang={lang} />
            </div>
          )}
          {ddim && ddpm && <SpeedRatio ddpm={ddpm} ddim={ddim} text={text} />}
          {history.length > 1 && <HistoryTable history={history} text={text} />}
        </>
      )}
    </Cell>
  );
}
