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
import { NumberControl, SelectControl, SliderControl } from '../cell/controls';
import { useLang } from '../LangProvider';
import { usePrefersReducedMotion } from '../usePrefersReducedMotion';
import type { ParamValues } from '@/lib/urlState';
import { speedSpec, RANDOM_DIGITS, RANDOM_COLOURS, type CellClientProps } from './catalog';
import { COLOUR_NAMES } from '@/lib/imageSampling/prompt';
import { drawConditions } from '@/lib/imageExtras/conditions';
import { agreement, compareRuns, type Agreement } from '@/lib/imageExtras/speed';
import type { JobTiming } from '@/lib/imageSampling/protocol';
import type { Verdict } from '@/lib/imageSampling/tfAdapters';
import { useLazyImageModel } from '../imageExtras/useLazyImageModel';
import { ModelStatus } from '../imageModel/ModelStatus';
import { ImageGrid, type GridSlot } from '../imageModel/ImageGrid';
import { COLOUR_LABELS, colourLabel, digitLabel } from '../imageModel/labels';
import styles from '../imageExtras/imageExtras.module.css';

type Spec = ReturnType<typeof speedSpec>;
type Values = ParamValues<Spec>;

/** The requested digit and colour of every image: fixed, or drawn from the seed. */
export function speedConditions(v: Pick<Values, 'count' | 'digit' | 'colour' | 'seed'>): { digits: number[]; colours: number[] } {
  return drawConditions(v, 0x5eed);
}

const TEXT = {
  en: {
    title: 'Speed against quality: DDPM with 1000 steps vs DDIM with S steps',
    steps: 'DDIM steps S', eta: 'DDIM η (0 = deterministic, 1 = DDPM-like noise)', count: 'Digits per sampler', digit: 'Digit', colour: 'Colour',
    w: 'Guidance w', seed: 'Seed', random: 'random (from the seed)',
    caption: 'Run samples the same digits twice with the pretrained model, in a background worker of this page: first DDIM with S steps, then DDPM over all T steps, starting from the same noise x_T. Each side shows its own wall time, milliseconds per step and how often the evaluation classifier sees the digit and colour that were asked for. The DDPM result is kept while you change only S or η, so you can explore S quickly.',
    ddpm: (T: number) => `DDPM, all ${T} steps`,
    ddim: (S: number, eta: number) => `DDIM, S = ${S} steps, η = ${eta.toFixed(2)}`,
    waiting: 'waiting for DDIM to finish…', stopped: 'stopped before it finished', running: 'sampling…',
    timing: (t: JobTiming) => `${t.totalSeconds.toFixed(2)} s wall time · ${t.perStepMs.toFixed(1)} ms per step · ${t.steps} steps · ${t.backend}`,
    quality: (a: Agreement) => `Classifier agrees with digit and colour: ${Math.round(a.both * a.n)} of ${a.n} (${Math.round(a.both * 100)}%) — digit ${Math.round(a.digit * 100)}%, colour ${Math.round(a.colour * 100)}%`,
    noClassifier: 'The evaluation classifier is not loaded, so samples are not graded.',
    reused: 'Reused from the previous run (same digits, colours, seed and w).',
    ratio: (time: number, steps: number, perStep: number) => `DDPM took ${time.toFixed(1)}× as long as DDIM; the step ratio T/S is ${steps.toFixed(1)}×. A DDIM step cost ${perStep.toFixed(2)}× a DDPM step. Both make the same network call per step, so the saving comes from doing fewer steps; a per-step ratio far from 1 means the computer was busier during one of the two runs.`,
    history: 'This visit’s runs',
    hS: 'S', hEta: 'η', hTime: 'DDIM time', hPer: 'ms/step', hQ: 'agreement',
    slot: (i: number, d: string, c: string, who: string) => `${who} sample ${i + 1}: asked for digit ${d}, colour ${c}`,
    verdict: (v: Verdict) => `${v.digit} · ${colourLabel('en', v.colour)}`,
    verdictTitle: (v: Verdict) => `classifier: digit ${v.digit} (${Math.round(v.digitProb * 100)}%), colour ${colourLabel('en', v.colour)} (${Math.round(v.colourProb * 100)}%)`,
  },
  zh: {
    title: '速度与质量：1000 步的 DDPM 对比 S 步的 DDIM',
    steps: 'DDIM 步数 S', eta: 'DDIM η（0 为确定性，1 接近 DDPM 的噪声）', count: '每个采样器生成的数量', digit: '数字', colour: '颜色',
    w: '引导强度 w', seed: '随机种子', random: '随机（由种子决定）',
    caption: '点击“运行”后，本页的后台 Worker 用预训练模型把同一组数字生成两遍：先用 S 步的 DDIM，再用走完全部 T 步的 DDPM，两者从同一个噪声 x_T 出发。每一侧分别给出实际耗时、每步毫秒数，以及评估分类器认出所要求数字和颜色的比例。只改变 S 或 η 时会沿用上一次的 DDPM 结果，方便快速比较不同的 S。',
    ddpm: (T: number) => `DDPM，全部 ${T} 步`,
    ddim: (S: number, eta: number) => `DDIM，S = ${S} 步，η = ${eta.toFixed(2)}`,
    waiting: '等待 DDIM 完成…', stopped: '未完成即被停止', running: '采样中…',
    timing: (t: JobTiming) => `实际耗时 ${t.totalSeconds.toFixed(2)} 秒 · 每步 ${t.perStepMs.toFixed(1)} 毫秒 · ${t.steps} 步 · ${t.backend}`,
    quality: (a: Agreement) => `分类器认同数字和颜色的：${Math.round(a.both * a.n)} / ${a.n}（${Math.round(a.both * 100)}%）——数字 ${Math.round(a.digit * 100)}%，颜色 ${Math.round(a.colour * 100)}%`,
    noClassifier: '评估分类器未加载，因此不对样本打分。',
    reused: '沿用上一次的结果（数字、颜色、种子和 w 都相同）。',
    ratio: (time: number, steps: number, perStep: number) => `DDPM 的耗时是 DDIM 的 ${time.toFixed(1)} 倍；步数之比 T/S 为 ${steps.toFixed(1)} 倍。DDIM 每步的开销是 DDPM 每步的 ${perStep.toFixed(2)} 倍。两者每一步都调用同一个网络一次，所以节省的时间来自步数的减少；如果每步开销之比明显偏离 1，说明两次运行中有一次电脑更忙。`,
    history: '本次访问的运行记录',
    hS: 'S', hEta: 'η', hTime: 'DDIM 耗时', hPer: '毫秒/步', hQ: '一致率',
    slot: (i: number, d: string, c: string, who: string) => `${who} 第 ${i + 1} 个样本：要求数字 ${d}，颜色 ${c}`,
    verdict: (v: Verdict) => `${v.digit} · ${colourLabel('zh', v.colour)}`,
    verdictTitle: (v: Verdict) => `分类器：数字 ${v.digit}（${Math.round(v.digitProb * 100)}%），颜色 ${colourLabel('zh', v.colour)}（${Math.round(v.colourProb * 100)}%）`,
  },
};

type Side = {
  slots: GridSlot[];
  state: 'waiting' | 'running' | 'done' | 'stopped';
  timing: JobTiming | null;
  quality: Agreement | null;
  reused?: boolean;
};

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
  const text = TEXT[lang];
  const spec = useMemo(() => speedSpec(defaultGuidance), [defaultGuidance]);
  const reducedMotion = usePrefersReducedMotion();
  const { get, state } = useLazyImageModel();
  const [ddim, setDdim] = useState<Side | null>(null);
  const [ddpm, setDdpm] = useState<Side | null>(null);
  const [T, setT] = useState(1000);
  const [ddimParams, setDdimParams] = useState({ S: 0, eta: 0 });
  const [history, setHistory] = useState<{ S: number; eta: number; seconds: number; perStep: number; q: number | null }[]>([]);
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

  const digitLabels = Object.fromEntries(RANDOM_DIGITS.map((d) => [d, d === 'random' ? text.random : d]));
  const colourLabels = Object.fromEntries(RANDOM_COLOURS.map((c) => [c, c === 'random' ? text.random : COLOUR_LABELS[lang][c as (typeof COLOUR_NAMES)[number]]]));
  const cmp = ddim?.timing && ddpm?.timing ? compareRuns(ddpm.timing, ddim.timing) : null;

  const panel = (side: Side, kind: 'ddpm' | 'ddim', heading: string) => (
    <section className={styles.panel} data-testid={`speed-${kind}`} data-state={side.state}
      data-total-seconds={side.timing?.totalSeconds ?? ''} data-per-step-ms={side.timing?.perStepMs ?? ''}
      data-steps={side.timing?.steps ?? ''} data-agreement={side.quality ? side.quality.both : ''} data-reused={side.reused ? 'true' : 'false'}>
      <h5>{heading}</h5>
      <ImageGrid slots={side.slots} label={heading}
        slotLabel={(s, i) => text.slot(i, digitLabel(lang, s.requestedDigit), colourLabel(lang, s.requestedColour), kind.toUpperCase())}
        verdictText={text.verdict} verdictTitle={text.verdictTitle} />
      {side.timing ? <p className={styles.timing}>{text.timing(side.timing)}</p>
        : <p className={styles.muted}>{side.state === 'waiting' ? text.waiting : side.state === 'stopped' ? text.stopped : text.running}</p>}
      {side.timing && (side.quality ? <p className={styles.timing}>{text.quality(side.quality)}</p> : <p className={styles.muted}>{text.noClassifier}</p>)}
      {side.reused && <p className={styles.muted}>{text.reused}</p>}
    </section>
  );

  return (
    <Cell
      id={id}
      title={text.title}
      spec={spec}
      run={run}
      code={code}
      caption={<p>{text.caption}</p>}
      onReset={() => { setDdim(null); setDdpm(null); }}
      controls={({ values, setValue, running }) => (
        <>
          <SliderControl label={text.steps} spec={spec.steps} value={values.steps} log disabled={running} onChange={(v) => setValue('steps', v)} />
          <SliderControl label={text.eta} spec={spec.eta} value={values.eta} step={0.05} disabled={running} format={(v) => v.toFixed(2)} onChange={(v) => setValue('eta', v)} />
          <NumberControl label={text.count} name="count" spec={spec.count} value={values.count} disabled={running} onChange={(v) => setValue('count', v)} />
          <SelectControl label={text.digit} spec={spec.digit} value={values.digit} labels={digitLabels} disabled={running} onChange={(v) => setValue('digit', v)} />
          <SelectControl label={text.colour} spec={spec.colour} value={values.colour} labels={colourLabels} disabled={running} onChange={(v) => setValue('colour', v)} />
          <SliderControl label={text.w} spec={spec.w} value={values.w} step={0.25} disabled={running} format={(v) => v.toFixed(2)} onChange={(v) => setValue('w', v)} />
          <NumberControl label={text.seed} name="seed" spec={spec.seed} value={values.seed} disabled={running} onChange={(v) => setValue('seed', v)} />
        </>
      )}
    >
      {() => (
        <>
          <ModelStatus state={state} lang={lang} />
          {ddim && ddpm && (
            <div className={styles.sideBySide}>
              {panel(ddpm, 'ddpm', text.ddpm(T))}
              {panel(ddim, 'ddim', text.ddim(ddimParams.S, ddimParams.eta))}
            </div>
          )}
          {cmp && (
            <p data-testid="speed-ratio" data-time-ratio={cmp.timeRatio} data-step-ratio={cmp.stepRatio} data-per-step-ratio={cmp.perStepRatio}>
              {text.ratio(cmp.timeRatio, cmp.stepRatio, cmp.perStepRatio)}
            </p>
          )}
          {history.length > 1 && (
            <table className={styles.history} aria-label={text.history}>
              <caption className={styles.muted}>{text.history}</caption>
              <thead><tr><th>{text.hS}</th><th>{text.hEta}</th><th>{text.hTime}</th><th>{text.hPer}</th><th>{text.hQ}</th></tr></thead>
              <tbody>
                {history.map((h, i) => (
                  <tr key={i}><td>{h.S}</td><td>{h.eta.toFixed(2)}</td><td>{h.seconds.toFixed(2)} s</td><td>{h.perStep.toFixed(1)}</td><td>{h.q === null ? '—' : `${Math.round(h.q * 100)}%`}</td></tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </Cell>
  );
}
